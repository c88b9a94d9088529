// The real Isso 0.14.0 server on loopback, for the Isso adapter's tests (see shared/PEERS.md).
//
//   const isso = await startIsso({ hosts: ['http://127.0.0.1:5173'] });
//   const { ids, thread } = await isso.seed();   // tests/e2e/peers/seed-thread.json
//   ... fetch(`${isso.url}/?uri=${thread}&nested_limit=5`) ...
//   await isso.stop();
//
// Environment: THREADLINE_ISSO_BIN, the `isso` of the venv `cargo xtask test` installs (default
// <repo>/target/peers/isso-venv/bin/isso; install it with `cargo xtask test`).

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../harness.mjs';
import { freePort, loadSeedThread, startProcess, waitUntilReady } from './process.mjs';

const START_DEADLINE_MS = 20_000;
const START_ATTEMPTS = 3;

/** The Isso executable: THREADLINE_ISSO_BIN, else the venv under target/peers/. */
export function issoBin() {
  const bin = process.env.THREADLINE_ISSO_BIN || path.join(ROOT, 'target', 'peers', 'isso-venv', 'bin', 'isso');
  if (!existsSync(bin)) {
    throw new Error(`Isso is not installed at ${bin}: run \`cargo xtask test\` (it installs the peer servers)`);
  }
  return bin;
}

/**
 * Starts Isso with a fresh database in a temporary folder, the guard off (it allows two posts a
 * minute per /24, and loopback is one /24), and one `host` line per origin in `hosts`: the
 * origins of the widget pages that will call it (scheme, host and port must match exactly).
 * Resolves once it answers HTTP. Returns `{ url, port, stop(), seed(seedThread) }`.
 */
export async function startIsso({ hosts = [] } = {}) {
  const bin = issoBin();
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-isso-'));
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const config = path.join(dir, 'isso.cfg');
      // Isso needs at least one host; without a page origin, its own origin stands in.
      await writeFile(config, issoConfig({ dir, url, hosts: hosts.length ? hosts : [url] }));
      const proc = startProcess('isso', bin, ['-c', config, 'run'], { cwd: dir });
      try {
        await waitUntilReady(proc, async () => (await fetch(`${url}/?uri=/`)).ok, START_DEADLINE_MS, 'Isso to answer');
        return issoHandle({ url, port, proc, dir });
      } catch (error) {
        await proc.stop();
        // Another process may have taken the port between freePort() and Isso's bind.
        if (attempt >= START_ATTEMPTS || !/address already in use/i.test(error.message)) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function issoConfig({ dir, url, hosts }) {
  return [
    '[general]',
    `dbpath = ${path.join(dir, 'comments.db')}`,
    'host =',
    ...hosts.map((host) => `    ${host}`),
    '',
    '[server]',
    `listen = ${url}/`,
    '',
    '[guard]',
    'enabled = false',
    '',
  ].join('\n');
}

function issoHandle({ url, port, proc, dir }) {
  return {
    url,
    port,
    /** Recent lines of Isso's output, for failure messages. */
    log: proc.log,
    /** Stops Isso, waits for it to exit, and removes its database. */
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
    /**
     * Posts every comment of `seedThread` through `POST /new?uri=<thread>`, in order, with
     * `parent` set to the id Isso returned for the parent's key (Isso itself files a reply to a
     * reply under the top-level comment). Returns `{ ids: { key: issoId }, thread }`.
     */
    async seed(seedThread) {
      const seed = seedThread ?? (await loadSeedThread());
      const ids = {};
      for (const [index, comment] of seed.comments.entries()) {
        const body = {
          text: comment.text,
          author: comment.author,
          email: comment.email,
          website: comment.website,
          parent: comment.parent === null ? null : ids[comment.parent],
        };
        // Without a title Isso fetches the page to find one, and answers 400 when it cannot.
        if (index === 0) body.title = seed.title;
        const response = await postJson(`${url}/new?uri=${encodeURIComponent(seed.thread)}`, body);
        if (response.status !== 201) {
          throw new Error(`Isso: seeding ${comment.key} got ${response.status}: ${await response.text()}`);
        }
        ids[comment.key] = (await response.json()).id;
      }
      return { ids, thread: seed.thread };
    },
  };
}

/** POSTs JSON: Isso refuses anything else (a form post is a 403 "CSRF"). */
export function postJson(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
