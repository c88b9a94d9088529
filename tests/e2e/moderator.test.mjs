// Moderator mode in real Chromium against the real server (issue 11): the demo moderator's
// sign-in link gives a session; the loader then fetches the moderator bundle, which a reader's
// page never requests; a reader's held reply is approved from the Queue and reaches a second
// reader; each comment's actions act in place, without a reload; the audit log records each
// action. Screenshots of moderator mode and its Queue go to the screenshots folder.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fetchThread, screenshotDir, startServer, THREAD } from './harness.mjs';
import {
  ABUSE, audit, focused, MODERATOR_BUNDLE, open, OPEN_DIALOG, own, postByApi, READER_BUNDLE, signInToken, tryPost,
} from './moderator-kit.mjs';
import { clickOwnReply, commentWithText, fillForm, replyForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 120_000 };

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

    // Reject asks its reason in a labelled dialog, by keyboard alone: Escape cancels and gives
    // focus back to the button; Enter in the reason sends it.
    const reject = page.locator(own(abuse.id, 'button.tl-mod-reject'));
    await reject.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator(OPEN_DIALOG);
    await dialog.waitFor();
    const title = await dialog.getAttribute('aria-labelledby');
    assert.equal(await dialog.locator(`[id="${title}"]`).innerText(), 'Reject this comment');
    assert.equal((await focused(page))?.name, 'reason', 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.match((await focused(page))?.className ?? '', /tl-mod-reject/, 'and back to Reject on Escape');
    assert.equal(await page.locator(own(abuse.id, '.tl-badge'), { hasText: 'Awaiting moderation' }).count(), 1);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.type('insults another reader');
    await page.keyboard.press('Enter');
    await page.locator(own(abuse.id, '.tl-deleted'), { hasText: 'Removed by a moderator.' }).waitFor();
    assert.equal(await page.locator(own(abuse.id, '.tl-mod-actions')).count(), 0, 'nothing left to do');

    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
    const rows = await audit(server, session);
    assert.ok(rows.some((r) => r.action === 'pin' && r.comment_id === plain.id));
    assert.ok(rows.some((r) => r.action === 'reject' && r.comment_id === abuse.id && r.reason === 'insults another reader'));
  });

  test('edit with a note: the text changes in place, the audit log keeps the text before', LIMIT, async () => {
    const { page, problems } = moderator;
    const before = uniqueText('Call me on 555 0100 about the falls');
    const c = await postByApi(server, before);
    await page.reload();
    await showThread(page, { problems });
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.locator(own(c.id, 'button.tl-mod-edit')).click();
    const dialog = page.locator(OPEN_DIALOG);
    assert.equal(await dialog.locator('textarea[name="text"]').inputValue(), before, 'it starts from the text');
    const after = uniqueText('Ask me about the falls');
    await dialog.locator('textarea[name="text"]').fill(after);
    await dialog.locator('input[name="note"]').fill('removed a phone number');
    await dialog.locator('button.tl-dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(own(c.id, '.tl-body'), { hasText: after }).waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
    const rows = await audit(server, session);
    const row = rows.find((r) => r.action === 'edit' && String(r.comment_id) === String(c.id));
    assert.deepEqual([row?.reason, row?.before], ['removed a phone number', before], JSON.stringify(rows));
  });

  test('locking the thread: a reader cannot post; unlocking lets them again', LIMIT, async () => {
    const { page, problems } = moderator;
    await page.locator('button.tl-mod-lock').click();
    await page.locator('.tl-lockbar .tl-locked', { hasText: 'Locked' }).waitFor();
    await page.reload();
    await showThread(page, { problems });
    await page.locator('button.tl-mod-unlock').waitFor();
    const reader = await open(server);
    try {
      const form = topForm(reader.page);
      const text = uniqueText('Into a locked thread');
      await fillForm(form, { author: 'Late reader', text });
      await form.locator('button.tl-submit').click();
      await form.locator('.tl-form-error[role="alert"]', { hasText: 'This discussion is closed to new comments.' }).waitFor();
      assert.equal((await tryPost(server, uniqueText('by API'))).status, 403);
      assert.ok(!(await fetchThread(server.api)).comments.some((x) => x.text === text), 'nothing was posted');
    } finally {
      await reader.close();
    }
    await page.locator('button.tl-mod-unlock').click();
    await page.locator('button.tl-mod-lock').waitFor();
    assert.equal(await page.locator('.tl-lockbar .tl-locked').count(), 0);
    await postByApi(server, uniqueText('Open again'));
    const actions = (await audit(server, session)).map((r) => r.action);
    assert.deepEqual(actions.slice(0, 2), ['unlock', 'lock']);
  });

  test("ban from the widget: that author's post is refused with the reason; Bans tab lifts it", LIMIT, async () => {
    const { page, problems } = moderator;
    const email = 'spammer@example.org';
    const c = await postByApi(server, uniqueText('Cheap watches at my site'), { email });
    await page.reload();
    await showThread(page, { problems });
    await page.locator(own(c.id, 'button.tl-mod-ban')).click();
    const dialog = page.locator(OPEN_DIALOG);
    await dialog.locator('input[name="by"][value="email"]').check();
    await dialog.locator('label', { hasText: '1 day' }).click();
    await dialog.locator('input[name="reason"]').fill('spam links');
    await dialog.locator('button.tl-dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(own(c.id, '.tl-mod-notice-inline'), { hasText: 'Author banned for 1 day.' }).waitFor();

    const reader = await open(server);
    try {
      const form = topForm(reader.page);
      await fillForm(form, { author: 'Spammer', email, text: uniqueText('More watches') });
      await form.locator('button.tl-submit').click();
      const error = form.locator('.tl-form-error[role="alert"]');
      await error.waitFor();
      assert.match(await error.textContent(), /^A moderator has blocked you from commenting on this site until .*\d.*\.$/);
    } finally {
      await reader.close();
    }

    await page.locator('button.tl-tab[data-tab="bans"]').click();
    const row = page.locator('.tl-ban', { hasText: 'spam links' });
    await row.waitFor();
    assert.match(await row.innerText(), /Email address[\s\S]*until/);
    await row.locator('button.tl-mod-unban').click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await tryPost(server, uniqueText('Unbanned now'), { email })).status, 201);
    const actions = (await audit(server, session)).map((r) => r.action);
    assert.deepEqual(actions.slice(0, 2), ['unban', 'ban']);
    await page.locator('button.tl-tab[data-tab="thread"]').click();
  });

  test('the Queue follows next_cursor with "Load more"', LIMIT, async () => {
    const { page } = moderator;
    for (let i = 0; i < 55; i += 1) await postByApi(server, `${ABUSE} ${uniqueText(`held ${i}`)}`);
    const all = await fetch(`${server.api}/moderation/queue?site=default`, { headers: { authorization: `Bearer ${session}` } });
    assert.ok((await all.json()).next_cursor, 'the server pages the queue');
    await page.locator('button.tl-tab[data-tab="queue"]').click();
    const items = page.locator('.tl-queue[data-state="ready"] .tl-queue-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 50);
    assert.equal(await page.locator('button.tl-tab[data-tab="queue"]').innerText(), 'Queue (50+)');
    const more = page.locator('button.tl-queue-more');
    await more.click();
    await page.waitForFunction(() => document.querySelector('#threadline').shadowRoot.querySelectorAll('.tl-queue-item').length > 50);
    for (;;) {
      await page.waitForFunction(() => !document.querySelector('#threadline').shadowRoot.querySelector('.tl-queue-more[disabled]'));
      if (!(await more.count())) break;
      await more.click();
    }
    const ids = await items.evaluateAll((els) => els.map((el) => el.dataset.id));
    assert.ok(ids.length >= 55 && new Set(ids).size === ids.length, `each entry once: ${ids.length}`);
    assert.match(await page.locator('button.tl-tab[data-tab="queue"]').innerText(), /^Queue \(\d+\)$/);
    // Cleared again through the API, so that the screenshots show a queue of a normal day.
    for (const id of ids) {
      const headers = { authorization: `Bearer ${session}` };
      assert.equal((await fetch(`${server.api}/moderation/comments/${id}/delete`, { method: 'POST', headers })).status, 200);
    }
    await page.locator('button.tl-tab[data-tab="thread"]').click();
  });

  test('screenshots of moderator mode and its Queue at 360 and 1280 px', LIMIT, async () => {
    assert.ok(moderator, 'signed in by the first test');
    const { page, problems } = moderator;
    const dir = screenshotDir();
    await mkdir(dir, { recursive: true });
    await postByApi(server, `${ABUSE} ${uniqueText('in the queue')}`);
    const banned = await postByApi(server, uniqueText('Buy followers here'), { email: 'shots@example.org' });
    const ban = await fetch(`${server.api}/moderation/bans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify({ site: 'default', comment_id: banned.id, by: 'email', hours: null, reason: 'follower spam' }),
    });
    assert.equal(ban.status, 201);
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
      await page.setViewportSize(viewport);
      await page.reload();
      await showThread(page, { problems });
      await page.evaluate(() => document.fonts.ready);
      const widget = page.locator('#threadline');
      await page.locator('.tl-modbar').scrollIntoViewIfNeeded();
      await widget.screenshot({ path: path.join(dir, `moderator-thread-${viewport.width}.png`) });
      for (const tool of ['reject', 'edit', 'ban']) {
        await page.locator(`.tl-comment button.tl-mod-${tool}`).first().click();
        await page.locator(OPEN_DIALOG).waitFor();
        await page.screenshot({ path: path.join(dir, `moderator-${tool}-dialog-${viewport.width}.png`) });
        await page.keyboard.press('Escape');
        await page.locator(OPEN_DIALOG).waitFor({ state: 'detached' });
      }
      await page.locator('button.tl-tab[data-tab="bans"]').click();
      await page.locator('.tl-bans[data-state="ready"] .tl-ban').first().waitFor();
      await widget.screenshot({ path: path.join(dir, `moderator-bans-${viewport.width}.png`) });
      await page.locator('button.tl-tab[data-tab="queue"]').click();
      await page.locator('.tl-queue[data-state="ready"] .tl-queue-item').first().waitFor();
      const overflow = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        return [...root.querySelectorAll('.tl-modbar, .tl-lockbar, .tl-queue-item, .tl-mod-actions, .tl-ban')]
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
