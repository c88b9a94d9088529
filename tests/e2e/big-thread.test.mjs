// Big threads (issue 13): a top-level comment with 2,000 replies does not make the first page
// huge. The page carries a batch of each subtree, "N more replies" loads the next batch in
// place, and subtrees deeper than three levels or with more than five replies start collapsed.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sqliteLoad } from '../../bench/render/servers.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { renderedComments, showThread } from './widget.mjs';

const THREAD = '/2026/12/the-budget-vote';
/** The server's batch of replies per subtree (protocol `limits::REPLY_BATCH`). */
const BATCH = 20;
const BIG = 2000;
let server;
let browser;

// Ids past the demo's seeded comments: 10,001 the busy comment and its 2,000 replies (the last
// ten a chain);
// 13,000 a quiet comment with three replies; 14,000 a chain four levels deep.
const BUSY = 10_001;
const QUIET = 13_000;
const DEEP = 14_000;

function rows() {
  const at = Date.parse('2026-12-01T08:00:00Z');
  const row = (id, parent, root, minute, text) =>
    [id, THREAD, parent, root, `Reader ${id}`, null, null, text, at + minute * 60_000];
  const out = [row(BUSY, null, BUSY, 0, 'Whoever wrote the budget section deserves a medal.')];
  for (let i = 0; i < BIG; i += 1) {
    const id = BUSY + 1 + i;
    // The last ten replies are a chain, each answering the one before.
    const parent = i >= BIG - 10 ? id - 1 : BUSY;
    out.push(row(id, parent, BUSY, 1 + i, `Reply number ${i + 1} to the busy comment.`));
  }
  out.push(row(QUIET, null, QUIET, 3000, 'A quieter point about the parking plan.'));
  for (let i = 1; i <= 3; i += 1) out.push(row(QUIET + i, QUIET, QUIET, 3000 + i, `Quiet reply ${i}.`));
  out.push(row(DEEP, null, DEEP, 4000, 'Where does the bridge money come from?'));
  for (let i = 1; i <= 3; i += 1) out.push(row(DEEP + i, DEEP + i - 1, DEEP, 4000 + i, `Deeper answer ${i}.`));
  return out;
}

before(async () => {
  server = await startServer();
  await sqliteLoad(path.join(server.dbDir, 'threadline.db'), {
    batches: [{
      sql: 'INSERT INTO comments (id, thread, parent_id, root_id, author, email, website, text, created_ms) VALUES (?,?,?,?,?,?,?,?,?)',
      rows: rows(),
    }],
  });
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.dispose();
});

async function openArticle(page) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The budget vote</title></head>
    <body><main><h1>The budget vote</h1>
    <div id="threadline" data-thread="${THREAD}"></div>
    <script src="${server.url}/threadline.js" data-api="${server.api}" data-loading="eager" defer></script>
    </main></body></html>`;
  await page.route(`${server.url}/budget.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${server.url}/budget.html`);
}

/** The text of `selector` directly under comment `id`'s article (not its replies'). */
async function ownText(page, id, selector) {
  return page.evaluate(([id, selector]) => {
    const article = document.querySelector('#threadline').shadowRoot.getElementById(`comment-${id}`);
    const el = [...article.querySelectorAll(selector)].find((e) => e.closest('article') === article);
    return el ? el.textContent.trim() : null;
  }, [id, selector]);
}

test('2,000 replies under one comment: a batch on the page, the rest on demand', { timeout: 120_000 }, async () => {
  const { page, problems } = browser;
  const asked = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/comments')) asked.push(url);
  });
  await openArticle(page);
  await showThread(page, { problems });

  const list = asked.find((u) => u.pathname === '/api/comments');
  assert.equal(list.searchParams.get('replies'), String(BATCH), 'the page asks for a batch per subtree');
  let shown = await renderedComments(page);
  const ids = new Set(shown.map((c) => c.id));
  assert.ok(shown.length < 20, `a small first page: ${shown.length} comments in the DOM`);
  // The busy comment starts collapsed, and counts every reply, not only the batch it holds.
  assert.ok(ids.has(String(BUSY)) && !ids.has(String(BUSY + 1)), 'the busy subtree starts collapsed');
  assert.equal(await ownText(page, BUSY, '.tl-collapsed-count'), `${BIG.toLocaleString('en')} replies`, 'grouped as the reader\'s language groups numbers');
  // Three replies stay open; a fourth level sits behind its parent's "1 reply".
  for (let i = 1; i <= 3; i += 1) assert.ok(ids.has(String(QUIET + i)), `quiet reply ${i} is open`);
  assert.ok(ids.has(String(DEEP + 2)) && !ids.has(String(DEEP + 3)), 'the fourth level starts collapsed');
  assert.equal(await ownText(page, DEEP + 2, '.tl-collapsed-count'), '1 reply');

  await page.locator(`#comment-${BUSY} .tl-collapsed-count`).click();
  await page.locator('.tl-more-replies-button').waitFor();
  shown = await renderedComments(page);
  assert.equal(shown.filter((c) => Number(c.id) > BUSY && Number(c.id) <= BUSY + BIG).length, BATCH);
  assert.equal(await ownText(page, BUSY, '.tl-more-replies-button'), `${(BIG - BATCH).toLocaleString('en')} more replies`);

  await page.locator('.tl-more-replies-button').click();
  await page.waitForFunction((n) => document.querySelector('#threadline').shadowRoot
    .querySelector('.tl-more-replies-button')?.textContent.trim() === `${n.toLocaleString('en')} more replies`, BIG - 2 * BATCH);
  const fetched = asked.filter((u) => u.pathname === `/api/comments/${BUSY}/replies`);
  assert.equal(fetched.length, 1, 'one request for the next batch');
  assert.ok(fetched[0].searchParams.get('cursor'), 'from where the page stopped');
  shown = await renderedComments(page);
  const busy = shown.filter((c) => Number(c.id) > BUSY && Number(c.id) <= BUSY + BIG).map((c) => Number(c.id));
  assert.deepEqual(busy, Array.from({ length: 2 * BATCH }, (_, i) => BUSY + 1 + i), 'in order, none twice');
  assert.equal(await page.locator('.tl-root').getAttribute('data-state'), 'ready');
  assert.deepEqual(problems, []);
});
