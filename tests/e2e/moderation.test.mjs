// Moderation as readers meet it, in real Chromium against the real server (issue 11): a held
// reply that only its author sees, the Report dialog by keyboard, three readers' reports hiding
// a comment, and a banned email told why it cannot post. Every reader is a browser of its own
// (its own profile, so its own localStorage and author token). The tests share one server.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fetchThread, screenshotDir, startServer, THREAD } from './harness.mjs';
import { clickOwnReply, commentWithText, fillForm, openReader, replyForm, showThread, topForm, uniqueText } from './widget.mjs';

/** Each test and hook gets this long, waits included. */
const LIMIT = { timeout: 120_000 };

/** Abuse from the starting article's thread, which the server's screening holds by default. */
const ABUSE = 'you little dumb hoe you need a life and you will go to hell';

/** A selector for something in comment `id`'s own card, not in one of its replies. */
const own = (id, selector) => `#comment-${id} > .tl-card ${selector}`;

/** What has focus inside the widget's shadow root. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.querySelector('#threadline').shadowRoot.activeElement;
    return el
      ? { tag: el.tagName.toLowerCase(), cls: el.className, type: el.type ?? null, inDialog: !!el.closest('dialog') }
      : null;
  });
}

/** Opens the demo article in a browser of its own and waits for the thread. */

/** Posts a top-level comment through the widget's form and waits for it in the thread. */
async function postTop(page, { author = 'Reader', email, text }) {
  const form = topForm(page);
  await fillForm(form, { author, email, text });
  await form.locator('button.tl-submit').click();
  return commentWithText(page, text);
}

/** Posts a comment straight to the API, as another reader would, and returns it. */
async function postByApi(server, text) {
  const response = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, author: 'Poster', text }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

describe('moderation for readers', () => {
  let server;
  /** The demo moderator's one-time sign-in token, read before the server log moves on. */
  let signIn;

  before(async () => {
    server = await startServer({ extraArgs: ['--demo-moderator'] });
    signIn = await signInToken(server);
  }, LIMIT);

  after(async () => {
    await server?.dispose();
  });

  test('a held reply is shown to its author as awaiting moderation and to no one else', LIMIT, async () => {
    const { comments } = await fetchThread(server.api);
    const parent = comments.find((c) => c.parent === null).id;
    const text = `${ABUSE} ${uniqueText('held')}`;
    const author = await openReader(server);
    const other = await openReader(server);
    try {
      const { page } = author;
      await clickOwnReply(page, parent);
      const form = replyForm(page, parent);
      await fillForm(form, { author: 'Klloopk', text });
      await form.locator('button.tl-submit').click();
      const held = await commentWithText(page, text);
      assert.equal(held.parent, String(parent));
      await page.locator(own(held.id, '.tl-badge'), { hasText: 'Awaiting moderation' }).waitFor();
      assert.equal(await page.locator(own(held.id, '.tl-report')).count(), 0, 'no Report on a held comment');
      const token = await page.evaluate((api) => localStorage.getItem(`threadline:author:${api}`), server.api);
      assert.match(token ?? '', /\S{16,}/, 'the author token is kept for this API');

      // After a reload the token brings the reader's own held reply back, still marked.
      await page.reload();
      await showThread(page, { problems: author.problems });
      await page.locator(own(held.id, '.tl-badge'), { hasText: 'Awaiting moderation' }).waitFor();

      // A top-level comment held too: the form says why it is not public yet.
      const top = `${ABUSE} ${uniqueText('top')}`;
      await postTop(page, { author: 'Klloopk', text: top });
      await topForm(page).locator('.tl-held[role="status"]', { hasText: 'held for review' }).waitFor();

      // Another reader, and the public API, see neither.
      await other.page.reload();
      await showThread(other.page, { problems: other.problems });
      const seen = await other.page.locator('article.tl-comment .tl-body', { hasText: 'you little dumb hoe' }).count();
      assert.equal(seen, 0, 'a held comment is not shown to another reader');
      assert.ok(await other.page.locator(`#comment-${parent}`).isVisible(), 'the thread itself is there');
      const publicIds = (await fetchThread(server.api)).comments.map((c) => String(c.id));
      assert.ok(!publicIds.includes(held.id), 'nor is it in the public API');
    } finally {
      await author.close();
      await other.close();
    }
  });

  test('the Report dialog is a labelled modal that works by keyboard', LIMIT, async () => {
    const target = await postByApi(server, uniqueText('A comment to report by keyboard'));
    const browser = await openReader(server);
    try {
      const { page } = browser;
      const button = page.locator(own(target.id, 'button.tl-report'));
      await button.focus();
      await page.keyboard.press('Enter');
      const dialog = page.locator(own(target.id, 'dialog[role="dialog"][aria-modal="true"]'));
      await dialog.waitFor({ state: 'visible' });
      const title = await dialog.evaluate((d) => d.getRootNode().getElementById(d.getAttribute('aria-labelledby'))?.textContent);
      assert.equal(title, 'Report this comment');
      assert.equal(await dialog.locator('fieldset input[type="radio"]').count(), 4, 'four reasons');
      assert.equal((await focused(page))?.inDialog, true, 'focus moves into the dialog');

      // Escape closes it and gives focus back to the Report button.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.match((await focused(page))?.cls ?? '', /tl-report/);

      // Tab and Shift+Tab stay inside, whatever the direction.
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'visible' });
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        assert.equal((await focused(page))?.inDialog, true, `focus left the dialog after ${key}`);
      }

      // Sending without a reason says what is missing; the arrow keys choose one.
      await dialog.locator('button[type="submit"]').focus();
      await page.keyboard.press('Enter');
      await dialog.locator('[role="alert"]', { hasText: 'Please choose a reason.' }).waitFor();
      await dialog.locator('input[type="radio"]').first().focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await dialog.locator('input[type="radio"]').nth(1).isChecked(), true);

      // Cancel closes it too, with focus back on the button, which still says Report.
      await dialog.locator('.tl-dialog-cancel').click();
      await dialog.waitFor({ state: 'detached' });
      assert.match((await focused(page))?.cls ?? '', /tl-report/);
      assert.equal((await button.textContent()).trim(), 'Report');
    } finally {
      await browser.close();
    }
  });

  test('reports from three readers hide a comment from a fresh reader', LIMIT, async () => {
    const target = await postByApi(server, uniqueText('A comment three readers report'));
    for (const n of [1, 2, 3]) {
      const browser = await openReader(server);
      try {
        const { page } = browser;
        // Posting gives the reader an author token, which tells the server one reader from another.
        await postTop(page, { author: `Reader ${n}`, text: uniqueText(`Reader ${n} was here`) });
        await page.locator(own(target.id, 'button.tl-report')).click();
        const dialog = page.locator(own(target.id, 'dialog'));
        await dialog.getByLabel('Abuse, hate or threats').check();
        await dialog.getByLabel('Note for the moderators (optional)').fill(`report ${n}`);
        await dialog.locator('button[type="submit"]').click();
        await dialog.waitFor({ state: 'detached' });
        if (n === 3) {
          // The third report hides the comment: the live stream takes it off this page too.
          await page.locator(`#comment-${target.id}`).waitFor({ state: 'detached' });
          continue;
        }
        await page.locator(own(target.id, '.tl-report-status'), { hasText: 'Thanks, a moderator will look at it.' }).waitFor();
        const done = page.locator(own(target.id, 'button.tl-report'));
        assert.equal((await done.textContent()).trim(), 'Reported');
        assert.equal(await done.getAttribute('aria-disabled'), 'true');
        if (n === 1) {
          // The same reader once more, after a reload: the server says it has the report.
          await page.reload();
          await showThread(page, { problems: browser.problems });
          await page.locator(own(target.id, 'button.tl-report')).click();
          await page.locator(own(target.id, 'dialog')).getByLabel('Spam or advertising').check();
          await page.locator(own(target.id, 'dialog button[type="submit"]')).click();
          await page
            .locator(own(target.id, '.tl-report-status'), { hasText: 'You have already reported this comment.' })
            .waitFor();
        }
      } finally {
        await browser.close();
      }
    }
    const fresh = await openReader(server);
    try {
      assert.equal(await fresh.page.locator(`#comment-${target.id}`).count(), 0, 'hidden after 3 reports');
      const ids = (await fetchThread(server.api)).comments.map((c) => c.id);
      assert.ok(!ids.includes(target.id), 'and gone from the public API');
    } finally {
      await fresh.close();
    }
  });

  test('a banned email cannot post and is told why', LIMIT, async () => {
    const session = await moderatorSession(server, signIn);
    const browser = await openReader(server);
    try {
      const { page } = browser;
      const email = 'banned-reader@example.org';
      const first = await postTop(page, { author: 'Soon banned', email, text: uniqueText('Before the ban') });
      const ban = await fetch(`${server.api}/moderation/bans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify({ site: 'default', comment_id: Number(first.id), by: 'email', hours: 24, reason: 'abuse' }),
      });
      assert.equal(ban.status, 201, await ban.text());

      const text = uniqueText('After the ban');
      const form = topForm(page);
      await fillForm(form, { email, text });
      await form.locator('button.tl-submit').click();
      const error = form.locator('.tl-form-error[role="alert"]');
      await error.waitFor();
      assert.match(await error.textContent(), /^A moderator has blocked you from commenting on this site until .*\d.*\.$/);
      assert.equal(await form.locator('textarea[name="text"]').inputValue(), text, 'the text is kept');
    } finally {
      await browser.close();
    }
  });

  test('screenshots of the Report dialog at phone and desktop width', LIMIT, async () => {
    const dir = screenshotDir();
    await mkdir(dir, { recursive: true });
    const target = (await fetchThread(server.api)).comments.find((c) => c.parent === null);
    for (const viewport of [
      { width: 360, height: 780 },
      { width: 1280, height: 900 },
    ]) {
      const browser = await openReader(server, { viewport });
      try {
        const { page } = browser;
        await page.locator(own(target.id, 'button.tl-report')).click();
        const dialog = page.locator(own(target.id, 'dialog'));
        await dialog.getByLabel('Off-topic').check();
        const box = await dialog.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the dialog fits ${viewport.width}px`);
        await page.screenshot({ path: path.join(dir, `report-dialog-${viewport.width}.png`) });
      } finally {
        await browser.close();
      }
    }
  });
});

/** The one-time token of the demo moderator's sign-in link, which the server prints on stdout. */
async function signInToken(server) {
  const deadline = Date.now() + 10_000;
  let line;
  while (!(line = server.log.find((l) => l.includes('#threadline-signin=')))) {
    assert.ok(Date.now() < deadline, `no demo moderator sign-in link in the server output:\n${server.log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return line.split('#threadline-signin=')[1].trim();
}

/** Signs the demo moderator in and returns the session token. */
async function moderatorSession(server, token) {
  const response = await fetch(`${server.api}/moderation/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).session;
}
