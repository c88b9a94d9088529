// The generated threads: the big thread's shape (issue 13's "10,000 comments, 2,000 of them
// under one comment"), and the smaller threads unchanged by it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  descendantCounts, describe, firstPageCount, generateBigThread, generateThread, HOT_REPLIES, MAX_DEPTH, topLevel,
} from './generate.mjs';

/** Every comment's parent exists, is older in the list, and the depth and root follow from it. */
function assertWellFormed(comments) {
  comments.forEach((c, i) => {
    assert.equal(c.index, i);
    if (c.parent === null) {
      assert.equal(c.depth, 1);
      assert.equal(c.root, i);
    } else {
      assert.ok(c.parent < i, `comment ${i} answers a later comment`);
      assert.equal(c.depth, comments[c.parent].depth + 1);
      assert.equal(c.root, comments[c.parent].root);
      assert.ok(c.createdMs > comments[c.parent].createdMs);
    }
    assert.ok(c.depth <= MAX_DEPTH);
  });
}

test('the big thread has exactly 2,000 comments under one top-level comment of the first page', () => {
  const t = generateBigThread(10_000);
  assert.equal(t.comments.length, 10_000);
  assertWellFormed(t.comments);
  const below = descendantCounts(t.comments);
  assert.equal(below.get(t.hot.index), HOT_REPLIES);
  assert.equal(HOT_REPLIES, 2000);
  assert.equal(describe(t).largest_subtree, 2000);
  // No other discussion comes near it: it is the one subtree far past any page's cap.
  const others = [...below].filter(([root]) => root !== t.hot.index).map(([, n]) => n);
  assert.ok(Math.max(...others) < 100, `another subtree holds ${Math.max(...others)} comments`);
  // Third in page order: on the first page of 50, so the page's cap is what is measured.
  assert.equal(topLevel(t.comments).findIndex((c) => c.index === t.hot.index), 2);
});

test("the busy comment's replies are mostly direct, with chains down to the deepest level", () => {
  const t = generateBigThread(10_000);
  const subtree = t.comments.filter((c) => c.root === t.hot.index && c.index !== t.hot.index);
  const direct = subtree.filter((c) => c.parent === t.hot.index).length;
  assert.ok(direct > subtree.length / 2 && direct < subtree.length * 0.9, `${direct} of ${subtree.length} direct`);
  assert.ok(subtree.some((c) => c.depth === MAX_DEPTH), 'no chain reaches the deepest level');
  // Spread over the discussion, not bunched right after it.
  assert.ok(subtree.at(-1).index > 9_000, 'the last reply comes early');
});

test('first pages: 50 top-level comments, capped at 20 replies each where the server caps', () => {
  const t = generateBigThread(10_000);
  const below = descendantCounts(t.comments);
  const tops = topLevel(t.comments).slice(0, 50);
  const capped = tops.reduce((sum, top) => sum + 1 + Math.min(20, below.get(top.index) ?? 0), 0);
  const whole = tops.reduce((sum, top) => sum + 1 + (below.get(top.index) ?? 0), 0);
  assert.equal(firstPageCount(t.comments, { pageSize: 50, nestedLimit: 20 }), capped);
  assert.equal(firstPageCount(t.comments, { pageSize: 50 }), whole);
  assert.ok(whole - capped >= 2000 - 20, 'the busy subtree is not on the first page');
  assert.ok(capped < 300, `the capped page holds ${capped} comments`);
});

test('the big thread is the same on every run, and has a key of its own', () => {
  const a = generateBigThread(3000, { hot: 500 });
  assert.deepEqual(a, generateBigThread(3000, { hot: 500 }));
  assert.equal(descendantCounts(a.comments).get(a.hot.index), 500);
  assert.notEqual(a.thread, generateThread(3000).thread);
  assert.throws(() => generateBigThread(100, { hot: 200 }), /cannot hold 200 replies/);
});

test('the threads of --sizes are the ones the published figures were measured on', () => {
  // Fingerprints taken before the big thread's generator shared their comment maker.
  const fingerprint = (n) => createHash('sha256').update(JSON.stringify(generateThread(n))).digest('hex').slice(0, 16);
  assert.equal(fingerprint(100), 'ca5f1356a65f37a1');
  assert.equal(fingerprint(1000), 'cd677cab7e2362cb');
});
