// First comments sooner (issue 13): on Threadline's own server the loader asks for the first
// page while the wasm is still loading, and the widget takes that answer over instead of
// asking again. A request the widget would not make (another order, say) is not used.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchThread, launchBrowser, startServer } from './harness.mjs';
import { expandAll, renderedComments, showThread } from './widget.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.dispose();
});

/** Every list request and every wasm download of the page, with when each began and ended. */
function watch(page) {
  const seen = { lists: [], wasm: [] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/comments') seen.lists.push({ url, started: Date.now(), headers: r.headers() });
    if (url.pathname.endsWith('.wasm')) seen.wasm.push({ url, started: Date.now() });
  });
  page.on('requestfinished', (r) => {
    const entry = seen.wasm.find((w) => w.url.href === r.url());
    if (entry) entry.finished = Date.now();
  });
  return seen;
}

test('the first page is asked for with the wasm, once, and shown', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  const seen = watch(page);
  await page.goto(`${server.url}/`);
  await showThread(page, { problems });

  assert.equal(seen.lists.length, 1, `one request for the first page: ${seen.lists.map((l) => l.url.search)}`);
  const [list] = seen.lists;
  assert.equal(list.url.searchParams.get('replies'), '20');
  assert.equal(seen.wasm.length, 1);
  assert.ok(list.started <= seen.wasm[0].finished, 'asked before the wasm had arrived');
  await expandAll(page);
  const thread = await fetchThread(server.api);
  assert.equal((await renderedComments(page)).length, thread.comments.length, 'the answer was used whole');
  assert.deepEqual(problems, []);
});

test("the reader's order and author token go with the early request", { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  const api = server.api;
  await page.evaluate((api) => {
    localStorage.setItem('threadline:sort', 'newest');
    localStorage.setItem(`threadline:author:${api}`, 'not-a-real-token');
  }, api);
  const seen = watch(page);
  await page.reload();
  await showThread(page, { problems });
  assert.equal(seen.lists.length, 1, `still one request: ${seen.lists.map((l) => l.url.search)}`);
  assert.equal(seen.lists[0].url.searchParams.get('sort'), 'newest');
  assert.equal(seen.lists[0].headers['x-threadline-author'], 'not-a-real-token');
  const pressed = await page.locator('.tl-sort [aria-pressed="true"]').textContent();
  assert.match(pressed, /newest/i);
  assert.deepEqual(problems, []);
});

test('an early request the widget would not make is left unused', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  problems.length = 0;
  // An order this widget does not know: the loader sends it as stored, the widget asks for
  // its default order itself.
  await page.evaluate(() => localStorage.setItem('threadline:sort', 'loudest'));
  const seen = watch(page);
  await page.reload();
  await showThread(page, { problems });
  assert.deepEqual(seen.lists.map((l) => l.url.searchParams.get('sort')), ['loudest', null]);
  // The server refused the unknown order, and only that; the widget's own request was answered.
  assert.ok(problems.length > 0 && problems.every((p) => p.includes('sort=loudest')), problems.join('\n'));
  assert.ok(problems.some((p) => /^HTTP 400: .*sort=loudest/.test(p)));
  assert.ok((await renderedComments(page)).length > 0);
  await page.evaluate(() => localStorage.clear());
});
