// The offline outbox (issue 13), in real Chromium with Playwright's `context.setOffline`: a
// comment posted while the browser is offline waits, says so, and goes when the connection
// returns; one left waiting when the page closed goes from the next page that opens; and
// however many tabs send it, its first idempotency key makes it exactly one comment.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, startServer } from './harness.mjs';
import { commentWithText, fillForm, openReader, replyForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 90_000 };
const QUEUED = "You're offline: your comment will be sent when you're back online.";

/** How many stored comments have exactly this text. */
async function stored(server, text) {
  return (await fetchThread(server.api)).comments.filter((c) => c.text === text).length;
}

/** The requests that post a comment, from now on. */
function posts(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/comments') {
      seen.push(r.headers()['idempotency-key']);
    }
  });
  return seen;
}

/** The outbox: each waiting comment's form and idempotency key. */
const outbox = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('threadline:outbox:'))
  .map((k) => ({ form: k.slice('threadline:outbox:'.length), key: localStorage.getItem(k) })));

describe('the offline outbox', () => {
  let server;
  let reader;

  before(async () => {
    server = await startServer();
    reader = await openReader(server);
  }, LIMIT);

  after(async () => {
    await reader?.context.setOffline(false);
    await reader?.close();
    await server?.dispose();
  });

  test('a comment posted offline waits, says so, and goes once the browser is back', LIMIT, async () => {
    const { context, page, problems } = reader;
    const sent = posts(page);
    const text = uniqueText('Written on a train without signal.');
    await fillForm(topForm(page), { author: 'Commuter', text });
    await context.setOffline(true);
    await topForm(page).locator('button.tl-submit').click();

    const note = topForm(page).locator('.tl-queued');
    await note.waitFor();
    assert.equal((await note.textContent()).trim(), QUEUED);
    assert.equal(await note.getAttribute('role'), 'status');
    assert.equal(await topForm(page).locator('button.tl-submit').isDisabled(), true, 'it cannot be sent twice');
    const waiting = await outbox(page);
    assert.equal(waiting.length, 1, 'kept where a reload finds it');
    assert.match(waiting[0].form, /^top:/, 'the form at the top has it waiting');
    assert.equal(await page.evaluate((form) => localStorage.getItem(`threadline:draft:${form}`), waiting[0].form), text);
    assert.deepEqual(sent, [], 'nothing went out while offline');

    await context.setOffline(false);
    const comment = await commentWithText(page, text);
    assert.equal(comment.parent, '');
    await note.waitFor({ state: 'detached' });
    assert.deepEqual(sent, [waiting[0].key], 'sent once, with the key it got when posted');
    assert.deepEqual(await outbox(page), []);
    assert.equal(await stored(server, text), 1);
    assert.deepEqual(problems, []);
  });

  test('a reply left waiting when the page closed goes from the next page, exactly once', LIMIT, async () => {
    const { context, page } = reader;
    await page.reload();
    await showThread(page, { problems: reader.problems });
    const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
    await page.locator(`#comment-${parent} .tl-reply`).first().click();
    const text = uniqueText('A reply typed offline, then the laptop lid closed.');
    await fillForm(replyForm(page, parent), { author: 'Commuter', text });
    await context.setOffline(true);
    await replyForm(page, parent).locator('button.tl-submit').click();
    await replyForm(page, parent).locator('.tl-queued').waitFor();
    const [waiting] = await outbox(page);

    // Two tabs of the site open once the connection is back: the one the reply was written
    // in, which sends it on its `online` event, and a new one, which finds it in the outbox.
    const other = await context.newPage();
    try {
      const sent = posts(page);
      const sentByOther = posts(other);
      await context.setOffline(false);
      await other.goto(`${server.url}/`);
      await showThread(other, { problems: reader.problems });
      const placed = await commentWithText(other, text);
      assert.equal(placed.parent, parent, 'under the comment it answers');
      await commentWithText(page, text);
      const keys = [...sent, ...sentByOther];
      assert.ok(keys.length >= 1 && keys.every((k) => k === waiting.key), `every send used the first key: ${keys}`);
      assert.equal(await stored(server, text), 1, 'one comment however many tabs sent it');
      assert.deepEqual(await outbox(other), []);
      await replyForm(other, parent).waitFor({ state: 'detached' });
    } finally {
      await other.close();
    }
  });
});
