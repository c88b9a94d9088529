// The count script on an index page: every <span data-threadline-count> gets its thread's
// number of comments from one batched request, in the words the page chose; a thread with no
// comments reads 0, and a failed request leaves the page's own text.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchThread, launchBrowser, startServer, THREAD } from './harness.mjs';

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

/** An index page on the server's own origin, served by the browser's request interception. */
async function openIndex(page, api, { one = '', other = '' } = {}) {
  const words = (one ? ` data-one="${one}"` : '') + (other ? ` data-other="${other}"` : '');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index</title></head><body>
    <article><h2>Riverfront</h2><span id="a" data-threadline-count="${THREAD}">comments</span></article>
    <article><h2>Riverfront again</h2><span id="b" data-threadline-count="${THREAD}">comments</span></article>
    <article><h2>Quiet story</h2><span id="c" data-threadline-count="/2026/12/quiet">comments</span></article>
    <script src="${server.url}/threadline-count.js" data-api="${api}"${words} async></script>
  </body></html>`;
  await page.route(`${server.url}/index-under-test.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${server.url}/index-under-test.html`);
}

test('one batched request fills every count on an index page', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const counts = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/counts') counts.push(request.postDataJSON());
  });
  const { total } = await fetchThread(server.api);
  assert.ok(total > 1, 'the demo thread has comments');
  await openIndex(page, server.api, { one: 'One comment', other: '{n} comments' });
  await page.waitForFunction(() => document.querySelector('#c').dataset.count !== undefined);
  const text = (id) => page.locator(`#${id}`).textContent();
  assert.equal(await text('a'), `${total} comments`);
  assert.equal(await text('b'), `${total} comments`);
  assert.equal(await text('c'), '0 comments');
  assert.equal(counts.length, 1, 'one request for the whole page');
  assert.deepEqual(counts[0].threads.sort(), ['/2026/12/quiet', THREAD].sort(), 'each thread asked once');
});

test('a count request that fails leaves the page as it was', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.route('**/api/counts', (route) => route.fulfill({ status: 500, body: 'down' }));
  await openIndex(page, server.api);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#a').textContent(), 'comments');
  await page.unroute('**/api/counts');
});
