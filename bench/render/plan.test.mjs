// The render benchmark's matrix and `--cells`, on the real generated threads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateBigThread, generateThread } from './generate.mjs';
import { cellUrl, measuredNotes, needs, parseCells, planCells, REPLY_BATCH, selectCells, warmUpCells } from './plan.mjs';

const threads = [100, 1000].map((n) => generateThread(n));
const big = generateBigThread(10_000);
const cells = planCells({ threads, big, allSizes: [100, 1000] });
const byId = (id) => cells.find((c) => c.id === id);

test("REPLY_BATCH is the protocol's", () => {
  const lib = readFileSync(new URL('../../protocol/src/lib.rs', import.meta.url), 'utf8');
  assert.match(lib, new RegExp(`pub const REPLY_BATCH: usize = ${REPLY_BATCH};`));
});

test('Threadline on its own server waits for the capped page, the floor for the whole one', () => {
  // The 100-comment thread has a 33-reply subtree: 13 of its replies wait behind the button.
  assert.equal(byId('threadline:100:first').expected, 87);
  assert.equal(byId('vanilla:100:first').expected, 100);
  assert.equal(byId('threadline/isso:100:first').expected, 100);
  // The big thread: 50 top-level comments and at most 20 replies of each, not 2,000.
  assert.equal(byId('threadline:10000:first').expected, 227);
  assert.equal(byId('vanilla:10000:first').expected, 2225);
  // The big thread is for Threadline's own server (and the floor) only, and has no "all".
  assert.deepEqual(cells.filter((c) => c.size === 10_000).map((c) => c.id), ['vanilla:10000:first', 'threadline:10000:first']);
});

test("Threadline's first cells may stop short, but never below the page's top-level comments", () => {
  // The 100-comment thread has 30 top-level comments, the others more than a page of 50.
  assert.equal(byId('threadline:100:first').least, 30);
  assert.equal(byId('threadline/waline:1000:first').least, 50);
  assert.equal(byId('threadline:10000:first').least, 50);
  // The floor, Isso and Waline collapse nothing: they must show the whole page.
  for (const c of cells.filter((c) => c.system !== 'threadline' || c.mode === 'all')) assert.equal(c.least, undefined, c.id);
});

test('notes say where Threadline showed more than the capped page, or fewer', () => {
  const cell = (id, fields) => ({ ...byId(id), failures: 0, settled_runs: 0, ...fields });
  const notes = measuredNotes([
    cell('threadline:10000:first', { dom_count_median: 2227, replies_asked: null }),
    cell('threadline/isso:100:first', { dom_count_median: 41, settled_runs: 7 }),
    cell('threadline:1000:first', { dom_count_median: 182, replies_asked: '20' }),
    cell('threadline:1000:first', { size: 5000, expected: 186, dom_count_median: 180, replies_asked: '10' }),
    cell('vanilla:1000:first', { dom_count_median: 192 }),
    cell('threadline:100:first', { dom_count_median: null }),
  ]);
  assert.deepEqual(notes, [
    'Threadline asked for the first page of the 10000-comment thread without `replies`, not `replies=20`: the page it got is not the capped page the cell waits for.',
    'Threadline showed 2227 comments on the first page of the 10000-comment thread, more than the 227 of a page capped at 20 replies per subtree: its time includes every reply.',
    'Threadline showed 41 of the 100 comments of the first page of the 100-comment thread on isso (the others in subtrees it starts collapsed); 7 of its runs stopped once that count had held for 1 s, timed at its last change.',
    'Threadline asked for the first page of the 5000-comment thread with `replies=10`, not `replies=20`: the page it got is not the capped page the cell waits for.',
  ]);
});

test('only "all" cells click, and Threadline\'s click "N more replies" too', () => {
  for (const c of cells.filter((c) => c.mode === 'first')) assert.equal(c.more, undefined, c.id);
  // Every top-level comment of the 100-comment thread is on its first page, but the cap is not.
  assert.ok(byId('threadline:100:all'));
  assert.equal(byId('vanilla:100:all'), undefined);
  assert.match(byId('threadline:1000:all').more, /tl-more-replies-button/);
  assert.match(byId('threadline:1000:all').more, /button\.tl-more\b/);
  assert.match(byId('threadline:1000:all').more, /tl-collapsed-count/);
});

test('--cells picks cells by who:size[:mode], with big for the big thread', () => {
  const ids = parseCells('threadline:100, threadline:big,threadline:1000,vanilla:1000,isso:1000:all', { bigSize: 10_000 });
  assert.deepEqual(ids, ['threadline:100:first', 'threadline:10000:first', 'threadline:1000:first', 'vanilla:1000:first', 'isso:1000:all']);
  const chosen = selectCells(cells, ids);
  // In the matrix's order, whatever the order asked in.
  assert.deepEqual(chosen.map((c) => c.id), ['threadline:100:first', 'vanilla:1000:first', 'threadline:1000:first', 'threadline:10000:first', 'isso:1000:all']);
  assert.throws(() => parseCells('threadline:big', { bigSize: 0 }), /no big thread/);
  assert.throws(() => parseCells('threadlin:100'), /the system is one of/);
  assert.throws(() => parseCells('threadline:100:last'), /who:size/);
  assert.throws(() => parseCells('threadline:many'), /number of comments/);
  assert.throws(() => parseCells(' , '), /names no cell/);
  // A cell the matrix does not have is an error, not an empty run.
  assert.throws(() => selectCells(cells, ['isso:10000:first']), /no such cell: isso:10000:first/);
});

test('a run of the native cells starts and loads Threadline only, with the threads it reads', () => {
  const chosen = selectCells(cells, parseCells('threadline:100,threadline:big,threadline:1000,vanilla:1000', { bigSize: 10_000 }));
  const need = needs(chosen, [...threads, big]);
  assert.deepEqual(Object.keys(need.servers), ['threadline']);
  assert.deepEqual(need.servers.threadline.map((t) => t.thread), ['/bench/thread-100', '/bench/thread-1000', big.thread]);
  assert.deepEqual(need.sizes, [100, 1000, 10_000]);
  // One warm-up load per system, at its smallest thread.
  assert.deepEqual(warmUpCells(chosen).map((c) => c.id).sort(), ['threadline:100:first', 'vanilla:1000:first']);
});

test('each cell loads its page against the server it needs', () => {
  const pages = { url: (kind, params) => `${kind}?${new URLSearchParams(JSON.parse(JSON.stringify(params)))}` };
  const servers = {
    threadline: { url: 'http://tl', api: 'http://tl/api' },
    isso: { url: 'http://isso' },
    waline: { url: 'http://waline' },
  };
  const url = (id) => decodeURIComponent(cellUrl(byId(id), pages, servers));
  assert.equal(url('threadline:10000:first'), `threadline?api=http://tl/api&thread=${big.thread}`);
  assert.equal(url('threadline/waline:100:first'), 'threadline?api=http://waline&backend=waline&thread=/bench/thread-100');
  assert.equal(url('vanilla:1000:first'), 'vanilla?api=http://tl/api&thread=/bench/thread-1000');
  assert.equal(url('isso:1000:all'), 'isso?server=http://isso&thread=/bench/thread-1000&nested=inf');
  assert.equal(url('isso:1000:first'), 'isso?server=http://isso&thread=/bench/thread-1000');
});
