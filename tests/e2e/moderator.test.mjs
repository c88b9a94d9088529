// Moderator mode in real Chromium against the real server (issue 11): the demo moderator's
// sign-in link gives a session; the loader then fetches the moderator bundle, which a reader's
// page never requests; a reader's held reply is approved from the Queue and reaches a second
// reader; each comment's actions act in place, without a reload; the audit log records each
// action. Screenshots of moderator mode and its Queue go to the screenshots folder.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, screenshotDir, startServer, THREAD } from './harness.mjs';
import { clickOwnReply, commentWithText, fillForm, replyForm, showThread, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 120_000 };

/** Abuse from the starting article's thread, which the server's screening holds by default. */
const ABUSE = 'you little dumb hoe you need a life and you will go to hell';

/** A selector for something in comment `id`'s own card, not in one of its replies. */
const own = (id, selector) => `#comment-${id} > .tl-card ${selector}`;

/** The moderator bundle's files, and the reader's (Threadline) bundle's. */
const MODERATOR_BUNDLE = /\/threadline-moderator-[0-9a-f]+(\.js|_bg\.wasm)$/;
const READER_BUNDLE = /\/threadline-[0-9a-f]{16}(\.js|_bg\.wasm)$/;

/** Opens the demo article (at `hash`) in a browser of its own, recording every request. */
async function open(server, { hash = '', viewport } = {}) {
  const browser = await launchBrowser(viewport ? { viewport } : undefined);
  browser.requests = [];
  browser.page.on('request', (request) => browser.requests.push(new URL(request.url()).pathname));
  await browser.page.goto(`${server.url}/${hash}`);
  await showThread(browser.page, { problems: browser.problems });
  return browser;
}

/** The one-time token of the demo moderator's sign-in link, from the server's output. */
async function signInToken(server) {
  const deadline = Date.now() + 10_000;
  let line;
  while (!(line = server.log.find((l) => l.includes('#threadline-signin=')))) {
    assert.ok(Date.now() < deadline, `no demo moderator sign-in link in the server output:\n${server.log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return line.split('#threadline-signin=')[1].trim();
}

/** Posts a comment straight to the API, as another reader would. */
async function postByApi(server, text, parent = null) {
  const response = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, parent, author: 'Poster', text }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

/** The audit log, read with the session the widget keeps. */
async function audit(server, session) {
  const response = await fetch(`${server.api}/moderation/audit?site=default`, {
    headers: { authorization: `Bearer ${session}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).items;
}

describe('moderator mode', () => {
  let server;
  let token;
  /** The signed-in moderator's browser, kept from the sign-in to the screenshots. */
  let moderator;
  let session;

  before(async () => {
    server = await startServer({ extraArgs: ['--demo-moderator'] });
    token = await signInToken(server);
  }, LIMIT);

  after(async () => {
    await moderator?.close();
    await server?.dispose();
  });

  test("a reader's page never requests the moderator bundle", LIMIT, async () => {
    const reader = await open(server);
    try {
      await reader.page.locator('article.tl-comment').first().waitFor();
      assert.ok(reader.requests.some((p) => READER_BUNDLE.test(p)), `the reader bundle: ${reader.requests.join(', ')}`);
      assert.deepEqual(reader.requests.filter((p) => MODERATOR_BUNDLE.test(p)), []);
      assert.equal(await reader.page.locator('.tl-modbar, .tl-mod-actions').count(), 0, 'no moderator tools');
    } finally {
      await reader.close();
    }
  });

  test('the moderator signs in with the link and approves a held reply from the Queue', LIMIT, async () => {
    const { comments } = await fetchThread(server.api);
    const parent = comments.find((c) => c.parent === null).id;
    const text = `${ABUSE} ${uniqueText('approve me')}`;
    const author = await open(server);
    const other = await open(server);
    try {
      // A reader's abusive reply is held: its author sees it waiting, another reader does not.
      await clickOwnReply(author.page, parent);
      const form = replyForm(author.page, parent);
      await fillForm(form, { author: 'Klloopk', text });
      await form.locator('button.tl-submit').click();
      const held = await commentWithText(author.page, text);
      await author.page.locator(own(held.id, '.tl-badge'), { hasText: 'Awaiting moderation' }).waitFor();
      await other.page.reload();
      await showThread(other.page, { problems: other.problems });
      assert.equal(await other.page.locator(`#comment-${held.id}`).count(), 0, 'the second reader does not see it');

      // The sign-in link: a session is kept for this API, the token leaves the URL, and the
      // loader fetched the moderator bundle instead of the reader's.
      moderator = await open(server, { hash: `#threadline-signin=${token}` });
      const { page } = moderator;
      await page.locator('.tl-modbar', { hasText: 'Moderating as' }).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the one-time token is removed from the address bar');
      const stored = await page.evaluate((api) => localStorage.getItem(`threadline:moderator:${api}`), server.api);
      session = JSON.parse(stored ?? '{}').session;
      assert.match(session ?? '', /\S{16,}/, 'the session is kept per API');
      assert.ok(moderator.requests.some((p) => MODERATOR_BUNDLE.test(p)), 'the moderator bundle is fetched');
      assert.deepEqual(moderator.requests.filter((p) => READER_BUNDLE.test(p)), [], 'and not the reader bundle');

      // The moderator sees the held reply in the thread, with its actions.
      await page.locator(own(held.id, 'button.tl-mod-approve')).waitFor();

      // The Queue lists it with its reason and a link into its thread; Approve takes it out.
      await page.locator('button.tl-tab[data-tab="queue"]').click();
      const item = page.locator(`.tl-queue-item[data-id="${held.id}"]`);
      await item.waitFor();
      assert.match(await item.locator('.tl-queue-reason').innerText(), /\S/, 'it says why it is held');
      assert.equal(await item.locator('a.tl-queue-thread').getAttribute('href'), `${THREAD}#comment-${held.id}`);
      await item.locator('button.tl-mod-approve').click();
      await item.waitFor({ state: 'detached' });

      // The second reader now sees it; the audit log names the moderator and the action.
      await other.page.reload();
      await showThread(other.page, { problems: other.problems });
      await commentWithText(other.page, text);
      const rows = await audit(server, session);
      assert.ok(rows.some((r) => r.action === 'approve' && String(r.comment_id) === held.id), JSON.stringify(rows));

      // A reload keeps moderator mode: the loader finds the session.
      moderator.requests.length = 0;
      await page.reload();
      await page.locator('.tl-modbar').waitFor();
      assert.ok(moderator.requests.some((p) => MODERATOR_BUNDLE.test(p)));
    } finally {
      await author.close();
      await other.close();
    }
  });

  test("each comment's actions act in place, without a reload", LIMIT, async () => {
    assert.ok(moderator, 'signed in by the previous test');
    const { page, problems } = moderator;
    const plain = await postByApi(server, uniqueText('A calm comment to pin'));
    const abuse = await postByApi(server, `${ABUSE} ${uniqueText('reject me')}`);
    assert.equal(abuse.status, 'pending');
    await page.reload();
    await showThread(page, { problems });
    await page.evaluate(() => { window.__sameDocument = true; });

    await page.locator(own(plain.id, 'button.tl-mod-pin')).click();
    await page.locator(own(plain.id, '.tl-badge.tl-pinned')).waitFor();
    await page.locator(own(plain.id, 'button.tl-mod-unpin')).waitFor();

    page.once('dialog', (dialog) => dialog.accept('insults another reader'));
    await page.locator(own(abuse.id, 'button.tl-mod-reject')).click();
    await page.locator(own(abuse.id, '.tl-deleted'), { hasText: 'Removed by a moderator.' }).waitFor();
    assert.equal(await page.locator(own(abuse.id, '.tl-mod-actions')).count(), 0, 'nothing left to do');

    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
    const rows = await audit(server, session);
    assert.ok(rows.some((r) => r.action === 'pin' && r.comment_id === plain.id));
    assert.ok(rows.some((r) => r.action === 'reject' && r.comment_id === abuse.id && r.reason === 'insults another reader'));
  });

  test('screenshots of moderator mode and its Queue at 360 and 1280 px', LIMIT, async () => {
    assert.ok(moderator, 'signed in by the first test');
    const { page, problems } = moderator;
    const dir = screenshotDir();
    await mkdir(dir, { recursive: true });
    await postByApi(server, `${ABUSE} ${uniqueText('in the queue')}`);
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
      await page.setViewportSize(viewport);
      await page.reload();
      await showThread(page, { problems });
      await page.evaluate(() => document.fonts.ready);
      const widget = page.locator('#threadline');
      await page.locator('.tl-modbar').scrollIntoViewIfNeeded();
      await widget.screenshot({ path: path.join(dir, `moderator-thread-${viewport.width}.png`) });
      await page.locator('button.tl-tab[data-tab="queue"]').click();
      await page.locator('.tl-queue[data-state="ready"] .tl-queue-item').first().waitFor();
      const overflow = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        return [...root.querySelectorAll('.tl-modbar, .tl-queue-item, .tl-mod-actions')]
          .map((el) => [el.className, el.getBoundingClientRect().right])
          .filter(([, right]) => right > innerWidth + 1);
      });
      assert.deepEqual(overflow, [], `nothing sticks out at ${viewport.width}px`);
      await widget.screenshot({ path: path.join(dir, `moderator-queue-${viewport.width}.png`) });
    }
  });

  test('signing out ends the session, and the next visit is a reader\'s', LIMIT, async () => {
    assert.ok(moderator, 'signed in by the first test');
    const { page, problems } = moderator;
    await page.locator('button.tl-signout').click();
    await page.locator('.tl-modbar').waitFor({ state: 'detached' });
    await showThread(page, { problems });
    const key = await page.evaluate((api) => localStorage.getItem(`threadline:moderator:${api}`), server.api);
    assert.equal(key, null, 'the session is forgotten');
    const response = await fetch(`${server.api}/moderation/session`, { headers: { authorization: `Bearer ${session}` } });
    assert.equal(response.status, 401, 'and ended on the server');
    moderator.requests.length = 0;
    await page.reload();
    await showThread(page, { problems });
    await page.locator('article.tl-comment').first().waitFor();
    assert.deepEqual(moderator.requests.filter((p) => MODERATOR_BUNDLE.test(p)), [], 'no moderator bundle');
    assert.ok(moderator.requests.some((p) => READER_BUNDLE.test(p)), 'the reader bundle');
  });
});
