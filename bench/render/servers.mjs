// The three comment servers of the benchmark on loopback, each filled with the generated threads
// by writing its SQLite database directly (tens of thousands of comments through the HTTP APIs
// would take minutes, and Isso's and Waline's posting paths are not what is measured):
//
//   threadline-server  its own migrations create the schema; rows go into `comments`
//   Isso 0.14.0        started first so that it creates its tables; rows go into `threads`
//                      and `comments`, every reply filed under its top-level comment as Isso
//                      itself does (it stores two levels)
//   Waline 1.39.3      the schema of PEERS.md, filled before the server starts
//
// Every server binds 127.0.0.1, every wait has a deadline, and `stop()` waits for the exit.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withDeadline } from '../../tests/e2e/harness.mjs';
import { freePort, startProcess, waitUntilReady } from '../../tests/e2e/peers/process.mjs';
import { SCHEMA as WALINE_SCHEMA, launchWaline } from '../../tests/e2e/peers/waline.mjs';

const START_DEADLINE_MS = 60_000;
const SQLITE_DEADLINE_MS = 120_000;
const LISTENING = /threadline-server listening on (http:\/\/127\.0\.0\.1:(\d+))/;

/**
 * Runs `batches` ([{ sql, rows }]) against the SQLite file `db` in one transaction, after
 * `schema` (SQL, optional), with Python's sqlite3 module (Node 20 has none).
 */
export async function sqliteLoad(db, { schema = '', batches = [] }) {
  const script = [
    'import json, sqlite3, sys',
    'job = json.load(sys.stdin)',
    'c = sqlite3.connect(job["db"], timeout=30)',
    'if job["schema"]: c.executescript(job["schema"])',
    'with c:',
    '    for b in job["batches"]:',
    '        c.executemany(b["sql"], [[bytes(v["blob"]) if isinstance(v, dict) else v for v in r] for r in b["rows"]])',
    'c.close()',
  ].join('\n');
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  child.stdin.end(JSON.stringify({ db, schema, batches }));
  const code = await withDeadline(exited, SQLITE_DEADLINE_MS, `loading ${db}`);
  if (code !== 0) throw new Error(`loading ${db} failed (${code}): ${stderr}`);
}

/** Ids per thread: thread k's comment i gets id k * 1_000_000 + i + 1, the same in every store. */
function idOf(k, index) {
  return k * 1_000_000 + index + 1;
}

// ---------------------------------------------------------------------------------------------
// threadline-server

/**
 * Starts threadline-server (`bin`) with a fresh database, rate limits and duplicate detection
 * off, `dist` served at `/`, and `allowedOrigins` allowed to call the API.
 * Returns `{ url, api, db, stop() }`.
 */
export async function startThreadline({ bin, dist, allowedOrigins = [] }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-bench-'));
  const db = path.join(dir, 'threadline.db');
  const args = ['--listen', '127.0.0.1:0', '--db', db, '--post-rate', '0', '--duplicate-window-mins', '0'];
  // The browser is on loopback: no per-address limit either (new threads, address hashes).
  args.push('--exempt-loopback');
  if (dist) args.push('--dist', dist);
  for (const origin of allowedOrigins) args.push('--allowed-origin', origin);
  const proc = startProcess('threadline-server', bin, args, { env: { ...process.env, RUST_LOG: 'warn' } });
  let url = null;
  try {
    await waitUntilReady(
      proc,
      async () => {
        url ??= proc.log.map((line) => LISTENING.exec(line)?.[1]).find(Boolean) ?? null;
        return url !== null && (await fetch(`${url}/api/comments?thread=/&limit=1`)).ok;
      },
      START_DEADLINE_MS,
      'threadline-server to answer',
    );
  } catch (error) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'threadline-server',
    url,
    api: `${url}/api`,
    db,
    log: proc.log,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `threads` (from generate.mjs) into a running threadline-server's database. */
export async function loadThreadline(server, threads) {
  const rows = [];
  threads.forEach((t, k) => {
    for (const c of t.comments) {
      rows.push([
        idOf(k, c.index),
        t.thread,
        c.parent === null ? null : idOf(k, c.parent),
        idOf(k, c.root),
        c.author,
        c.email,
        c.website || null,
        c.text,
        c.createdMs,
      ]);
    }
  });
  await sqliteLoad(server.db, {
    batches: [{
      sql: 'INSERT INTO comments (id, thread, parent_id, root_id, author, email, website, text, created_ms) VALUES (?,?,?,?,?,?,?,?,?)',
      rows,
    }],
  });
}

// ---------------------------------------------------------------------------------------------
// Isso

/**
 * Starts Isso (`bin`, the venv's `isso`) with a fresh database, the guard off and one `host`
 * line per origin in `hosts`, then loads `threads`. Returns `{ url, stop() }`.
 */
export async function startIsso({ bin, hosts, threads = [] }) {
  if (!existsSync(bin)) throw new Error(`Isso is not installed at ${bin}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-bench-isso-'));
  const db = path.join(dir, 'comments.db');
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const config = path.join(dir, 'isso.cfg');
      await writeFile(config, [
        '[general]', `dbpath = ${db}`, 'host =', ...hosts.map((h) => `    ${h}`), '',
        '[server]', `listen = ${url}/`, '', '[guard]', 'enabled = false', '',
      ].join('\n'));
      const proc = startProcess('isso', bin, ['-c', config, 'run'], { cwd: dir });
      try {
        await waitUntilReady(proc, async () => (await fetch(`${url}/?uri=/`)).ok, START_DEADLINE_MS, 'Isso to answer');
      } catch (error) {
        await proc.stop();
        if (attempt >= 3 || !/address already in use/i.test(error.message)) throw error;
        continue;
      }
      const handle = {
        name: 'isso',
        url,
        db,
        log: proc.log,
        async stop() {
          await proc.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
      try {
        await loadIsso(handle, threads);
      } catch (error) {
        await handle.stop();
        throw error;
      }
      return handle;
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function loadIsso(isso, threads) {
  const threadRows = threads.map((t, k) => [k + 1, t.thread, t.title]);
  const rows = [];
  threads.forEach((t, k) => {
    for (const c of t.comments) {
      rows.push([
        k + 1,
        idOf(k, c.index),
        // Isso files a reply to a reply under the top-level comment: store what it would.
        c.parent === null ? null : idOf(k, c.root),
        c.createdMs / 1000,
        1,
        '127.0.0.0',
        c.text,
        c.author,
        c.email,
        c.website || null,
        { blob: new Array(256).fill(0) },
      ]);
    }
  });
  await sqliteLoad(isso.db, {
    batches: [
      { sql: 'INSERT INTO threads (id, uri, title) VALUES (?,?,?)', rows: threadRows },
      {
        sql: 'INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,0,0,?,0)',
        rows,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Waline

// The tables of Waline's MySQL dump, in SQLite (see shared/PEERS.md).
// Waline's schema and loopback runner are the tests' own (tests/e2e/peers/waline.mjs).

/** `YYYY-MM-DD HH:MM:SS` in local time, as Waline writes its dates. */
function localDate(ms) {
  const t = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

/**
 * Creates Waline's database with `threads` in it, then starts @waline/vercel from `dir` (the
 * folder whose node_modules holds it). Returns `{ url, stop() }`.
 */
export async function startWaline({ dir: walineHome, threads = [] }) {
  if (!existsSync(path.join(walineHome, 'node_modules', '@waline', 'vercel', 'package.json'))) {
    throw new Error(`@waline/vercel is not installed in ${walineHome}`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-bench-waline-'));
  let proc = null;
  try {
    await mkdir(path.join(dir, 'tmp'));
    const rows = [];
    threads.forEach((t, k) => {
      for (const c of t.comments) {
        const date = localDate(c.createdMs);
        rows.push([
          idOf(k, c.index),
          c.text,
          date,
          '127.0.0.1',
          c.website,
          c.email,
          c.author,
          c.parent === null ? null : idOf(k, c.parent),
          c.parent === null ? null : idOf(k, c.root),
          'approved',
          0,
          'threadline-bench',
          t.thread,
          date,
          date,
        ]);
      }
    });
    await sqliteLoad(path.join(dir, 'waline.sqlite'), {
      schema: WALINE_SCHEMA,
      batches: [{
        sql: 'INSERT INTO wl_Comment (id, comment, insertedAt, ip, link, mail, nick, pid, rid, status, "like", ua, url, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
        rows,
      }],
    });
    let port;
    ({ proc, port } = await launchWaline({ dir, walineHome, jwt: 'threadline-bench' }));
    const running = proc;
    return {
      name: 'waline',
      url: `http://127.0.0.1:${port}`,
      log: proc.log,
      async stop() {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await proc?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops every server in `servers` (nulls skipped), even when one of them fails to stop. */
export async function stopAll(servers) {
  await Promise.allSettled(servers.filter(Boolean).map((s) => s.stop()));
}
