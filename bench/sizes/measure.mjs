// Transfer sizes: Threadline's shipped files beside the same files from the peers' published
// builds, raw, gzip -9 and brotli (quality 11, 4 MiB window, as `cargo xtask dist` measures),
// and "bytes before the reader reaches the thread": what each system fetches on a long article
// when the reader never scrolls down to the comments, measured in headless Chromium.
//
//   node bench/sizes/measure.mjs --out target/bench/sizes.json
//
// Environment (set by `cargo xtask bench`; defaults under target/ otherwise):
//   THREADLINE_DIST        dist/ (from `cargo xtask dist`)
//   BENCH_ISSO_PACKAGE     the installed `isso` Python package (holds js/embed.min.js, css/isso.css)
//   BENCH_NPM_MODULES      target/bench/npm/node_modules (@waline/client, artalk)
//   BENCH_YEW_FLOOR        the Yew "hello world" floor's built files (*.js, *_bg.wasm)
//   BENCH_TWIGGY_JSON      `twiggy top -n 15 --format json` of a names-kept copy of our wasm
//   BENCH_TWIGGY_WASM      that names-kept wasm (for its size)
//   THREADLINE_SERVER_BIN, THREADLINE_ISSO_BIN, THREADLINE_WALINE_DIR: the servers, as for the
//   render benchmark

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { launch } from '../render/clock.mjs';
import { byOwner } from './owners.mjs';
import { generateThread } from '../render/generate.mjs';
import { startPageServer } from '../render/pages.mjs';
import { loadThreadline, startIsso, startThreadline, startWaline, stopAll } from '../render/servers.mjs';
import { withDeadline } from '../../tests/e2e/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

/** The budget of issue 6: wasm + js + css, brotli. */
const WIDGET_BROTLI_BUDGET = 90 * 1024;
/** Issue 14: each language's messages cost a reader at most 2 KB brotli. */
const LANGUAGE_BROTLI_BUDGET = 2048;
/** The loader's budget, gzip -9 (also enforced by `cargo xtask dist`). */
const LOADER_GZIP_BUDGET = 2 * 1024;
/** How long a page may take to fall quiet, with and without scrolling. */
const QUIET_DEADLINE_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'target', 'bench', 'sizes.json') },
    'no-browser': { type: 'boolean', default: false },
  },
});

const env = (name, fallback) => process.env[name] || fallback;
const npm = env('BENCH_NPM_MODULES', path.join(ROOT, 'target', 'bench', 'npm', 'node_modules'));
const paths = {
  dist: env('THREADLINE_DIST', path.join(ROOT, 'dist')),
  isso: env('BENCH_ISSO_PACKAGE', findIssoPackage()),
  walineClient: path.join(npm, '@waline', 'client'),
  artalk: path.join(npm, 'artalk'),
  yewFloor: env('BENCH_YEW_FLOOR', path.join(ROOT, 'target', 'bench', 'yew-floor', 'dist')),
  twiggyJson: env('BENCH_TWIGGY_JSON', path.join(ROOT, 'target', 'bench', 'twiggy-top.json')),
  twiggyOwners: env('BENCH_TWIGGY_OWNERS', ''),
  twiggyWasm: env('BENCH_TWIGGY_WASM', path.join(ROOT, 'target', 'bench', 'twiggy', 'threadline_names_bg.wasm')),
  server: env('THREADLINE_SERVER_BIN', path.join(ROOT, 'target', 'release', 'threadline-server')),
  issoBin: env('THREADLINE_ISSO_BIN', path.join(ROOT, 'target', 'peers', 'isso-venv', 'bin', 'isso')),
  waline: env('THREADLINE_WALINE_DIR', path.join(ROOT, 'target', 'peers', 'waline')),
};

function findIssoPackage() {
  const lib = path.join(ROOT, 'target', 'peers', 'isso-venv', 'lib');
  const python = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith('python')) : null;
  return python ? path.join(lib, python, 'site-packages', 'isso') : path.join(lib, 'python3', 'site-packages', 'isso');
}

/** Raw, gzip -9 and brotli q11 sizes of `bytes`. */
export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 22,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

function sum(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

function fileRow(system, part, file) {
  if (!existsSync(file)) throw new Error(`${system} ${part}: ${file} is missing`);
  return { system, part, file: path.relative(ROOT, file), ...compressedSizes(readFileSync(file)) };
}

function one(dir, test, what) {
  const found = readdirSync(dir).filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.length}: ${found.join(', ')}`);
  return path.join(dir, found[0]);
}

function version(packageDir) {
  return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
}

/** The published files of every system, and a total per system. */
function measureFiles() {
  const dist = paths.dist;
  const tl = [
    fileRow('threadline', 'loader', path.join(dist, 'threadline.js')),
    fileRow('threadline', 'wasm', one(dist, (n) => /^threadline-[0-9a-f]+_bg\.wasm$/.test(n), 'wasm')),
    fileRow('threadline', 'js', one(dist, (n) => /^threadline-[0-9a-f]+\.js$/.test(n), 'JS glue')),
    fileRow('threadline', 'css', one(dist, (n) => /^threadline-[0-9a-f]+\.css$/.test(n), 'stylesheet')),
    // A page fetches its language's messages beside the bundle (issue 14): English here.
    fileRow('threadline', 'messages', one(path.join(dist, 'lang'), (n) => /^en-[0-9a-f]+\.json$/.test(n), 'English messages')),
  ];
  // One bundle per foreign backend (`cargo xtask dist`); the loader fetches only the one a
  // page's data-backend names, with the same stylesheet.
  const css = tl.find((f) => f.part === 'css');
  const english = tl.find((f) => f.part === 'messages');
  const bundles = ['wordpress', 'isso', 'waline', 'custom'].map((backend) => ({
    system: `threadline-${backend}`,
    version: 'this commit',
    source: `dist/ (cargo xtask dist): the bundle for data-backend="${backend}"`,
    files: [
      fileRow(`threadline-${backend}`, 'wasm', one(dist, (n) => new RegExp(`^threadline-${backend}-[0-9a-f]+_bg\\.wasm$`).test(n), 'wasm')),
      fileRow(`threadline-${backend}`, 'js', one(dist, (n) => new RegExp(`^threadline-${backend}-[0-9a-f]+\\.js$`).test(n), 'JS glue')),
      { ...css, system: `threadline-${backend}` },
      { ...english, system: `threadline-${backend}` },
    ],
  }));
  const site = path.dirname(paths.isso);
  const distInfo = readdirSync(site).find((d) => /^isso-.*\.dist-info$/.test(d));
  const issoVersion = distInfo
    ? readFileSync(path.join(site, distInfo, 'METADATA'), 'utf8').match(/^Version: (.+)$/m)?.[1] ?? 'unknown'
    : 'unknown';
  const isso = [
    fileRow('isso', 'js', path.join(paths.isso, 'js', 'embed.min.js')),
    fileRow('isso', 'css', path.join(paths.isso, 'css', 'isso.css')),
  ];
  const waline = [
    fileRow('waline', 'js', path.join(paths.walineClient, 'dist', 'waline.js')),
    fileRow('waline', 'css', path.join(paths.walineClient, 'dist', 'waline.css')),
  ];
  const artalk = [
    fileRow('artalk', 'js', path.join(paths.artalk, 'dist', 'Artalk.js')),
    fileRow('artalk', 'css', path.join(paths.artalk, 'dist', 'Artalk.css')),
  ];
  const floor = [
    fileRow('yew-hello-world', 'wasm', one(paths.yewFloor, (n) => n.endsWith('_bg.wasm'), 'wasm')),
    fileRow('yew-hello-world', 'js', one(paths.yewFloor, (n) => n.endsWith('.js'), 'JS glue')),
  ];
  const systems = [
    { system: 'threadline', version: 'this commit', source: 'dist/ (cargo xtask dist): the loader and the bundle for Threadline\'s own server', files: tl },
    ...bundles,
    { system: 'isso', version: issoVersion, source: 'PyPI isso: isso/js/embed.min.js, isso/css/isso.css', files: isso },
    { system: 'waline', version: version(paths.walineClient), source: 'npm @waline/client: dist/waline.js, dist/waline.css', files: waline },
    { system: 'artalk', version: version(paths.artalk), source: 'npm artalk: dist/Artalk.js, dist/Artalk.css', files: artalk },
    { system: 'yew-hello-world', version: 'yew 0.23, wasm-bindgen 0.2.130, wasm-opt -Oz', source: 'target/bench/yew-floor', files: floor },
  ];
  for (const s of systems) s.total = sum(s.files);
  const widget = sum(tl.filter((f) => f.part !== 'loader'));
  const largest = bundles.reduce((big, b) => (b.total.brotli > big.total.brotli ? b : big));
  return { systems, widget, largest };
}

/**
 * Loads a long article with each system's comments below the fold, never scrolls, and sums
 * what the comment system fetched (every request but the page itself); then scrolls to the
 * comments and sums again. Bodies are compressed here, as a CDN would send them.
 */
async function bytesBeforeThread() {
  const thread = generateThread(100);
  const pages = await startPageServer({ dist: paths.dist, walineClient: path.join(paths.walineClient, 'dist') });
  let tl = null;
  let isso = null;
  let waline = null;
  let browser = null;
  try {
    [tl, isso, waline] = await Promise.all([
      startThreadline({ bin: paths.server, allowedOrigins: [pages.origin] }),
      startIsso({ bin: paths.issoBin, hosts: [pages.origin], threads: [thread] }),
      startWaline({ dir: paths.waline, threads: [thread] }),
    ]);
    await loadThreadline(tl, [thread]);
    browser = await launch();
    const t = thread.thread;
    const cases = [
      { system: 'threadline', url: pages.url('threadline', { api: tl.api, thread: t, long: 1, lazy: 1 }), container: '#threadline', rendered: 'article.tl-comment' },
      { system: 'isso', url: pages.url('isso', { server: isso.url, thread: t, long: 1 }), container: '#isso-thread', rendered: 'div.isso-comment[id^="isso-"]' },
      { system: 'waline', url: pages.url('waline', { server: waline.url, thread: t, long: 1 }), container: '#waline', rendered: '.wl-card-item' },
    ];
    const out = [];
    for (const c of cases) out.push(await measurePage(browser, c));
    return {
      page: 'a long article (40 paragraphs, the comments about five screens down), 1280×900 viewport, the 100-comment thread',
      counted: 'every request of the comment system (all but the page itself), its body compressed here as a CDN would send it',
      note: 'Requests to other hosts cannot be made here and are not counted: Waline asks for an avatar per comment (libravatar) and its emoji list (unpkg), which add to its bytes on a real site.',
      results: out,
    };
  } finally {
    await browser?.close().catch(() => {});
    await stopAll([tl, isso, waline, pages]);
  }
}

async function measurePage(browser, { system, url, container, rendered }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const seen = [];
    const failed = [];
    page.on('response', (response) => {
      if (response.request().isNavigationRequest()) return;
      // A live-updates stream stays open for as long as the page: its body never ends, and it
      // is no file the page downloads.
      if ((response.headers()['content-type'] ?? '').startsWith('text/event-stream')) return;
      seen.push(
        response.body().then(
          (body) => ({ url: response.url(), status: response.status(), type: response.request().resourceType(), ...compressedSizes(body) }),
          () => null,
        ),
      );
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(url, { waitUntil: 'load', timeout: QUIET_DEADLINE_MS });
    await page.waitForLoadState('networkidle', { timeout: QUIET_DEADLINE_MS }).catch(() => {});
    const scrollY = await page.evaluate(() => window.scrollY);
    const top = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, container);
    const before = (await Promise.all(seen)).filter(Boolean);
    const failedBefore = failed.length;

    await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), container);
    await page.waitForFunction(
      (sel) => [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)]
        .some((r) => r.querySelector(sel)),
      rendered,
      { timeout: QUIET_DEADLINE_MS, polling: 100 },
    );
    await page.waitForLoadState('networkidle', { timeout: QUIET_DEADLINE_MS }).catch(() => {});
    await withDeadline(new Promise((resolve) => setTimeout(resolve, 500)), 2_000, 'a quiet moment');
    const after = (await Promise.all(seen)).filter(Boolean);
    const strip = (r) => ({ ...r, url: r.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '') });
    return {
      system,
      container_top_px: Math.round(top),
      scroll_y: scrollY,
      before_scroll: { requests: before.length, ...sum(before), files: before.map(strip) },
      after_scroll: { requests: after.length, ...sum(after), files: after.map(strip) },
      unreachable_requests_not_counted: { before_scroll: failedBefore, after_scroll: failed.length },
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * The 15 largest items of our wasm. twiggy ran with `-n 16` on a names-kept copy; the
 * "function names" subsection it lists is what `-g` added (the shipped file has none), so it
 * is reported apart and the other 15 rows are the top 15 of the shipped code.
 */
function twiggy(shippedWasm) {
  if (!existsSync(paths.twiggyJson)) return null;
  const rows = JSON.parse(readFileSync(paths.twiggyJson, 'utf8'));
  const isNames = (r) => r.name === '"function names" subsection';
  const names = rows.find(isNames);
  const top = rows
    .filter((r) => !isNames(r) && !/^\.\.\. and \d+ more|^Σ/.test(r.name))
    .slice(0, 15)
    .map((r) => ({
      name: r.name,
      bytes: r.shallow_size,
      percent_of_shipped_wasm: Math.round((r.shallow_size / shippedWasm.raw) * 10000) / 100,
    }));
  const namesKept = existsSync(paths.twiggyWasm) ? readFileSync(paths.twiggyWasm).length : null;
  return {
    command: 'twiggy top -n 16 --format json (names section left out)',
    wasm: path.relative(ROOT, paths.twiggyWasm),
    names_kept_wasm_bytes: namesKept,
    names_section_bytes: names?.shallow_size ?? null,
    shipped_wasm_bytes: shippedWasm.raw,
    note: 'A copy of target/wasm32-unknown-unknown/release/threadline.wasm run through wasm-bindgen and wasm-opt -Oz -g, as Trunk builds dist/ but keeping function names; without the names section it is within a few KB of the shipped file.',
    top,
    top15_bytes: top.reduce((n, r) => n + r.bytes, 0),
  };
}

/** Each bundle's wasm summed by crate and module (`owners.mjs`), from `BENCH_TWIGGY_OWNERS`. */
function owners() {
  const pairs = paths.twiggyOwners.split(',').filter(Boolean).map((p) => p.split('='));
  if (!pairs.length || !pairs.every(([, file]) => existsSync(file))) return null;
  const bundles = Object.fromEntries(pairs.map(([bundle, file]) => [bundle, JSON.parse(readFileSync(file, 'utf8'))]));
  return {
    command: 'twiggy top -n 1000000 --format json, shallow sizes summed by owner (names section left out)',
    note: 'The reader bundle is the native backend\'s (no features); the custom bundle is `--features custom`. Both are names-kept copies (wasm-bindgen, wasm-opt -Oz -g) of the release wasm.',
    ...byOwner(bundles),
  };
}

/** Every language's messages, the reader's and the moderator's, as `cargo xtask dist` ships them. */
function languages() {
  const dir = path.join(paths.dist, 'lang');
  return readdirSync(dir)
    .filter((n) => /^[a-z]{2}-[0-9a-f]+\.json$/.test(n))
    .sort()
    .map((n) => {
      const lang = n.slice(0, 2);
      const moderator = one(dir, (m) => new RegExp(`^${lang}\\.mod-[0-9a-f]+\\.json$`).test(m), `${lang} moderator messages`);
      return { lang, reader: fileRow('threadline', lang, path.join(dir, n)), moderator: fileRow('threadline', `${lang} mod`, moderator) };
    });
}

async function main() {
  const started = Date.now();
  const { systems, widget, largest } = measureFiles();
  const tl = systems[0].files;
  const loader = tl.find((f) => f.part === 'loader');
  const langs = languages();
  const biggest = langs.reduce((big, l) => (l.reader.brotli > big.reader.brotli ? l : big));
  const result = {
    what: 'Raw, gzip -9 and brotli (quality 11) bytes of each system\'s published files',
    generated_at: new Date().toISOString(),
    systems,
    threadline_widget: { parts: 'wasm + js + css + English messages', ...widget },
    languages: langs,
    goals: [
      { name: `one language's messages, brotli bytes (the largest: ${biggest.lang})`, value: biggest.reader.brotli, target: LANGUAGE_BROTLI_BUDGET, met: biggest.reader.brotli <= LANGUAGE_BROTLI_BUDGET },
      { name: 'widget (wasm + js + css + English messages) brotli bytes, Threadline bundle', value: widget.brotli, target: WIDGET_BROTLI_BUDGET, met: widget.brotli <= WIDGET_BROTLI_BUDGET },
      { name: `widget (wasm + js + css + English messages) brotli bytes, largest backend bundle (${largest.system})`, value: largest.total.brotli, target: WIDGET_BROTLI_BUDGET, met: largest.total.brotli <= WIDGET_BROTLI_BUDGET },
      { name: 'loader gzip bytes', value: loader.gzip, target: LOADER_GZIP_BUDGET, met: loader.gzip <= LOADER_GZIP_BUDGET },
    ],
    twiggy: twiggy(tl.find((f) => f.part === 'wasm')),
    twiggy_owners: owners(),
    bytes_before_thread: args['no-browser'] ? null : await bytesBeforeThread(),
  };
  result.duration_s = Math.round((Date.now() - started) / 1000);
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${'system'.padEnd(16)} ${'part'.padEnd(7)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(10)} ${'brotli'.padStart(10)}`);
  for (const s of systems) {
    for (const f of [...s.files, { part: 'total', ...s.total }]) {
      console.log(`${s.system.padEnd(16)} ${f.part.padEnd(7)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} ${kb(f.brotli).padStart(10)}`);
    }
  }
  for (const r of result.bytes_before_thread?.results ?? []) {
    console.log(`before the thread: ${r.system.padEnd(11)} ${r.before_scroll.requests} requests, ${kb(r.before_scroll.raw)} raw, ${kb(r.before_scroll.brotli)} brotli; after scrolling: ${kb(r.after_scroll.brotli)} brotli`);
  }
  console.log(`wrote ${args.out}`);
}

await main();
