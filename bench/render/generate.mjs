// The benchmark's comment threads: realistic nested discussions made from a fixed seed, so that
// every run and every system gets exactly the same comments.
//
//   import { generateThread } from './generate.mjs';
//   const t = generateThread(1000);   // { thread, title, comments: [...] }
//
// Each comment: { index, parent (index or null), root (index of its top-level ancestor),
// depth (1 = top-level, at most MAX_DEPTH), author, email, website, text (markdown),
// createdMs }. Comments are in creation order: a parent always comes before its replies.
//
//   const big = generateBigThread(10000);   // the same, with 2,000 comments under one
//
// Run directly to print a summary: `node bench/render/generate.mjs 1000 big:10000`.

import { fileURLToPath } from 'node:url';

/** The seed of every generated thread; change it and every number in the report moves. */
export const SEED = 0x7e4d11e;

/** Deepest level of a reply (1 = top-level comment). */
export const MAX_DEPTH = 6;

/** Share of comments that start a new top-level discussion. */
const TOP_LEVEL_SHARE = 0.3;

/** Thread creation starts here (2026-01-05T09:00:00Z); comments follow minutes apart. */
const START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

const FIRST = [
  'Maya', 'Tomas', 'Hanna', 'Ravi', 'Lena', 'Oskar', 'Amira', 'Jonas', 'Priya', 'Felix', 'Noor', 'Mateo',
  'Ines', 'Kwame', 'Sofia', 'Arjun', 'Elif', 'Lucas', 'Yuki', 'Chloe', 'Emeka', 'Greta', 'Diego', 'Mei',
  'Sven', 'Aisha', 'Pavel', 'Rosa', 'Idris', 'Clara',
];
const LAST = [
  'Lindqvist', 'Reyes', 'Okafor', 'Iyer', 'Novak', 'Berg', 'Haddad', 'Keller', 'Nair', 'Costa', 'Moreau',
  'Tanaka', 'Mensah', 'Fischer', 'Silva', 'Kowalski', 'Larsen', 'Dubois', 'Aziz', 'Ortega',
];
const WORDS = (
  'the river levee town council bakery flood plan money bridge street water park bench winter summer ' +
  'people meeting budget repair cafe volunteers insurance gates concrete path lamp school market ' +
  'neighbours question answer reason report figures cost years month evening morning crowd idea ' +
  'really honestly probably certainly perhaps again still already never always often rarely ' +
  'think agree doubt remember wonder hope expect believe notice suggest wish know ' +
  'good better worse fair strange obvious simple clear heavy quiet open closed new old local ' +
  'about after before during under over between through against without within along'
).split(' ');
const OPENERS = [
  'I think', 'Honestly,', 'As someone who lives on Water Street,', 'Good point, but', 'Not sure about this:',
  'Thanks for writing this.', 'My grandmother always said', 'Correct me if I am wrong, but', 'Agreed.',
  'This is the part nobody mentions:', 'Fair enough.', 'Hard to say.',
];

/** mulberry32: a small, fast, seedable PRNG giving floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The thread key of the `n`-comment thread. */
export function threadKey(n) {
  return `/bench/thread-${n}`;
}

/**
 * Generates an `n`-comment thread from `seed` (default [`SEED`] mixed with `n`, so that each
 * size is its own discussion but the same on every run).
 */
export function generateThread(n, seed = SEED ^ n) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const comments = [];
  let clock = START_MS;

  for (let index = 0; index < n; index++) {
    clock += Math.floor(30_000 + rand() * 20 * 60_000);
    let parent = null;
    if (index > 0 && rand() >= TOP_LEVEL_SHARE) {
      // Replies cluster on recent comments, as live discussions do.
      const window = Math.min(index, 40);
      parent = index - 1 - Math.floor(rand() ** 2 * window);
      while (comments[parent].depth >= MAX_DEPTH) parent = comments[parent].parent;
    }
    comments.push(newComment(rand, pick, comments, index, parent, clock));
  }
  return { thread: threadKey(n), title: `Benchmark thread of ${n} comments`, comments };
}

/** Replies under the one busy comment of the big thread (the "2,000 under one comment"). */
export const HOT_REPLIES = 2000;
/** Which top-level comment (0-based, oldest first) draws them: well inside the first page. */
const HOT_TOP = 2;
/** Share of the busy comment's replies that answer it directly; the rest answer its replies. */
const HOT_DIRECT_SHARE = 0.7;

/** The thread key of the `n`-comment thread with `hot` replies under one comment. */
export function bigThreadKey(n, hot) {
  return `/bench/thread-${n}-hot-${hot}`;
}

/**
 * An `n`-comment thread like [`generateThread`]'s, except that one early top-level comment
 * (the third, so on the first page of any page size above 2) has exactly `hot` replies below
 * it: most answer it directly, the others answer one of its recent replies, which makes chains
 * down to MAX_DEPTH. Its replies are spread over the whole discussion, as a comment that stays
 * the talk of the thread draws them; no other comment's discussion reaches into its subtree.
 * Returns `{ thread, title, comments, hot: { index, replies } }`.
 */
export function generateBigThread(n, { hot = HOT_REPLIES, seed = (SEED ^ n ^ hot) >>> 0 } = {}) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const comments = [];
  // Recent comments each discussion can answer: replies elsewhere never land in the busy
  // subtree, and its replies never leave it, so it ends with exactly `hot` of them.
  const elsewhere = [];
  const busy = [];
  let hotRoot = null;
  let hotLeft = hot;
  let tops = 0;
  let clock = START_MS;
  const recent = (list, window) => list[list.length - 1 - Math.floor(rand() ** 2 * Math.min(list.length, window))];
  const belowMaxDepth = (parent) => {
    while (comments[parent].depth >= MAX_DEPTH) parent = comments[parent].parent;
    return parent;
  };

  for (let index = 0; index < n; index++) {
    clock += Math.floor(30_000 + rand() * 20 * 60_000);
    let parent = null;
    const becomesHot = hotRoot === null && tops === HOT_TOP;
    if (becomesHot) {
      if (n - index - 1 < hot) throw new Error(`${n} comments cannot hold ${hot} replies under one comment`);
    } else if (hotRoot !== null && rand() < hotLeft / (n - index)) {
      // Selection sampling: each later comment joins the busy subtree with the chance that
      // leaves exactly `hot` of them by the end.
      hotLeft--;
      parent = rand() < HOT_DIRECT_SHARE ? hotRoot : belowMaxDepth(recent(busy, 30));
    } else if (index > 0 && rand() >= TOP_LEVEL_SHARE) {
      parent = belowMaxDepth(recent(elsewhere, 40));
    }
    const comment = newComment(rand, pick, comments, index, parent, clock);
    comments.push(comment);
    if (parent === null) tops++;
    if (becomesHot) hotRoot = index;
    (becomesHot || (hotRoot !== null && comment.root === hotRoot) ? busy : elsewhere).push(index);
  }
  return {
    thread: bigThreadKey(n, hot),
    title: `Benchmark thread of ${n} comments, ${hot} under one`,
    comments,
    hot: { index: hotRoot, replies: hot },
  };
}

/**
 * Comment `index` of `comments`, a reply to `parent` (an index, or null for top-level), with a
 * made-up author and text. The draws from `rand` happen in one fixed order, which every
 * generated thread (and so every published figure) depends on: do not reorder them.
 */
function newComment(rand, pick, comments, index, parent, createdMs) {
  const depth = parent === null ? 1 : comments[parent].depth + 1;
  const root = parent === null ? index : comments[parent].root;
  const first = pick(FIRST);
  const last = pick(LAST);
  const author = rand() < 0.7 ? `${first} ${last}` : `${first}${Math.floor(rand() * 90 + 10)}`;
  return {
    index,
    parent,
    root,
    depth,
    author,
    email: `${first}.${last}@example.org`.toLowerCase(),
    website: rand() < 0.2 ? `https://${last.toLowerCase()}.example.net/` : '',
    text: commentText(rand, pick),
    createdMs,
  };
}

/** Mixed lengths: half short, a third medium, the rest long, some with markdown. */
function commentText(rand, pick) {
  const r = rand();
  const paragraphs = r < 0.5 ? 1 : r < 0.85 ? 1 + Math.floor(rand() * 2) : 2 + Math.floor(rand() * 3);
  const sentencesEach = r < 0.5 ? 1 + Math.floor(rand() * 2) : 2 + Math.floor(rand() * 4);
  const out = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences = [];
    for (let s = 0; s < sentencesEach; s++) sentences.push(sentence(rand, pick, p === 0 && s === 0));
    out.push(sentences.join(' '));
  }
  return out.join('\n\n');
}

function sentence(rand, pick, opening) {
  const words = [];
  const length = 5 + Math.floor(rand() * 14);
  for (let i = 0; i < length; i++) words.push(pick(WORDS));
  const m = rand();
  if (m < 0.08) words[2] = `*${words[2]}*`;
  else if (m < 0.12) words[3] = `**${words[3]}**`;
  else if (m < 0.15) words[1] = `\`${words[1]}\``;
  else if (m < 0.18) words.push(`[the council minutes](https://example.org/minutes/${Math.floor(rand() * 900 + 100)})`);
  words[0] = `${words[0][0].toUpperCase()}${words[0].slice(1)}`;
  let text = words.join(' ');
  if (opening && rand() < 0.4) text = `${pick(OPENERS)} ${text}`;
  return `${text}${rand() < 0.15 ? '?' : '.'}`;
}

/** Top-level comments in display order: oldest first (`newestFirst` for newest first). */
export function topLevel(comments, { newestFirst = false } = {}) {
  const tops = comments.filter((c) => c.parent === null);
  return newestFirst ? tops.reverse() : tops;
}

/** How many comments each top-level comment carries below it (all depths). */
export function descendantCounts(comments) {
  const counts = new Map();
  for (const c of comments) {
    if (c.parent !== null) counts.set(c.root, (counts.get(c.root) ?? 0) + 1);
  }
  return counts;
}

/**
 * Comments on the first page when a page is `pageSize` top-level comments with all their
 * replies (`nestedLimit` caps the replies shown per top-level comment, as Isso's
 * `max-comments-nested` does).
 */
export function firstPageCount(comments, { pageSize = Infinity, newestFirst = false, nestedLimit = Infinity } = {}) {
  const below = descendantCounts(comments);
  return topLevel(comments, { newestFirst })
    .slice(0, pageSize)
    .reduce((sum, top) => sum + 1 + Math.min(nestedLimit, below.get(top.index) ?? 0), 0);
}

/** A short description of a thread's shape, for the report. */
export function describe({ comments }) {
  const depths = new Array(MAX_DEPTH + 1).fill(0);
  let chars = 0;
  for (const c of comments) {
    depths[c.depth]++;
    chars += c.text.length;
  }
  return {
    comments: comments.length,
    top_level: depths[1],
    largest_subtree: Math.max(0, ...descendantCounts(comments).values()),
    by_depth: depths.slice(1),
    mean_text_chars: Math.round(chars / Math.max(1, comments.length)),
    max_text_chars: Math.max(0, ...comments.map((c) => c.text.length)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `big:N` prints the N-comment thread with HOT_REPLIES under one comment.
  for (const arg of process.argv.slice(2)) {
    const t = arg.startsWith('big:') ? generateBigThread(Number(arg.slice(4))) : generateThread(Number(arg));
    const first = (nestedLimit) => firstPageCount(t.comments, { pageSize: 50, nestedLimit });
    console.log(t.thread, JSON.stringify(describe(t)), `first page of 50: ${first()}, ${first(20)} with 20 replies per subtree`);
  }
}
