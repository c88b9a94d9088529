// The render benchmark's matrix: which cells (system × backend × thread × clock) there are, what
// each waits for, which of them a run measures (`--cells`), and the page each one loads. Pure
// but for `cellUrl`, which only formats the URL of servers already running.

import { firstPageCount, topLevel } from './generate.mjs';

/** Threadline's default page: top-level comments per page (data-page-size). */
export const PAGE_SIZE = 50;
/**
 * Replies of each top-level comment that a page of Threadline's server carries when the widget
 * asks (`replies=`, protocol/src/lib.rs `limits::REPLY_BATCH`); the rest stay behind "N more
 * replies". A test reads the protocol crate, so the two cannot drift apart unnoticed.
 */
export const REPLY_BATCH = 20;
/**
 * How long a count short of a "first" cell's `expected` must hold before the clock stops
 * (clock.mjs, `least`). Yew renders a page in one go; a second is far past any gap in it.
 */
export const HOLD_MS = 1_000;
/** Waline's client default pageSize, newest first. */
export const WALINE_PAGE_SIZE = 10;
/** Isso's embed default `max-comments-nested`. */
export const ISSO_NESTED = 5;

/** How each backend's first list request looks (for the "API answered at" split). */
const API_REQUEST = { threadline: '/api/comments?', isso: '/?uri=', waline: '/api/comment?path=' };

const TL_SELECTOR = 'article.tl-comment';
/**
 * What the "all" clock clicks in Threadline and the floor: "Show more comments"; since a page
 * carries at most REPLY_BATCH replies of a subtree, "N more replies"; and the "N replies" of a
 * subtree the widget shows collapsed. The "first" clock clicks nothing.
 */
const TL_MORE = 'button.tl-more, button.tl-more-replies-button, button.tl-collapsed-count';
const ISSO_SELECTOR = 'div.isso-comment[id^="isso-"]';
const WALINE_SELECTOR = '.wl-card-item';
const WALINE_MORE = '.wl-operation button.wl-btn';

/** The systems as `--cells` names them: Threadline on its own server is plain `threadline`. */
const WHO = ['threadline', 'threadline/isso', 'threadline/waline', 'vanilla', 'isso', 'waline'];
const MODES = ['first', 'all'];

/** `who:size:mode`, the name `--cells` selects a cell by (`threadline/isso:1000:first`). */
export function cellId({ system, backend, size, mode }) {
  const who = system !== 'threadline' ? system : backend === 'threadline' ? 'threadline' : `threadline/${backend}`;
  return `${who}:${size}:${mode}`;
}

/**
 * Every cell of the matrix, most important first (the goals need the "first" cells): the
 * "first" cells of each of `threads` (generated threads of the sizes asked for), those of `big`
 * (Threadline on its own server and the floor only: the paging check), then the "all" cells of
 * the sizes in `allSizes`. A cell says which server it needs and which page it loads, not
 * where they run (see `cellUrl`).
 */
export function planCells({ threads, big = null, allSizes = [] }) {
  const cells = [];
  const add = (cell) => cells.push({ ...cell, id: cellId(cell), api: API_REQUEST[cell.backend], runs: [] });
  const bySize = new Map(threads.map((t) => [t.comments.length, t]));
  const firstOf = (t, opts) => firstPageCount(t.comments, opts);

  const firstCells = (t, { onlyNative = false } = {}) => {
    const size = t.comments.length;
    const thread = t.thread;
    // The floor renders every reply the page holds (it asks for no cap); Threadline on its own
    // server asks for REPLY_BATCH per subtree and shows "N more replies" for the rest.
    const whole = firstOf(t, { pageSize: PAGE_SIZE });
    const capped = firstOf(t, { pageSize: PAGE_SIZE, nestedLimit: REPLY_BATCH });
    // Threadline may start a long subtree collapsed, showing fewer comments than its page
    // holds; every top-level comment of the page is always shown (see clock.mjs, `least`).
    const least = Math.min(PAGE_SIZE, topLevel(t.comments).length);
    add({ system: 'vanilla', backend: 'threadline', size, mode: 'first', expected: whole, selector: TL_SELECTOR,
      server: 'threadline', page: { kind: 'vanilla', thread } });
    add({ system: 'threadline', backend: 'threadline', size, mode: 'first', expected: capped, least, selector: TL_SELECTOR,
      server: 'threadline', page: { kind: 'threadline', thread } });
    if (onlyNative) return;
    for (const backend of ['isso', 'waline']) {
      add({ system: 'threadline', backend, size, mode: 'first', expected: whole, least, selector: TL_SELECTOR,
        server: backend, page: { kind: 'threadline', thread } });
    }
    add({ system: 'isso', backend: 'isso', size, mode: 'first', expected: firstOf(t, { nestedLimit: ISSO_NESTED }),
      selector: ISSO_SELECTOR, server: 'isso', page: { kind: 'isso', thread } });
    add({ system: 'waline', backend: 'waline', size, mode: 'first',
      expected: firstOf(t, { pageSize: WALINE_PAGE_SIZE, newestFirst: true }), selector: WALINE_SELECTOR,
      server: 'waline', page: { kind: 'waline', thread } });
  };
  const allCells = (t) => {
    const size = t.comments.length;
    const thread = t.thread;
    const n = size;
    const all = { size, mode: 'all', expected: n };
    if (firstOf(t, { pageSize: PAGE_SIZE }) < n) {
      add({ ...all, system: 'vanilla', backend: 'threadline', selector: TL_SELECTOR, more: TL_MORE,
        server: 'threadline', page: { kind: 'vanilla', thread } });
    }
    // The cap can leave replies of a thread whose top-level comments fit on one page.
    if (firstOf(t, { pageSize: PAGE_SIZE, nestedLimit: REPLY_BATCH }) < n) {
      add({ ...all, system: 'threadline', backend: 'threadline', selector: TL_SELECTOR, more: TL_MORE,
        server: 'threadline', page: { kind: 'threadline', thread } });
    }
    if (firstOf(t, { pageSize: PAGE_SIZE }) < n) {
      for (const backend of ['isso', 'waline']) {
        add({ ...all, system: 'threadline', backend, selector: TL_SELECTOR, more: TL_MORE,
          server: backend, page: { kind: 'threadline', thread } });
      }
    }
    if (firstOf(t, { nestedLimit: ISSO_NESTED }) < n) {
      add({ ...all, system: 'isso', backend: 'isso', selector: ISSO_SELECTOR,
        server: 'isso', page: { kind: 'isso', thread, nested: 'inf' } });
    }
    if (firstOf(t, { pageSize: WALINE_PAGE_SIZE }) < n) {
      add({ ...all, system: 'waline', backend: 'waline', selector: WALINE_SELECTOR, more: WALINE_MORE,
        server: 'waline', page: { kind: 'waline', thread } });
    }
  };

  if (big && bySize.has(big.comments.length)) {
    throw new Error(`the big thread (${big.comments.length} comments) has the size of one of --sizes: leave it out of them`);
  }
  for (const t of threads) firstCells(t);
  if (big) firstCells(big, { onlyNative: true });
  for (const size of allSizes) if (bySize.has(size)) allCells(bySize.get(size));
  return cells;
}

/**
 * The cell ids of a `--cells` list: `who:size[:mode]` items separated by commas, where `who`
 * is one of WHO, `size` a thread size or `big` (the big thread, `bigSize` comments) and `mode`
 * `first` (the default) or `all`. Throws on anything else, so that a typo measures nothing
 * rather than something else.
 */
export function parseCells(spec, { bigSize = 0 } = {}) {
  const ids = [];
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [who, size, mode = 'first', ...rest] = item.split(':');
    if (!WHO.includes(who)) throw new Error(`--cells ${item}: the system is one of ${WHO.join(', ')}`);
    if (!MODES.includes(mode) || rest.length) throw new Error(`--cells ${item}: write who:size or who:size:first|all`);
    let n = Number(size);
    if (size === 'big') {
      if (!(bigSize > 0)) throw new Error(`--cells ${item}: there is no big thread (--big 0)`);
      n = bigSize;
    }
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--cells ${item}: the size is a number of comments or big`);
    ids.push(`${who}:${n}:${mode}`);
  }
  if (!ids.length) throw new Error('--cells names no cell');
  return [...new Set(ids)];
}

/** The cells of `cells` that `ids` (from `parseCells`) name; throws when one names none. */
export function selectCells(cells, ids) {
  const missing = ids.filter((id) => !cells.some((c) => c.id === id));
  if (missing.length) {
    throw new Error(`no such cell: ${missing.join(', ')} (the matrix has ${cells.map((c) => c.id).join(', ')})`);
  }
  return cells.filter((c) => ids.includes(c.id));
}

/**
 * What a run of `cells` needs: the sizes of its threads and, per server, the threads to load
 * into it, smallest first (a thread goes only where a cell reads it).
 */
export function needs(cells, threads) {
  const bySize = new Map(threads.map((t) => [t.comments.length, t]));
  const servers = {};
  for (const c of cells) {
    const list = (servers[c.server] ??= []);
    const t = bySize.get(c.size);
    if (t && !list.includes(t)) list.push(t);
  }
  for (const list of Object.values(servers)) list.sort((a, b) => a.comments.length - b.comments.length);
  return { servers, sizes: [...new Set(cells.map((c) => c.size))].sort((a, b) => a - b) };
}

/**
 * The first cell of each system and backend among the "first" cells of `cells`, at its
 * smallest thread: the untimed warm-up loads.
 */
export function warmUpCells(cells) {
  const chosen = new Map();
  for (const c of cells) {
    if (c.mode !== 'first') continue;
    const key = `${c.system}/${c.backend}`;
    if (!chosen.has(key) || c.size < chosen.get(key).size) chosen.set(key, c);
  }
  return [...chosen.values()];
}

/** The URL of `cell`'s page on `pages` (bench/render/pages.mjs), given the running `servers`. */
export function cellUrl(cell, pages, servers) {
  const server = servers[cell.server];
  const { kind, thread, nested } = cell.page;
  switch (kind) {
    case 'vanilla':
      return pages.url('vanilla', { api: server.api, thread });
    case 'threadline':
      return cell.server === 'threadline'
        ? pages.url('threadline', { api: server.api, thread })
        : pages.url('threadline', { api: server.url, backend: cell.server, thread });
    case 'isso':
      return pages.url('isso', { server: server.url, thread, nested });
    case 'waline':
      return pages.url('waline', { server: server.url, thread });
    default:
      throw new Error(`no page of kind ${kind}`);
  }
}

/**
 * Notes on what Threadline's "first" cells (summarized: `dom_count_median`, `settled_runs`,
 * `replies_asked`) showed, where it differs from the page they wait for: a page asked for
 * without the cap, more comments than a capped page holds, or fewer (subtrees it showed
 * collapsed).
 */
export function measuredNotes(cells) {
  const notes = [];
  for (const c of cells) {
    const shown = c.dom_count_median;
    if (c.system !== 'threadline' || c.mode !== 'first' || typeof shown !== 'number') continue;
    const where = `the ${c.size}-comment thread${c.backend === 'threadline' ? '' : ` on ${c.backend}`}`;
    if (c.backend === 'threadline' && c.replies_asked !== undefined && c.replies_asked !== String(REPLY_BATCH)) {
      const asked = c.replies_asked === null ? 'without `replies`' : `with \`replies=${c.replies_asked}\``;
      notes.push(`Threadline asked for the first page of ${where} ${asked}, not \`replies=${REPLY_BATCH}\`: the page it got is not the capped page the cell waits for.`);
    }
    if (c.backend === 'threadline' && shown > c.expected) {
      notes.push(`Threadline showed ${shown} comments on the first page of ${where}, more than the ${c.expected} of a page capped at ${REPLY_BATCH} replies per subtree: its time includes every reply.`);
    }
    if (c.settled_runs > 0) {
      notes.push(`Threadline showed ${shown} of the ${c.expected} comments of the first page of ${where} (the others in subtrees it starts collapsed); ${c.settled_runs} of its runs stopped once that count had held for ${HOLD_MS / 1000} s, timed at its last change.`);
    }
  }
  return notes;
}

/** Median (to 0.1), min and max of the numbers in `values` (anything else is left out). */
export function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (!sorted.length) return { median: null, min: null, max: null };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: Math.round(median * 10) / 10, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A copy of `list` in a random order drawn from `rand` (Fisher–Yates). */
export function shuffle(list, rand) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
