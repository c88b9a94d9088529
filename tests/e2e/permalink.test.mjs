// Permalinks (issue 13): a link to `#comment-<id>` opens the thread at the page that holds that
// comment, even when it is not on the first page, then scrolls to it and focuses it. (A link to
// a comment on the first page is tests/e2e/thread.test.mjs's.)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { renderedComments, showThread } from './widget.mjs';

const THREAD = '/2026/12/a-long-conversation';
const PAGE_SIZE = 5;
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

async function post(body) {
  const answer = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, author: 'Reader', ...body }),
  });
  assert.equal(answer.status, 201, await answer.clone().text());
  return answer.json();
}

/** An article of this thread, on the server's own origin, served by request interception. */
async function openArticle(page, hash) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long conversation</title></head>
    <body><main><h1>A long conversation</h1>
    <div id="threadline" data-thread="${THREAD}" data-page-size="${PAGE_SIZE}"></div>
    <script src="${server.url}/threadline.js" data-api="${server.api}" data-loading="eager" defer></script>
    </main></body></html>`;
  await page.route(`${server.url}/long-conversation.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${server.url}/long-conversation.html${hash}`);
}

test('a permalink to a comment on page 3 opens that page and focuses the comment', { timeout: 90_000 }, async () => {
  const top = [];
  for (let i = 1; i <= PAGE_SIZE * 3; i += 1) top.push(await post({ text: `Top-level comment number ${i}.` }));
  // The linked comment is a reply under the 12th top-level comment: page 3 at five a page.
  const linked = await post({ parent: top[11].id, text: 'The reply someone shared a link to.' });

  const { page, problems } = browser;
  const lists = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/comments') lists.push(new URL(r.url()).searchParams);
  });
  await openArticle(page, `#comment-${linked.id}`);
  await showThread(page, { problems });
  assert.equal(lists[0].get('around'), null, 'the first page first');
  assert.equal(lists[1]?.get('around'), String(linked.id), 'then the page that holds the linked comment');

  const shown = await renderedComments(page);
  assert.ok(shown.some((c) => c.id === String(linked.id)), 'the linked comment is on the page');
  assert.ok(!shown.some((c) => c.id === String(top[0].id)), 'the page is not the first one');
  await page.waitForFunction(
    (id) => document.querySelector('#threadline').shadowRoot.activeElement?.id === `comment-${id}`,
    linked.id,
    { timeout: 10_000 },
  );
  const inView = await page.evaluate((id) => {
    const el = document.querySelector('#threadline').shadowRoot.getElementById(`comment-${id}`);
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  }, linked.id);
  assert.ok(inView, 'scrolled into view');

  // Without a fragment the same article starts at the start.
  lists.length = 0;
  await openArticle(page, '');
  await showThread(page, { problems });
  assert.deepEqual(lists.map((p) => p.get('around')), [null], 'one request, for the first page');
  assert.ok((await renderedComments(page)).some((c) => c.id === String(top[0].id)));
  assert.deepEqual(problems, []);
});

test('"Copy link" puts the permalink on the clipboard, and it opens that comment', { timeout: 90_000 }, async () => {
  const { context, page, problems } = browser;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  // The first comment of the first page (the thread has several pages by now).
  const listed = await fetch(`${server.api}/comments?thread=${encodeURIComponent(THREAD)}&limit=${PAGE_SIZE}`);
  const shared = (await listed.json()).comments[0];
  await openArticle(page, '');
  await showThread(page, { problems });
  await page.locator(`#comment-${shared.id} .tl-copy-link`).first().click();
  await page.waitForFunction((id) => document.querySelector('#threadline').shadowRoot
    .querySelector(`#comment-${id} .tl-copy-link`)?.textContent === 'Link copied', shared.id);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${server.url}/long-conversation.html#comment-${shared.id}`);
  // The label goes back, ready for the next copy.
  await page.waitForFunction((id) => document.querySelector('#threadline').shadowRoot
    .querySelector(`#comment-${id} .tl-copy-link`)?.textContent === 'Copy link', shared.id, { timeout: 10_000 });

  // Whoever opens the link lands on that comment, on whichever page it is.
  const other = await context.newPage();
  try {
    await openArticle(other, `#comment-${shared.id}`);
    await showThread(other, { problems });
    await other.waitForFunction(
      (id) => document.querySelector('#threadline').shadowRoot.activeElement?.id === `comment-${id}`,
      shared.id,
    );
  } finally {
    await other.close();
  }
  assert.deepEqual(problems, []);
});

test('where the browser refuses the clipboard, the link goes to the address bar', { timeout: 60_000 }, async () => {
  const { context } = browser;
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const problems = [];
    await openArticle(page, '');
    await showThread(page, { problems });
    const first = page.locator('article.tl-comment').first();
    const id = await first.getAttribute('data-id');
    await page.locator(`#comment-${id} .tl-copy-link`).first().click();
    await page.waitForFunction((id) => document.querySelector('#threadline').shadowRoot
      .querySelector(`#comment-${id} .tl-copy-link`)?.textContent === 'Link in the address bar', id);
    assert.equal(new URL(page.url()).hash, `#comment-${id}`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
