// Render time in headless Chromium: Threadline (on its own server, on Isso and on Waline) side
// by side with Isso's own embed, Waline's own client and the vanilla-DOM floor, on the same
// generated threads, in the same run. Writes one JSON file with every run of every cell, the
// median, min and max, and the goals as ratios.
//
//   node bench/render/run.mjs --out target/bench/render.json [--runs 7] [--all-runs 5] [--sizes 100,1000,5000]
//                             [--big 10000] [--all-sizes 100,1000] [--budget-s 450]
//
// Environment (set by `cargo xtask bench`; defaults under target/ otherwise):
//   THREADLINE_SERVER_BIN   threadline-server (release build)
//   THREADLINE_DIST         dist/ (from `cargo xtask dist`)
//   THREADLINE_ISSO_BIN     the venv's isso
//   THREADLINE_WALINE_DIR   the folder whose node_modules holds @waline/vercel
//   BENCH_WALINE_CLIENT     @waline/client's dist/ (from target/bench/npm)
//
// Two clocks per system: "first" stops when the system's first page is in the DOM (what a
// reader sees on arrival: Threadline and the floor show 50 top-level comments with all their
// replies; Isso by default shows every top-level comment with up to 5 replies each; Waline's
// client 10 top-level comments, newest first, with their replies); "all" stops when every
// comment of the thread is in the DOM (paged systems have their "more" button clicked each time
// a page arrives; Isso is told `max-comments-nested = inf`).

import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describe, firstPageCount, generateThread, prng, SEED } from './generate.mjs';
import { launch, timeLoad } from './clock.mjs';
import { startPageServer } from './pages.mjs';
import { loadThreadline, startIsso, startThreadline, startWaline, stopAll } from './servers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

/** Threadline's default page: top-level comments per page (data-page-size). */
const PAGE_SIZE = 50;
/** Waline's client default pageSize, newest first. */
const WALINE_PAGE_SIZE = 10;
/** Isso's embed default `max-comments-nested`. */
const ISSO_NESTED = 5;

/** How each backend's first list request looks (for the "API answered at" split). */
const API_REQUEST = { threadline: '/api/comments?', isso: '/?uri=', waline: '/api/comment?path=' };

const TL_SELECTOR = 'article.tl-comment';
const TL_MORE = 'button.tl-more';
const ISSO_SELECTOR = 'div.isso-comment[id^="isso-"]';
const WALINE_SELECTOR = '.wl-card-item';
const WALINE_MORE = '.wl-operation button.wl-btn';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'target', 'bench', 'render.json') },
    runs: { type: 'string', default: '7' },
    'all-runs': { type: 'string', default: '5' },
    sizes: { type: 'string', default: '100,1000,5000' },
    big: { type: 'string', default: '10000' },
    'budget-s': { type: 'string', default: '450' },
    'all-sizes': { type: 'string', default: '100,1000' },
  },
});
/** Runs of each "first" cell (the goals compare them) and of each "all" cell. */
const RUNS = { first: Math.max(1, Number(args.runs)), all: Math.max(1, Number(args['all-runs'])) };
/** Runs every cell gets even past the time budget. */
const MIN_RUNS = 5;
/** Pause after each load, so that tearing down a heavy page does not slow the next one. */
const SETTLE_MS = 300;
const SIZES = args.sizes.split(',').map(Number);
const BIG = Number(args.big);
const ALL_SIZES = args['all-sizes'].split(',').filter(Boolean).map(Number);
const BUDGET_MS = Number(args['budget-s']) * 1000;

const env = (name, fallback) => process.env[name] || fallback;
const paths = {
  server: env('THREADLINE_SERVER_BIN', path.join(ROOT, 'target', 'release', 'threadline-server')),
  dist: env('THREADLINE_DIST', path.join(ROOT, 'dist')),
  isso: env('THREADLINE_ISSO_BIN', path.join(ROOT, 'target', 'peers', 'isso-venv', 'bin', 'isso')),
  waline: env('THREADLINE_WALINE_DIR', path.join(ROOT, 'target', 'peers', 'waline')),
  walineClient: env('BENCH_WALINE_CLIENT', path.join(ROOT, 'target', 'bench', 'npm', 'node_modules', '@waline', 'client', 'dist')),
};

const started = Date.now();
const log = (...parts) => console.log(`[render ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...parts);

function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (!sorted.length) return { median: null, min: null, max: null };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: Math.round(median * 10) / 10, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Every cell of the matrix, most important first (the goals need the "first" cells). */
function planCells({ pages, tl, isso, waline, threads, big }) {
  const cells = [];
  const add = (cell) => cells.push({ ...cell, api: API_REQUEST[cell.backend], runs: [] });
  const firstOf = (t, opts) => firstPageCount(t.comments, opts);
  const bySize = new Map(threads.map((t) => [t.comments.length, t]));

  const firstCells = (size) => {
    const t = bySize.get(size);
    const page = firstOf(t, { pageSize: PAGE_SIZE });
    const thread = t.thread;
    add({ system: 'vanilla', backend: 'threadline', size, mode: 'first', expected: page, selector: TL_SELECTOR,
      url: pages.url('vanilla', { api: tl.api, thread }) });
    add({ system: 'threadline', backend: 'threadline', size, mode: 'first', expected: page, selector: TL_SELECTOR,
      url: pages.url('threadline', { api: tl.api, thread }) });
    if (size === big) return;
    add({ system: 'threadline', backend: 'isso', size, mode: 'first', expected: page, selector: TL_SELECTOR,
      url: pages.url('threadline', { api: isso.url, backend: 'isso', thread }) });
    add({ system: 'threadline', backend: 'waline', size, mode: 'first', expected: page, selector: TL_SELECTOR,
      url: pages.url('threadline', { api: waline.url, backend: 'waline', thread }) });
    add({ system: 'isso', backend: 'isso', size, mode: 'first', expected: firstOf(t, { nestedLimit: ISSO_NESTED }),
      selector: ISSO_SELECTOR, url: pages.url('isso', { server: isso.url, thread }) });
    add({ system: 'waline', backend: 'waline', size, mode: 'first',
      expected: firstOf(t, { pageSize: WALINE_PAGE_SIZE, newestFirst: true }), selector: WALINE_SELECTOR,
      url: pages.url('waline', { server: waline.url, thread }) });
  };
  const allCells = (size) => {
    const t = bySize.get(size);
    const thread = t.thread;
    const n = t.comments.length;
    const paged = firstOf(t, { pageSize: PAGE_SIZE }) < n;
    if (paged) {
      add({ system: 'vanilla', backend: 'threadline', size, mode: 'all', expected: n, selector: TL_SELECTOR, more: TL_MORE,
        url: pages.url('vanilla', { api: tl.api, thread }) });
      for (const [backend, api] of [['threadline', tl.api], ['isso', isso.url], ['waline', waline.url]]) {
        add({ system: 'threadline', backend, size, mode: 'all', expected: n, selector: TL_SELECTOR, more: TL_MORE,
          url: pages.url('threadline', { api, backend: backend === 'threadline' ? undefined : backend, thread }) });
      }
    }
    if (firstOf(t, { nestedLimit: ISSO_NESTED }) < n) {
      add({ system: 'isso', backend: 'isso', size, mode: 'all', expected: n, selector: ISSO_SELECTOR,
        url: pages.url('isso', { server: isso.url, thread, nested: 'inf' }) });
    }
    if (firstOf(t, { pageSize: WALINE_PAGE_SIZE }) < n) {
      add({ system: 'waline', backend: 'waline', size, mode: 'all', expected: n, selector: WALINE_SELECTOR, more: WALINE_MORE,
        url: pages.url('waline', { server: waline.url, thread }) });
    }
  };

  for (const size of SIZES) firstCells(size);
  if (big) firstCells(big);
  for (const size of ALL_SIZES) if (bySize.has(size)) allCells(size);
  return cells;
}

function cellName(c) {
  const who = c.system === 'threadline' ? `threadline/${c.backend}` : c.system;
  return `${who} ${c.size} ${c.mode}`;
}

async function main() {
  const threads = SIZES.map((n) => generateThread(n));
  const big = BIG > 0 ? generateThread(BIG) : null;
  log(`threads: ${[...threads, big].filter(Boolean).map((t) => t.comments.length).join(', ')} comments (seed ${SEED})`);

  let pages = null;
  let tl = null;
  let isso = null;
  let waline = null;
  let browser = null;
  try {
    pages = await startPageServer({ dist: paths.dist, walineClient: paths.walineClient });
    const loadStart = Date.now();
    [tl, isso, waline] = await Promise.all([
      startThreadline({ bin: paths.server, allowedOrigins: [pages.origin] }),
      startIsso({ bin: paths.isso, hosts: [pages.origin], threads }),
      startWaline({ dir: paths.waline, threads }),
    ]);
    await loadThreadline(tl, big ? [...threads, big] : threads);
    log(`servers up and loaded in ${Date.now() - loadStart} ms: threadline ${tl.url}, isso ${isso.url}, waline ${waline.url}, pages ${pages.origin}`);

    browser = await launch();
    const cells = planCells({ pages, tl, isso, waline, threads: big ? [...threads, big] : threads, big: big && BIG });

    // Warm-up: one untimed load per system, so the first timed run does not pay for servers'
    // first-request setup (Isso's and Waline's lazy imports, SQLite's page cache).
    for (const cell of cells.filter((c) => c.mode === 'first' && c.size === SIZES[0])) {
      await timeLoad(browser, cell.url, { ...cell, target: cell.expected, deadlineMs: 30_000 });
    }

    // Round-robin: run r of every cell of a group before run r + 1, so drift in the machine's
    // load spreads over all systems and sizes alike. Two groups: every "first" cell (the goals
    // compare them), then every "all" cell. Every cell gets MIN_RUNS runs; runs beyond that
    // stop once the time budget is spent.
    const groups = ['first', 'all'].map((mode) => [mode, cells.filter((c) => c.mode === mode)]);
    const skipped = [];
    const shuffleRand = prng(SEED);
    for (const [mode, group] of groups) {
      if (!group.length) continue;
      const runs = RUNS[mode];
      for (let run = 0; run < runs; run++) {
        if (run >= Math.min(MIN_RUNS, runs) && Date.now() - started > BUDGET_MS) {
          skipped.push(`${mode}: runs ${run + 1}–${runs}`);
          log(`time budget spent: ${mode} cells stop after ${run} runs`);
          break;
        }
        // A new order each run: no cell always follows the same heavy page.
        const order = shuffle(group, shuffleRand);
        for (const cell of order) {
          if (cell.abandoned) continue;
          const all = mode === 'all';
          const result = await timeLoad(browser, cell.url, {
            selector: cell.selector,
            target: cell.expected,
            more: cell.more ?? null,
            api: cell.api,
            deadlineMs: all ? 90_000 : 30_000,
            heap: !all,
          });
          cell.runs.push(result);
          if (!result.ok) log(`${cellName(cell)} run ${run + 1}: FAILED ${result.error}`);
          // A cell that cannot finish is not retried again and again.
          if (!result.ok && cell.runs.filter((r) => !r.ok).length >= 2) cell.abandoned = true;
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        }
        log(`${mode} cells: run ${run + 1} of ${runs} done`);
      }
      for (const cell of group) {
        Object.assign(cell, summarize(cell));
        const split = cell.api_end_median_ms !== null ? `, API answered at ${cell.api_end_median_ms} ms` : '';
        log(`${cellName(cell).padEnd(32)} median ${String(cell.median_ms).padStart(7)} ms  (min ${cell.min_ms}, max ${cell.max_ms}; ${cell.expected} comments${split})`);
      }
    }

    const result = report({ cells, threads: big ? [...threads, big] : threads, browserVersion: browser.version(), skipped });
    await mkdir(path.dirname(args.out), { recursive: true });
    await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${args.out}`);
    for (const goal of result.goals) log(`goal ${goal.met ? 'MET   ' : 'MISSED'} ${goal.name}: ${goal.value} (target ${goal.target})`);
  } finally {
    await browser?.close().catch(() => {});
    await stopAll([tl, isso, waline, pages]);
  }
}

/** A copy of `list` in a random order drawn from `rand` (Fisher–Yates). */
function shuffle(list, rand) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function summarize(cell) {
  const ok = cell.runs.filter((r) => r.ok);
  const s = stats(ok.map((r) => r.ms));
  const heap = stats(ok.map((r) => r.heap?.js_used_bytes));
  const wasm = stats(ok.map((r) => r.heap?.wasm_memory_bytes));
  const apiStart = stats(ok.map((r) => r.api?.start_ms));
  const apiEnd = stats(ok.map((r) => r.api?.end_ms));
  return {
    median_ms: s.median,
    api_start_median_ms: apiStart.median,
    api_end_median_ms: apiEnd.median,
    min_ms: s.min,
    max_ms: s.max,
    failures: cell.runs.length - ok.length,
    errors: [...new Set(cell.runs.filter((r) => !r.ok).map((r) => r.error))],
    js_heap_used_median_bytes: heap.median,
    wasm_memory_median_bytes: wasm.median,
  };
}

function report({ cells, threads, browserVersion, skipped }) {
  const find = (system, backend, size, mode) =>
    cells.find((c) => c.system === system && c.backend === backend && c.size === size && c.mode === mode);
  const ratio = (a, b) => (a?.median_ms && b?.median_ms ? Math.round((a.median_ms / b.median_ms) * 1000) / 1000 : null);
  const goal = (name, value, target, detail) => ({ name, value, target, met: value !== null && value <= target, ...detail });

  const tl1000 = find('threadline', 'threadline', 1000, 'first');
  const isso1000 = find('isso', 'isso', 1000, 'first');
  const floor1000 = find('vanilla', 'threadline', 1000, 'first');
  const tl100 = find('threadline', 'threadline', 100, 'first');
  const tlBig = find('threadline', 'threadline', BIG, 'first');
  const ms = (c) => c?.median_ms ?? null;

  const goals = [
    goal('1,000-comment render vs Isso (Threadline first page / Isso embed, median ms)', ratio(tl1000, isso1000), 1.0,
      { threadline_ms: ms(tl1000), isso_ms: ms(isso1000) }),
    goal('1,000-comment render vs the vanilla-DOM floor (Threadline / floor, first page, median ms)', ratio(tl1000, floor1000), 2.0,
      {
        threadline_ms: ms(tl1000),
        floor_ms: ms(floor1000),
        // Where the time goes: until the comments' JSON has arrived (page, scripts, wasm), and after.
        threadline_api_answered_ms: tl1000?.api_end_median_ms ?? null,
        floor_api_answered_ms: floor1000?.api_end_median_ms ?? null,
      }),
    goal(`${BIG.toLocaleString('en')}-comment first page vs the 100-comment case (Threadline native, median ms)`, ratio(tlBig, tl100), 1.2,
      { big_ms: ms(tlBig), small_ms: ms(tl100), big_first_page_comments: tlBig?.expected ?? null, small_first_page_comments: tl100?.expected ?? null }),
  ];
  const ratios = [
    { name: 'Threadline first page at 1,000 / Isso rendering all 1,000', value: ratio(tl1000, find('isso', 'isso', 1000, 'all')) },
    { name: 'Threadline all 1,000 (paged by clicks) / Isso all 1,000', value: ratio(find('threadline', 'threadline', 1000, 'all'), find('isso', 'isso', 1000, 'all')) },
    { name: `Threadline first page at ${BIG} / at 1,000 (both about 190 comments)`, value: ratio(tlBig, tl1000) },
    { name: 'Threadline first page at 1,000 / Waline client first page', value: ratio(tl1000, find('waline', 'waline', 1000, 'first')) },
  ];

  // One row per system, one column per size: median ms of the first page (and of "all").
  const table = [];
  for (const c of cells) {
    let row = table.find((r) => r.system === c.system && r.backend === c.backend && r.mode === c.mode);
    if (!row) table.push((row = { system: c.system, backend: c.backend, mode: c.mode, median_ms: {}, comments: {} }));
    row.median_ms[c.size] = c.median_ms ?? null;
    row.comments[c.size] = c.expected;
  }

  return {
    what: 'Render time in headless Chromium: navigation start → the wanted comments are in the DOM (MutationObserver in the page, shadow roots included); JS heap after a forced GC (CDP Runtime.getHeapUsage) and wasm linear memory (not part of the JS heap).',
    generated_at: new Date().toISOString(),
    duration_s: Math.round((Date.now() - started) / 1000),
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, node: process.version, chromium: browserVersion },
    runs_per_cell: RUNS,
    order: 'each run visits the cells of its group in a new order (seeded shuffle), with a pause after each load',
    sizes: SIZES,
    big: BIG,
    all_sizes: ALL_SIZES,
    seed: SEED,
    threads: Object.fromEntries(threads.map((t) => [t.comments.length, { thread: t.thread, ...describe(t) }])),
    defaults: {
      threadline_page_size: PAGE_SIZE,
      isso_max_comments_nested: ISSO_NESTED,
      waline_page_size: WALINE_PAGE_SIZE,
      notes: [
        '"first" = the system\'s first page with its default settings; "all" = every comment of the thread in the DOM (paged systems: the "more" button clicked as each page arrives; Isso: max-comments-nested=inf).',
        'Threadline runs with data-loading="eager"; every load is a fresh browser context (cold caches).',
        'Hosts other than 127.0.0.1 fail in the resolver: Waline\'s avatar and emoji requests fail at once instead of loading.',
        `"all" is measured at ${ALL_SIZES.join(' and ') || 'no size'} comments: at 5,000, Waline\'s client needs about 150 clicks of 10 top-level comments, which would push this part past its 8-minute budget.`,
      ],
    },
    goals,
    ratios,
    table,
    cells: cells.map(({ url, runs, ...rest }) => ({ ...rest, url, runs })),
    skipped: skipped,
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
