// The render clock in real Chromium, on small pages whose comments arrive on timers: when it
// stops, what it dates the stop at, and what it clicks.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { launch, timeLoad } from './clock.mjs';

/**
 * A page that adds `<article class="tl-comment">`s into a shadow root, as Threadline does: for
 * each [gap ms, count] of `steps`, `count` more `gap` after the step before (the first: after
 * the script starts), so that gaps hold on a busy machine. With `button`, a "N more replies"
 * button that adds `button` more when clicked.
 */
function page(steps, button = 0) {
  return `<!doctype html><div id="host"></div><script>
const root = document.getElementById('host').attachShadow({ mode: 'open' });
const add = (n) => { for (let i = 0; i < n; i++) root.append(Object.assign(document.createElement('article'), { className: 'tl-comment' })); };
const steps = ${JSON.stringify(steps)};
const next = () => { const step = steps.shift(); if (step) setTimeout(() => { add(step[1]); next(); }, step[0]); };
next();
if (${button}) {
  const b = Object.assign(document.createElement('button'), { className: 'tl-more-replies-button', textContent: 'more' });
  b.onclick = () => { b.remove(); add(${button}); };
  setTimeout(() => root.append(b), 50);
}
</script>`;
}

let server;
let origin;
let browser;
const pages = new Map();

before(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(pages.has(req.url) ? 200 : 404, { 'content-type': 'text/html' });
    res.end(pages.get(req.url) ?? '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const time = (name, html, options) => {
  pages.set(`/${name}`, html);
  return timeLoad(browser, `${origin}/${name}`, { selector: 'article.tl-comment', stallMs: 2_000, deadlineMs: 15_000, ...options });
};

test('the clock stops when the target is in the DOM, without waiting to settle', async () => {
  const r = await time('whole', page([[200, 3], [300, 2]]), { target: 5, least: 3, settleMs: 1_000 });
  assert.equal(r.ok, true, r.error);
  assert.equal(r.count, 5);
  assert.equal(r.settled, false);
  // The last two come 300 ms after the first three; stopping early would read about 0 ms. A
  // few ms of slack: the page's timers and the clock's reads are not on the same tick (299.4
  // ms was seen on a busy machine).
  assert.ok(r.ms - r.first_ms >= 290, `stopped ${r.ms - r.first_ms} ms after the first comments, before the last came`);
});

test('a count short of the target that holds stops the clock, dated at its last change', async () => {
  // The second step comes within the hold of the first: it is waited for.
  const r = await time('short', page([[200, 3], [500, 1]]), { target: 10, least: 3, settleMs: 1_000 });
  assert.equal(r.ok, true, r.error);
  assert.equal(r.count, 4);
  assert.equal(r.settled, true);
  // Dated at the second step, 500 ms after the first; the hold, a second more, is not counted.
  const after = r.ms - r.first_ms;
  assert.ok(after >= 500 && after < 1_500, `dated ${after} ms after the first comments, not at the last change`);
});

test('without `least`, a count that stops short fails the run', async () => {
  const r = await time('stalled', page([[100, 3]]), { target: 5 });
  assert.equal(r.ok, false);
  assert.equal(r.count, 3);
  assert.match(r.error, /stopped at 3 of 5 comments/);
});

test('below `least`, a count that holds is not a page', async () => {
  const r = await time('too-few', page([[100, 2]]), { target: 10, least: 3, settleMs: 300 });
  assert.equal(r.ok, false);
  assert.match(r.error, /stopped at 2 of 10/);
});

test('"N more replies" is clicked only when asked to', async () => {
  const html = page([[100, 3]], 4);
  const first = await time('first', html, { target: 7, least: 3, settleMs: 500 });
  assert.equal(first.ok, true, first.error);
  assert.deepEqual([first.count, first.clicks, first.settled], [3, 0, true]);
  const all = await time('all', html, { target: 7, more: 'button.tl-more, button.tl-more-replies-button' });
  assert.equal(all.ok, true, all.error);
  assert.deepEqual([all.count, all.clicks, all.settled], [7, 1, false]);
});

test('a page that shows no comment at all says so when its deadline passes', async () => {
  const r = await time('empty', page([]), { target: 5, deadlineMs: 1_500 });
  assert.equal(r.ok, false);
  assert.match(r.error, /^no comment in the DOM after 1.5 s/);
});
