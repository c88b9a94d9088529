// A real WordPress 6.1 on loopback for the adapter tests: Debian's `wordpress` package (installed
// by `cargo xtask test`), a throwaway MariaDB and `php -S`, all in a fresh temporary folder that
// stop() removes. Recipe: shared/PEERS.md. Start one instance per test file, not per test.
//
//   const wp = await startWordPress();            // { url, restBase, postId, slug, link, ... }
//   const { ids } = await wp.seed();              // tests/e2e/peers/seed-thread.json over REST
//   await wp.stop();
//
// `startWordPress({ allowAnonymous: false })` leaves out the filter that lets visitors comment
// over REST, so posting answers 401 `rest_comment_login_required`.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CREATE_DB_SQL, INSTALL_PHP, muPlugin, wpConfig } from './wordpress-files.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORDPRESS = '/usr/share/wordpress';
const START_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 10_000;
const run = promisify(execFile);

/** The shared seed thread (`{thread, title, comments: [{key, parent, author, email, website, text}]}`). */
export async function loadSeedThread() {
  return JSON.parse(await readFile(path.join(HERE, 'seed-thread.json'), 'utf8'));
}

/** Starts MariaDB and WordPress on free loopback ports, installed, with the seed article. */
export async function startWordPress({ allowAnonymous = true } = {}) {
  if (!existsSync(path.join(WORDPRESS, 'wp-load.php'))) {
    throw new Error(`${WORDPRESS} is missing: run \`cargo xtask test\` (it apt-installs wordpress)`);
  }
  const seedThread = await loadSeedThread();
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-wp-'));
  const site = new Site(dir);
  try {
    await site.start({ allowAnonymous, seedThread });
  } catch (error) {
    await site.stop().catch((stopError) => (error.message += `\nand stopping failed: ${stopError.message}`));
    error.message += `\n--- mariadbd ---\n${site.db?.tail() ?? ''}\n--- php -S ---\n${site.php?.tail() ?? ''}`;
    throw error;
  }
  return site.api();
}

class Site {
  constructor(dir) {
    this.dir = dir;
    this.db = null;
    this.php = null;
  }

  async start({ allowAnonymous, seedThread }) {
    const dataDir = path.join(this.dir, 'db');
    const docRoot = path.join(this.dir, 'wp');
    const socket = path.join(this.dir, 'mysqld.sock');
    const [dbPort, webPort] = await freePorts(2);
    this.url = `http://127.0.0.1:${webPort}`;

    // The database files and the WordPress copy are independent: make them side by side.
    // A private tmpdir: two bootstraps sharing /tmp can remove each other's temporary tables.
    const dbTmp = path.join(this.dir, 'tmp');
    await mkdir(dbTmp);
    const dbOptions = [`--tmpdir=${dbTmp}`, '--innodb-log-file-size=8M', '--innodb-buffer-pool-size=32M'];
    await allOrFirstError([
      run(program('mariadb-install-db'), [
        '--no-defaults', `--datadir=${dataDir}`, '--user=root', '--auth-root-authentication-method=normal',
        '--skip-test-db', ...dbOptions,
      ]),
      copyWordPress(docRoot, { url: this.url, dbPort, allowAnonymous }),
    ]);

    this.db = new Child('mariadbd', program('mariadbd'), [
      '--no-defaults', `--datadir=${dataDir}`, `--socket=${socket}`, `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
      `--port=${dbPort}`, '--bind-address=127.0.0.1', '--user=root', '--skip-log-bin', '--skip-name-resolve',
      '--innodb-flush-log-at-trx-commit=0', ...dbOptions,
    ]);
    await this.db.waitForLine(/ready for connections/, START_DEADLINE_MS);
    await run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', CREATE_DB_SQL]);

    const slug = seedThread.thread.split('/').filter(Boolean).pop();
    const { stdout } = await run('php', [path.join(docRoot, 'threadline-install.php')], {
      env: { ...process.env, THREADLINE_WP_URL: this.url, THREADLINE_WP_ARTICLE: JSON.stringify({ title: seedThread.title, slug }) },
    });
    this.postId = JSON.parse(stdout.slice(stdout.lastIndexOf('{'))).postId;
    await rm(path.join(docRoot, 'threadline-install.php'));

    this.php = new Child('php -S', 'php', ['-d', 'display_errors=stderr', '-S', `127.0.0.1:${webPort}`, '-t', docRoot], {
      cwd: docRoot,
    });
    await this.waitForRest(START_DEADLINE_MS);
    const [post] = await getJson(`${this.url}/wp-json/wp/v2/posts?slug=${slug}`);
    if (post?.id !== this.postId) throw new Error(`the article is not published: ${JSON.stringify(post)}`);
    this.slug = slug;
    this.link = post.link;
  }

  /** Polls the REST index until it answers 200 or the deadline passes. */
  async waitForRest(ms) {
    const deadline = Date.now() + ms;
    for (;;) {
      const outcome = await fetch(`${this.url}/wp-json/`).then((r) => r.status, (e) => e.cause?.code ?? e.message);
      if (outcome === 200) return;
      if (this.php.exitCode !== null) throw new Error(`php -S exited (${this.php.exitCode})`);
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for WordPress: ${outcome}`);
      await delay(25);
    }
  }

  async stop() {
    await this.php?.stop();
    await this.db?.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The object startWordPress() returns. */
  api() {
    const restBase = `${this.url}/wp-json/wp/v2`;
    const postId = this.postId;
    return {
      url: this.url,
      restBase,
      postId,
      slug: this.slug,
      link: this.link,
      stop: () => this.stop(),
      /** The last lines php -S and mariadbd printed, to explain a failure. */
      logs: () => `--- php -S ---\n${this.php?.tail()}\n--- mariadbd ---\n${this.db?.tail()}`,
      /** Posts `seedThread.comments` in order over REST; `{ ids: {key: id}, postId }`. */
      async seed(seedThread) {
        const thread = seedThread ?? (await loadSeedThread());
        const ids = {};
        for (const c of thread.comments) {
          const response = await fetch(`${restBase}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              post: postId,
              parent: c.parent == null ? 0 : ids[c.parent],
              author_name: c.author,
              author_email: c.email,
              author_url: c.website ?? '',
              content: c.text,
            }),
          });
          const body = await response.json();
          if (response.status !== 201) {
            throw new Error(`seeding comment ${c.key}: ${response.status} ${JSON.stringify(body)}`);
          }
          ids[c.key] = body.id;
        }
        return { ids, postId };
      },
    };
  }
}

/** Copies WordPress (following Debian's relative symlinks) and writes our config, installer and plugin. */
async function copyWordPress(docRoot, { url, dbPort, allowAnonymous }) {
  // `cp -rL`: node's fs.cp takes 2 s for these 2,800 files, cp 0.3 s.
  await run('cp', ['-rL', WORDPRESS, docRoot]);
  await rm(path.join(docRoot, 'wp-config.php'));
  await rm(path.join(docRoot, '.htaccess'), { force: true });
  await writeFile(path.join(docRoot, 'wp-config.php'), wpConfig({ dir: docRoot, url, dbPort }));
  await writeFile(path.join(docRoot, 'threadline-install.php'), INSTALL_PHP);
  await mkdir(path.join(docRoot, 'wp-content', 'mu-plugins'), { recursive: true });
  await writeFile(path.join(docRoot, 'wp-content', 'mu-plugins', 'threadline-tests.php'), muPlugin({ allowAnonymous }));
}

/** A server child process whose output is kept (last 200 lines) and which is killed if node exits. */
class Child {
  constructor(name, command, args, options = {}) {
    this.name = name;
    this.lines = [];
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal)));
    this.child.once('error', (error) => this.lines.push(`spawn error: ${error.message}`));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > 200) this.lines.shift();
        this.onLine?.(line);
      });
    }
    this.killOnExit = () => this.child.kill('SIGKILL');
    process.once('exit', this.killOnExit);
  }

  get exitCode() {
    return this.child.exitCode ?? this.child.signalCode;
  }

  tail() {
    return this.lines.slice(-40).join('\n');
  }

  /** Resolves once a line matching `pattern` is printed; rejects if the process exits first. */
  waitForLine(pattern, ms) {
    if (this.lines.some((line) => pattern.test(line))) return Promise.resolve();
    const seen = new Promise((resolve) => (this.onLine = (line) => pattern.test(line) && resolve()));
    const died = this.exited.then((how) => Promise.reject(new Error(`${this.name} exited (${how})`)));
    return deadline(Promise.race([seen, died]), ms, `${this.name} to start`);
  }

  /** SIGTERM, then SIGKILL after a deadline; resolves when the process has exited. */
  async stop() {
    process.removeListener('exit', this.killOnExit);
    if (this.exitCode !== null || this.child.pid === undefined) return;
    this.child.kill('SIGTERM');
    try {
      await deadline(this.exited, STOP_DEADLINE_MS, `${this.name} to stop`);
    } catch {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Fetches JSON, failing on any non-2xx status. */
async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** `count` distinct free TCP ports on 127.0.0.1 (held open together so that they differ). */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** `name` from PATH, or from /usr/sbin where Debian keeps mariadbd (not on every PATH). */
function program(name) {
  return existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name;
}

/** Like Promise.all, but rejects only once every promise has settled (nothing left running). */
async function allOrFirstError(promises) {
  const outcomes = await Promise.allSettled(promises);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((outcome) => outcome.value);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deadline(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
