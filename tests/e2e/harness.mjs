// End-to-end harness: the real threadline-server binary, a second-origin static server, and
// headless Chromium through playwright-core. Every server binds 127.0.0.1 on a free port and
// every wait has a deadline.
//
// Environment (set by `cargo xtask test`):
//   THREADLINE_SERVER_BIN  absolute path of target/debug/threadline-server
//   THREADLINE_DIST        absolute path of dist/ (built by `cargo xtask dist`)
//   THREADLINE_SCREENSHOTS where screenshots go (default: <repo>/target/screenshots)

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const ROOT = path.resolve(HERE, '..', '..');

/** The seeded demo thread (the demo article's `data-thread`). */
export const THREAD = '/2026/11/alder-falls-riverfront';

/** Chromium flags: root needs --no-sandbox; the rest keep it off the network it cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CHROMIUM = '/usr/bin/chromium';
const SERVER_START_DEADLINE_MS = 30_000;
const SERVER_STOP_DEADLINE_MS = 10_000;
const LISTENING = /threadline-server listening on (http:\/\/127\.0\.0\.1:(\d+))/;

/** An environment variable that must be set; the error says how to get it. */
export function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests through \`cargo xtask test\``);
  }
  return value;
}

/** Where screenshots go; the directory is created by the caller. */
export function screenshotDir() {
  return process.env.THREADLINE_SCREENSHOTS || path.join(ROOT, 'target', 'screenshots');
}

/**
 * Starts the real server on a free port with a fresh database and the demo thread seeded.
 * `allowedOrigin` adds `--allowed-origin` for a second-origin host page; `extraArgs` go to
 * the server as they are (e.g. `['--pow']`). `site` are settings of the default site, given to
 * `threadline-server site set default` on the fresh database before the server starts (e.g.
 * `['--screening', 'off']` for a test about rendering rather than screening).
 */
export async function startServer({ allowedOrigin, extraArgs = [], site = null } = {}) {
  const bin = requireEnv('THREADLINE_SERVER_BIN');
  const dist = requireEnv('THREADLINE_DIST');
  const dbDir = await mkdtemp(path.join(tmpdir(), 'threadline-e2e-db-'));
  if (site) {
    await execFileAsync(bin, ['--db', path.join(dbDir, 'threadline.db'), 'site', 'set', 'default', ...site]);
  }
  const server = new ServerProcess({ bin, dist, dbDir, allowedOrigin, extraArgs });
  await server.start('127.0.0.1:0');
  return server;
}

/** One threadline-server child process; `restart()` reuses the port and the database. */
class ServerProcess {
  constructor({ bin, dist, dbDir, allowedOrigin, extraArgs = [] }) {
    this.extraArgs = extraArgs;
    this.bin = bin;
    this.dist = dist;
    this.dbDir = dbDir;
    this.allowedOrigin = allowedOrigin;
    this.child = null;
    this.exited = null;
    this.log = [];
    this.origin = null;
    this.port = null;
  }

  /** `http://127.0.0.1:PORT` */
  get url() {
    return this.origin;
  }

  /** The API base, `http://127.0.0.1:PORT/api`. */
  get api() {
    return `${this.origin}/api`;
  }

  async start(listen) {
    const args = [
      '--listen', listen,
      '--db', path.join(this.dbDir, 'threadline.db'),
      '--dist', this.dist,
      '--seed-demo',
      // The browser is on loopback; the tests post more than the per-address limits allow.
      '--exempt-loopback',
      ...this.extraArgs,
    ];
    if (this.allowedOrigin) args.push('--allowed-origin', this.allowedOrigin);
    this.log = [];

    const child = spawn(this.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const remember = (line) => {
      this.log.push(line);
      if (this.log.length > 200) this.log.shift();
    };
    createInterface({ input: child.stderr }).on('line', remember);
    const stdout = createInterface({ input: child.stdout });

    const listening = new Promise((resolve, reject) => {
      stdout.on('line', (line) => {
        remember(line);
        const match = LISTENING.exec(line);
        if (match) resolve({ origin: match[1], port: Number(match[2]) });
      });
      child.once('error', reject);
      this.exited.then(({ code, signal }) =>
        reject(new Error(`threadline-server exited (code ${code}, signal ${signal}) before listening`)),
      );
    });
    try {
      const { origin, port } = await withDeadline(listening, SERVER_START_DEADLINE_MS, 'threadline-server to listen');
      this.origin = origin;
      this.port = port;
    } catch (error) {
      await this.stop();
      error.message += `\n--- threadline-server output ---\n${this.log.join('\n')}`;
      throw error;
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after a deadline) and waits for it to exit. */
  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      try {
        await withDeadline(this.exited, SERVER_STOP_DEADLINE_MS, 'threadline-server to stop');
      } catch {
        child.kill('SIGKILL');
        await this.exited;
      }
    }
  }

  /**
   * Starts the server again on the same port with the same database. The old socket is closed
   * by then; a bind that still fails with "address in use" is retried a few times.
   */
  async restart() {
    await this.stop();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start(`127.0.0.1:${this.port}`);
      } catch (error) {
        if (attempt >= 10 || !/in use/i.test(error.message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /** Stops the server and removes its database. */
  async dispose() {
    await this.stop();
    await rm(this.dbDir, { recursive: true, force: true });
  }
}

/** Content types of the files the tests' static servers (and the benchmarks') serve. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * A static file server for a second origin: serves THREADLINE_DIST, and at `/` a host page made
 * from host.html. `pageUrl({ assets, api })` gives the URL of a host page whose widget script
 * comes from `assets` (an origin; default this server) and talks to `api`, optionally through
 * another `backend` preset (with a WordPress `postId`).
 *
 * Options: `template`, the path of another host page template (same placeholders as host.html);
 * `pageHeaders(url)`, extra response headers for the host page (e.g. a Content-Security-Policy),
 * given the page's URL.
 */
export async function startStaticServer({ template: templatePath, pageHeaders } = {}) {
  const dist = path.resolve(requireEnv('THREADLINE_DIST'));
  const template = await readFile(templatePath ?? path.join(HERE, 'host.html'), 'utf8');
  let origin = null;

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, origin);
      if (url.pathname === '/' || url.pathname === '/host.html') {
        const assets = url.searchParams.get('assets') || origin;
        const page = fillTemplate(template, {
          THREAD: url.searchParams.get('thread') || THREAD,
          SCRIPT_SRC: `${assets}/threadline.js`,
          API: url.searchParams.get('api') || `${assets}/api`,
          BACKEND: url.searchParams.get('backend') || '',
          POST_ID: url.searchParams.get('postId') || '',
          MAPPING: url.searchParams.get('mapping') || '',
          AVATARS: url.searchParams.get('avatars') || '',
        });
        return send(res, 200, CONTENT_TYPES['.html'], page, pageHeaders?.(url));
      }
      const file = path.resolve(dist, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(dist + path.sep) || !(await stat(file).catch(() => null))?.isFile()) {
        return send(res, 404, 'text/plain', 'not found');
      }
      const type = CONTENT_TYPES[path.extname(file)] || 'application/octet-stream';
      return send(res, 200, type, await readFile(file));
    } catch (error) {
      return send(res, 500, 'text/plain', String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    pageUrl({ assets, api, thread, backend, postId, mapping, avatars } = {}) {
      const query = new URLSearchParams();
      if (assets) query.set('assets', assets);
      if (api) query.set('api', api);
      if (thread) query.set('thread', thread);
      if (backend) query.set('backend', backend);
      if (postId) query.set('postId', String(postId));
      if (mapping) query.set('mapping', mapping);
      if (avatars) query.set('avatars', avatars);
      return `${origin}/?${query}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { ...headers, 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function fillTemplate(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => escapeHtml(values[key] ?? ''));
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Launches headless Chromium with a fresh profile. Page errors, console errors and failed
 * requests are collected in `problems` to explain a failing wait.
 */
export async function launchBrowser({ viewport = { width: 1280, height: 900 } } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'threadline-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A live-updates stream is cut short whenever its page reloads or leaves: not a problem.
    const error = request.failure()?.errorText ?? '';
    if (new URL(request.url()).pathname.endsWith('/comments/stream') && error === 'net::ERR_ABORTED') return;
    problems.push(`requestfailed: ${request.url()} ${error}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** GET the whole thread from the API. */
export async function fetchThread(api, thread = THREAD) {
  const response = await fetch(`${api}/comments?thread=${encodeURIComponent(thread)}&limit=200`);
  if (!response.ok) throw new Error(`GET ${api}/comments: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
