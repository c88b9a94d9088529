// Shared plumbing for the peer-server harnesses (isso.mjs, waline.mjs): a free loopback port,
// a child process whose output is kept for error messages, polling with a deadline, and a stop
// that always waits for the exit.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDeadline } from '../harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** tests/e2e/peers/seed-thread.json: the thread every peer is seeded with by default. */
export const SEED_THREAD_FILE = path.join(HERE, 'seed-thread.json');

/** Reads the default seed thread. */
export async function loadSeedThread() {
  return JSON.parse(await readFile(SEED_THREAD_FILE, 'utf8'));
}

/**
 * A port that was free a moment ago (bind port 0, read it, close). For servers that cannot
 * report the port they bound themselves; callers retry when the bind loses a race.
 */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns `command` and keeps the last 200 lines of its stdout and stderr in `log`. */
export function startProcess(name, command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  let done = false;
  // A failed spawn emits 'error' and no 'exit'; either ends the process's life here.
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  }).finally(() => {
    done = true;
  });
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      log.push(line);
      if (log.length > 200) log.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    name,
    child,
    log,
    exited,
    /** True while the process has not exited. */
    get running() {
      return !done;
    },
    /** Stops the process (SIGTERM, SIGKILL after `ms`) and waits for it to exit. */
    async stop(ms = 10_000) {
      if (!done) {
        child.kill('SIGTERM');
        try {
          await withDeadline(exited, ms, `${name} to stop`);
        } catch {
          child.kill('SIGKILL');
          await exited;
        }
      }
    },
    /** `error` with the process's recent output appended. */
    explain(error) {
      error.message += `\n--- ${name} output ---\n${log.join('\n')}`;
      return error;
    },
  };
}

/**
 * Polls `probe()` (resolving true when ready) until it succeeds, the process exits, or `ms`
 * passes. Each failed probe waits 50 ms before the next: a poll interval, not a fixed sleep.
 */
export async function waitUntilReady(proc, probe, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!proc.running) {
      const { code, signal, error } = await proc.exited;
      const why = error ? error.message : `code ${code}, signal ${signal}`;
      throw proc.explain(new Error(`${proc.name} exited (${why}) before ${what}`));
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw proc.explain(new Error(`timed out after ${ms} ms waiting for ${what}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The key of the top-level ancestor of `comment` in a seed thread (itself when top-level). */
export function rootKey(comments, comment) {
  const byKey = new Map(comments.map((c) => [c.key, c]));
  let current = comment;
  for (let hops = 0; current.parent !== null; hops++) {
    if (hops > comments.length) throw new Error(`seed thread: parent cycle at ${comment.key}`);
    current = byKey.get(current.parent);
    if (!current) throw new Error(`seed thread: ${comment.key} has an unknown ancestor`);
  }
  return current.key;
}
