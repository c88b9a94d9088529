// The real Waline server (@waline/vercel 1.39.3) on loopback with SQLite, for the Waline
// adapter's tests (see shared/PEERS.md).
//
//   const waline = await startWaline();
//   const { ids, thread } = await waline.seed();  // tests/e2e/peers/seed-thread.json
//   ... fetch(`${waline.url}/api/comment?path=${thread}`) ...
//   await waline.stop();
//
// Environment: THREADLINE_WALINE_DIR, the folder whose node_modules holds @waline/vercel
// (default <repo>/target/peers/waline; install it with `cargo xtask test`).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, withDeadline } from '../harness.mjs';
import { loadSeedThread, rootKey, startProcess, waitUntilReady } from './process.mjs';

const START_DEADLINE_MS = 60_000;
const SCHEMA_DEADLINE_MS = 10_000;

/** Where @waline/vercel is installed: THREADLINE_WALINE_DIR, else target/peers/waline. */
export function walineDir() {
  const dir = process.env.THREADLINE_WALINE_DIR || path.join(ROOT, 'target', 'peers', 'waline');
  if (!existsSync(path.join(dir, 'node_modules', '@waline', 'vercel', 'package.json'))) {
    throw new Error(`@waline/vercel is not in ${dir}: run \`cargo xtask test\` (it installs the peer servers)`);
  }
  return dir;
}

// Waline ships no SQLite schema: these are the tables of its MySQL dump, in SQLite.
/** Waline's SQLite tables (its npm package does not ship them). Shared with the benchmarks. */
export const SCHEMA = `
CREATE TABLE wl_Comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, comment TEXT,
  insertedAt DATETIME NOT NULL DEFAULT (datetime('now', 'localtime')),
  ip VARCHAR(100) DEFAULT '', link VARCHAR(255), mail VARCHAR(255), nick VARCHAR(255),
  pid INTEGER, rid INTEGER, sticky NUMERIC, status VARCHAR(50) NOT NULL DEFAULT '',
  "like" INTEGER, ua TEXT, url VARCHAR(255),
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime')));
CREATE TABLE wl_Counter (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER,
  reaction0 INTEGER, reaction1 INTEGER, reaction2 INTEGER, reaction3 INTEGER, reaction4 INTEGER,
  reaction5 INTEGER, reaction6 INTEGER, reaction7 INTEGER, reaction8 INTEGER,
  url VARCHAR(255) NOT NULL DEFAULT '',
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime')));
CREATE TABLE wl_Users (
  id INTEGER PRIMARY KEY AUTOINCREMENT, display_name VARCHAR(255) NOT NULL DEFAULT '',
  email VARCHAR(255) NOT NULL DEFAULT '', password VARCHAR(255) NOT NULL DEFAULT '',
  type VARCHAR(50) NOT NULL DEFAULT '', label VARCHAR(255), github VARCHAR(255),
  twitter VARCHAR(255), facebook VARCHAR(255), google VARCHAR(255), weibo VARCHAR(255),
  qq VARCHAR(255), oidc VARCHAR(255), huawei VARCHAR(255), "2fa" VARCHAR(32),
  avatar VARCHAR(255), url VARCHAR(255),
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime')));
`;

// Waline's default runner listens on every interface, port 8360, in a cluster; this serves its
// handler on loopback instead, on a port the kernel picks, and prints that port.
const SERVER_JS = `
const http = require('node:http');
const waline = require(require.resolve('@waline/vercel', { paths: [process.env.WALINE_DIR] }));
const server = http.createServer(waline({ env: 'production' }));
server.listen(0, '127.0.0.1', () => console.log('waline listening on port ' + server.address().port));
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); process.exit(0); });
`;

/** Creates `<dir>/<name>.sqlite` with Waline's tables, using Python's sqlite3 module. */
async function createDatabase(file) {
  const script = 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.stdin.read())\nc.close()';
  const child = spawn('python3', ['-c', script, file], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  child.stdin.end(SCHEMA);
  const code = await withDeadline(exited, SCHEMA_DEADLINE_MS, 'the Waline schema');
  if (code !== 0) throw new Error(`creating the Waline database failed (${code}): ${stderr}`);
}

/**
 * Runs @waline/vercel (installed in `walineHome`) on loopback against `<dir>/waline.sqlite`,
 * with the settings it needs offline, and resolves once its API answers: `{ proc, port }`.
 * `dir` must already hold the database and a `tmp/` folder. Shared with the benchmarks.
 */
export async function launchWaline({ dir, walineHome, jwt }) {
  const proc = startProcess('waline', process.execPath, ['-e', SERVER_JS], {
    cwd: dir,
    env: {
      ...process.env,
      WALINE_DIR: walineHome,
      // Waline puts its runtime cache under os.tmpdir(): keep it in our folder.
      TMPDIR: path.join(dir, 'tmp'),
      SQLITE_PATH: dir,
      SQLITE_DB: 'waline',
      JWT_TOKEN: jwt,
      AKISMET_KEY: 'false',
      // Else a second post from the same IP within a minute is "Comment too fast!".
      IPQPS: '0',
      // Else every request first fetches https://oauth.lithub.cc, which fails offline: 500.
      OAUTH_URL: `data:application/json,${encodeURIComponent('{"services":[]}')}`,
    },
  });
  let port = null;
  const listening = /waline listening on port (\d+)/;
  try {
    await waitUntilReady(
      proc,
      async () => {
        port ??= Number(proc.log.map((line) => listening.exec(line)?.[1]).find(Boolean)) || null;
        if (!port) return false;
        const response = await fetch(`http://127.0.0.1:${port}/api/comment?type=count&url=/`);
        return response.ok && (await response.json()).errno === 0;
      },
      START_DEADLINE_MS,
      'Waline to answer',
    );
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { proc, port };
}

/**
 * Starts Waline with a fresh SQLite database in a temporary folder and resolves once its API
 * answers. Returns `{ url, port, stop(), seed(seedThread) }`.
 */
export async function startWaline() {
  const walineHome = walineDir();
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-waline-'));
  let proc = null;
  try {
    // Waline puts its runtime cache under os.tmpdir(): keep it in our folder.
    await mkdir(path.join(dir, 'tmp'));
    await createDatabase(path.join(dir, 'waline.sqlite'));
    let port;
    ({ proc, port } = await launchWaline({ dir, walineHome, jwt: 'threadline-peer-tests' }));
    return walineHandle({ url: `http://127.0.0.1:${port}`, port, proc, dir });
  } catch (error) {
    await proc?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function walineHandle({ url, port, proc, dir }) {
  return {
    url,
    port,
    /** Recent lines of Waline's output, for failure messages. */
    log: proc.log,
    /** Stops Waline, waits for it to exit, and removes its database. */
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
    /**
     * Posts every comment of `seedThread` through `POST /api/comment`, in order, with `pid` =
     * the parent's Waline id and `rid` = the id of its top-level ancestor (Waline does not work
     * `rid` out itself: without it a reply is listed as top-level). Returns
     * `{ ids: { key: objectId }, thread }`.
     */
    async seed(seedThread) {
      const seed = seedThread ?? (await loadSeedThread());
      const ids = {};
      for (const comment of seed.comments) {
        const body = {
          comment: comment.text,
          nick: comment.author,
          mail: comment.email,
          link: comment.website,
          url: seed.thread,
          ua: 'threadline-peer-tests',
        };
        if (comment.parent !== null) {
          body.pid = ids[comment.parent];
          body.rid = ids[rootKey(seed.comments, comment)];
        }
        const response = await postJson(`${url}/api/comment`, body);
        const reply = await response.json();
        if (!response.ok || reply.errno !== 0) {
          throw new Error(`Waline: seeding ${comment.key} got ${response.status}: ${JSON.stringify(reply)}`);
        }
        ids[comment.key] = reply.data.objectId;
      }
      return { ids, thread: seed.thread };
    },
  };
}

/** POSTs JSON, as Waline's own client does. */
export function postJson(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
