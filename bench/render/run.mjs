// Render time in headless Chromium: Threadline (on its own server, on Isso and on Waline) side
// by side with Isso's own embed, Waline's own client and the vanilla-DOM floor, on the same
// generated threads, in the same run. Writes one JSON file with every run of every cell, the
// median, min and max, and the goals as ratios.
//
//   node bench/render/run.mjs --out target/bench/render.json [--runs 7] [--all-runs 5] [--sizes 100,1000,5000]
//                             [--big 10000] [--all-sizes 100,1000] [--budget-s 450] [--cells LIST]
//
// Only some cells: `--cells who:size[:mode],…` (who: threadline, threadline/isso,
// threadline/waline, vanilla, isso, waline; size: a thread's comments, or `big`; mode: first,
// the default, or all). Only the servers and threads those cells use are started and loaded.
// The cells of the two goals that need no Isso or Waline (the big thread against 100 comments,
// 1,000 comments against the floor), in a couple of minutes:
//
//   cargo build --release -p threadline-server
//   node bench/render/run.mjs --out /tmp/bench-render.json \
//     --cells threadline:100,threadline:big,threadline:1000,vanilla:1000
//
// Environment (set by `cargo xtask bench`; defaults under target/ otherwise):
//   THREADLINE_SERVER_BIN   threadline-server (default target/release/threadline-server)
//   THREADLINE_DIST         dist/ (from `cargo xtask dist`)
//   THREADLINE_ISSO_BIN     the venv's isso
//   THREADLINE_WALINE_DIR   the folder whose node_modules holds @waline/vercel
//   BENCH_WALINE_CLIENT     @waline/client's dist/ (from target/bench/npm)
//
// Two clocks per system: "first" stops when the system's first page is in the DOM (what a
// reader sees on arrival: Threadline shows 50 top-level comments with at most 20 replies of
// each on its own server (the rest behind "N more replies"), all of them on Isso and Waline;
// the floor 50 with all their replies; Isso by default every top-level comment with up to 5
// replies each; Waline's client 10 top-level comments, newest first, with their replies); "all"
// stops when every comment of the thread is in the DOM (paged systems have their "more" button
// clicked each time a page arrives, Threadline's "N more replies" and collapsed subtrees too;
// Isso is told `max-comments-nested = inf`). The "first" clock clicks nothing; where Threadline
// shows fewer comments than its page holds (subtrees it starts collapsed), it stops once the
// count, at least the page's top-level comments, has held for a second, dated at its last change.
//
// Besides the threads of --sizes, the --big thread (10,000 comments, 2,000 of them under one
// top-level comment on the first page) checks that a huge thread's first page costs about
// what a small one's does: Threadline on its own server, and the floor for scale.

import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describe, firstPageCount, generateBigThread, generateThread, HOT_REPLIES, prng, SEED } from './generate.mjs';
import { launch, timeLoad } from './clock.mjs';
import { snapshotDist } from './dist.mjs';
import { startPageServer } from './pages.mjs';
import {
  cellUrl, ISSO_NESTED, measuredNotes, needs, PAGE_SIZE, parseCells, planCells, REPLY_BATCH, selectCells, HOLD_MS,
  shuffle, stats, WALINE_PAGE_SIZE, warmUpCells,
} from './plan.mjs';
import { loadThreadline, startIsso, startThreadline, startWaline, stopAll } from './servers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'target', 'bench', 'render.json') },
    runs: { type: 'string', default: '7' },
    'all-runs': { type: 'string', default: '5' },
    sizes: { type: 'string', default: '100,1000,5000' },
    big: { type: 'string', default: '10000' },
    'budget-s': { type: 'string', default: '450' },
    'all-sizes': { type: 'string', default: '100,1000' },
    cells: { type: 'string' },
  },
});
/** Runs of each "first" cell (the goals compare them) and of each "all" cell. */
const RUNS = { first: Math.max(1, Number(args.runs)), all: Math.max(1, Number(args['all-runs'])) };
/** Runs every cell gets even past the time budget. */
const MIN_RUNS = 5;
/** Pause after each load, so that tearing down a heavy page does not slow the next one. */
const SETTLE_MS = 300;
const SIZES = args.sizes.split(',').filter(Boolean).map(Number);
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
/** The 1-minute load average before the run: other work on the 2 cores shifts every figure. */
const loadBefore = os.loadavg()[0];
const log = (...parts) => console.log(`[render ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...parts);

function cellName(c) {
  const who = c.system === 'threadline' ? `threadline/${c.backend}` : c.system;
  return `${who} ${c.size} ${c.mode}`;
}

/** Starts each server in `names`; on any failure, stops those that started, then throws. */
async function startServers(names, { pages, need }) {
  const start = {
    threadline: () => startThreadline({ bin: paths.server, allowedOrigins: [pages.origin] }),
    isso: () => startIsso({ bin: paths.isso, hosts: [pages.origin], threads: need.servers.isso }),
    waline: () => startWaline({ dir: paths.waline, threads: need.servers.waline }),
  };
  const settled = await Promise.allSettled(names.map((name) => start[name]()));
  const servers = {};
  settled.forEach((s, i) => s.status === 'fulfilled' && (servers[names[i]] = s.value));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll(Object.values(servers));
    throw failed.reason;
  }
  return servers;
}

async function main() {
  const threads = SIZES.map((n) => generateThread(n));
  const big = BIG > 0 ? generateBigThread(BIG) : null;
  const every = big ? [...threads, big] : threads;
  const planned = planCells({ threads, big, allSizes: ALL_SIZES });
  const cells = args.cells ? selectCells(planned, parseCells(args.cells, { bigSize: big ? BIG : 0 })) : planned;
  const need = needs(cells, every);
  const used = every.filter((t) => need.sizes.includes(t.comments.length));
  log(`threads: ${used.map((t) => t.comments.length).join(', ')} comments (seed ${SEED}); ${cells.length} of ${planned.length} cells`);

  let dist = null;
  let pages = null;
  let servers = {};
  let browser = null;
  try {
    // The whole run loads one build of the widget, even if dist/ is rebuilt meanwhile.
    dist = await snapshotDist(paths.dist);
    pages = await startPageServer({ dist: dist.dir, walineClient: paths.walineClient });
    const loadStart = Date.now();
    servers = await startServers(Object.keys(need.servers), { pages, need });
    if (servers.threadline) await loadThreadline(servers.threadline, need.servers.threadline);
    const where = Object.entries(servers).map(([name, s]) => `${name} ${s.url}`).join(', ');
    log(`servers up and loaded in ${Date.now() - loadStart} ms: ${where}, pages ${pages.origin}`);

    browser = await launch();
    for (const cell of cells) cell.url = cellUrl(cell, pages, servers);

    // Warm-up: one untimed load per system, so the first timed run does not pay for servers'
    // first-request setup (Isso's and Waline's lazy imports, SQLite's page cache).
    for (const cell of warmUpCells(cells)) {
      await timeLoad(browser, cell.url, { ...cell, target: cell.expected, settleMs: HOLD_MS, deadlineMs: 30_000 });
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
            least: all ? null : cell.least ?? null,
            settleMs: HOLD_MS,
            // Only "all" cells have a button to click: the first page is timed as it arrives.
            more: all ? cell.more ?? null : null,
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
        const seen = cell.dom_count_median !== null && cell.dom_count_median !== cell.expected ? ` (${cell.dom_count_median} in the DOM)` : '';
        log(`${cellName(cell).padEnd(32)} median ${String(cell.median_ms).padStart(7)} ms  (min ${cell.min_ms}, max ${cell.max_ms}; ${cell.expected} comments${seen}${split})`);
      }
    }

    const result = report({ cells, threads: used, big, browserVersion: browser.version(), skipped, widget: dist.files });
    await mkdir(path.dirname(args.out), { recursive: true });
    await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${args.out} (1-minute load average ${result.machine.load_average_1m.before} before, ${result.machine.load_average_1m.after} after)`);
    for (const goal of result.goals) {
      const verdict = goal.value === null ? 'NOT MEASURED' : goal.met ? 'MET   ' : 'MISSED';
      log(`goal ${verdict} ${goal.name}: ${goal.value} (target ${goal.target})`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await stopAll([...Object.values(servers), pages]);
    await dist?.remove();
  }
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
    // Comments in the DOM when the clock stopped: `expected`, or more where the system showed
    // more than the page the cell waits for, or fewer where its count held short (`least`).
    dom_count_median: stats(ok.map((r) => r.count)).median,
    // Runs stopped by a count that held short of `expected` (clock.mjs, `least`).
    settled_runs: ok.filter((r) => r.settled).length,
    // The list request's `replies=` (null: not in it), when the request was seen.
    replies_asked: repliesAsked(ok),
    failures: cell.runs.length - ok.length,
    errors: [...new Set(cell.runs.filter((r) => !r.ok).map((r) => r.error))],
    js_heap_used_median_bytes: heap.median,
    wasm_memory_median_bytes: wasm.median,
  };
}

const round2 = (x) => Math.round(x * 100) / 100;

/** The `replies` parameter of the first list request seen in `runs` (undefined: none seen). */
function repliesAsked(runs) {
  const url = runs.find((r) => r.api?.url)?.api.url;
  return url === undefined ? undefined : new URL(url, 'http://list.invalid').searchParams.get('replies');
}

function report({ cells, threads, big, browserVersion, skipped, widget }) {
  const find = (system, backend, size, mode) =>
    cells.find((c) => c.system === system && c.backend === backend && c.size === size && c.mode === mode);
  const ratio = (a, b) => (a?.median_ms && b?.median_ms ? Math.round((a.median_ms / b.median_ms) * 1000) / 1000 : null);
  const goal = (name, value, target, detail) => ({ name, value, target, met: value !== null && value <= target, ...detail });

  const tl1000 = find('threadline', 'threadline', 1000, 'first');
  const isso1000 = find('isso', 'isso', 1000, 'first');
  const floor1000 = find('vanilla', 'threadline', 1000, 'first');
  const tl100 = find('threadline', 'threadline', 100, 'first');
  const tlBig = big ? find('threadline', 'threadline', BIG, 'first') : undefined;
  const ms = (c) => c?.median_ms ?? null;
  const hot = big?.hot.replies ?? HOT_REPLIES;

  const goals = [
    goal('1,000-comment render vs Isso (Threadline first page / Isso embed, median ms)', ratio(tl1000, isso1000), 1.0,
      { threadline_ms: ms(tl1000), isso_ms: ms(isso1000) }),
    // Issue 13: at most 1.5× the floor once the loader fetches the first page beside the wasm.
    goal('1,000-comment render vs the vanilla-DOM floor (Threadline / floor, first page, median ms)', ratio(tl1000, floor1000), 1.5,
      {
        threadline_ms: ms(tl1000),
        floor_ms: ms(floor1000),
        // Where the time goes: until the comments' JSON has arrived (page, scripts, wasm), and after.
        threadline_api_answered_ms: tl1000?.api_end_median_ms ?? null,
        floor_api_answered_ms: floor1000?.api_end_median_ms ?? null,
      }),
    // Issue 13: a huge thread's first page, with one subtree far past the server's cap, costs
    // at most 1.2× a small thread's.
    goal(`${BIG.toLocaleString('en')}-comment first page, ${hot.toLocaleString('en')} of them under one comment, vs the 100-comment case (Threadline native, median ms)`,
      ratio(tlBig, tl100), 1.2,
      {
        big_ms: ms(tlBig),
        small_ms: ms(tl100),
        big_first_page_comments: tlBig?.expected ?? null,
        big_comments_in_dom: tlBig?.dom_count_median ?? null,
        small_first_page_comments: tl100?.expected ?? null,
        small_comments_in_dom: tl100?.dom_count_median ?? null,
      }),
  ];
  const ratios = [
    { name: 'Threadline first page at 1,000 / Isso rendering all 1,000', value: ratio(tl1000, find('isso', 'isso', 1000, 'all')) },
    { name: 'Threadline all 1,000 (paged by clicks) / Isso all 1,000', value: ratio(find('threadline', 'threadline', 1000, 'all'), find('isso', 'isso', 1000, 'all')) },
    { name: `Threadline first page at ${BIG} / at 1,000 (pages of ${tlBig?.expected ?? '?'} and ${tl1000?.expected ?? '?'} comments)`, value: ratio(tlBig, tl1000) },
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

  const bigNote = big
    ? [`The ${BIG}-comment thread has ${hot} comments below one top-level comment, the 3rd (${big.comments.filter((c) => c.parent === big.hot.index).length} direct replies, the rest in chains down to depth 6, spread over the whole discussion); its other comments are shaped as in the smaller threads. It is measured on Threadline's own server only, and with the floor, which asks for no cap and shows every comment of its first page (${firstPageCount(big.comments, { pageSize: PAGE_SIZE })}).`]
    : [];

  return {
    what: 'Render time in headless Chromium: navigation start → the wanted comments are in the DOM (MutationObserver in the page, shadow roots included); JS heap after a forced GC (CDP Runtime.getHeapUsage) and wasm linear memory (not part of the JS heap).',
    generated_at: new Date().toISOString(),
    duration_s: Math.round((Date.now() - started) / 1000),
    machine: {
      cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, node: process.version, chromium: browserVersion,
      load_average_1m: { before: round2(loadBefore), after: round2(os.loadavg()[0]) },
    },
    runs_per_cell: RUNS,
    order: 'each run visits the cells of its group in a new order (seeded shuffle), with a pause after each load',
    sizes: SIZES,
    big: BIG,
    big_hot_replies: big ? hot : null,
    all_sizes: ALL_SIZES,
    // A run of some cells only (--cells): the goals whose cells were left out are null.
    cells_selected: args.cells ?? null,
    // The build measured: the hashed files its loader names.
    widget_files: widget,
    seed: SEED,
    threads: Object.fromEntries(threads.map((t) => [t.comments.length, { thread: t.thread, ...describe(t) }])),
    defaults: {
      threadline_page_size: PAGE_SIZE,
      threadline_replies_per_subtree: REPLY_BATCH,
      isso_max_comments_nested: ISSO_NESTED,
      waline_page_size: WALINE_PAGE_SIZE,
      notes: [
        '"first" = the system\'s first page with its default settings, timed with no click; "all" = every comment of the thread in the DOM (paged systems: the "more" button clicked as each page arrives, Threadline\'s "N more replies" and collapsed subtrees too; Isso: max-comments-nested=inf).',
        `Threadline's "first" on its own server waits for ${PAGE_SIZE} top-level comments with at most ${REPLY_BATCH} replies of each (the server's cap, \`replies=${REPLY_BATCH}\`); on Isso and Waline, and in the floor, for every reply of the page. Where Threadline shows fewer (subtrees it starts collapsed), its clock stops once its count of comments, at least the page's top-level ones, has held for ${HOLD_MS / 1000} s, and is dated at the count's last change.`,
        ...bigNote,
        'Threadline runs with data-loading="eager"; every load is a fresh browser context (cold caches).',
        'Hosts other than 127.0.0.1 fail in the resolver: Waline\'s avatar and emoji requests fail at once instead of loading.',
        `"all" is measured at ${ALL_SIZES.join(' and ') || 'no size'} comments: at 5,000, Waline\'s client needs about 150 clicks of 10 top-level comments, which would push this part past its 8-minute budget.`,
        // Measured, not assumed: where Threadline showed more or fewer than the page it got.
        ...measuredNotes(cells),
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
