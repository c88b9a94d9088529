// The reader's conversation on Threadline's own server (issue 13), in real Chromium: an author
// edits and deletes their own comment within the window (an "edited" mark, a "deleted"
// placeholder that keeps the replies), and votes count at once and roll back when the server
// refuses; the reader's order (oldest, newest, top) is the server's and is remembered. Each
// reader is a browser of its own (its own localStorage and author token).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, startServer, THREAD } from './harness.mjs';
import { commentWithText, fillForm, openReader, renderedComments, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 90_000 };

/** A selector for something in comment `id`'s own card, not in one of its replies. */
const own = (id, selector) => `#comment-${id} > .tl-card ${selector}`;

/** Ann posts a top-level comment through the form; answers it as rendered. */
async function postAsAnn(page, text) {
  const form = topForm(page);
  await fillForm(form, { author: 'Ann', text });
  await form.locator('button.tl-submit').click();
  return commentWithText(page, text);
}

async function stored(server, id) {
  return (await fetchThread(server.api)).comments.find((c) => String(c.id) === String(id));
}

describe('edit, delete and votes', () => {
  let server;
  let ann;
  let ben;

  before(async () => {
    server = await startServer();
    ann = await openReader(server);
    ben = await openReader(server);
  }, LIMIT);

  after(async () => {
    await ann?.close();
    await ben?.close();
    await server?.dispose();
  });

  test('an author edits their comment in place; others get no Edit button', LIMIT, async () => {
    const page = ann.page;
    const text = uniqueText('My first take on the levee.');
    const mine = await postAsAnn(page, text);
    assert.equal(await page.locator(own(mine.id, 'button.tl-edit-own')).count(), 1, 'own comment: Edit');
    const someoneElse = (await fetchThread(server.api)).comments.find((c) => c.author !== 'Ann');
    assert.equal(await page.locator(own(someoneElse.id, 'button.tl-edit-own')).count(), 0, 'not on others');

    await page.locator(own(mine.id, 'button.tl-edit-own')).click();
    const edit = page.locator(`#comment-${mine.id} form[data-form="edit"]`);
    const area = edit.locator('textarea[name="text"]');
    assert.equal(await area.inputValue(), text, 'the form holds the text as it is');
    assert.equal(await area.evaluate((el) => el.getRootNode().activeElement === el), true, 'and has focus');
    const better = uniqueText('My second, better take on the levee.');
    await area.fill(better);
    await edit.locator('button.tl-add-warning').click();
    await edit.locator('input[name="warning"]').fill('Long and opinionated');
    await edit.locator('button.tl-submit').click();
    await edit.waitFor({ state: 'detached' });
    await page.locator(own(mine.id, '.tl-edited')).waitFor();
    assert.equal(await page.locator(own(mine.id, '.tl-warning-text')).textContent(), 'Long and opinionated');

    const saved = await stored(server, mine.id);
    assert.deepEqual([saved.text, saved.edited, saved.warning], [better, true, 'Long and opinionated']);
    // Ben sees the edit; he has no Edit button on it.
    await ben.page.reload();
    await showThread(ben.page, { problems: ben.problems });
    await ben.page.locator(own(mine.id, '.tl-edited')).waitFor();
    assert.equal(await ben.page.locator(own(mine.id, 'button.tl-edit-own')).count(), 0);
    // After a reload Ann's browser still knows the comment is hers.
    await page.reload();
    await showThread(page, { problems: ann.problems });
    await page.locator(own(mine.id, 'button.tl-edit-own')).waitFor();
  });

  test('deleting a comment with a reply leaves a placeholder that keeps the reply', LIMIT, async () => {
    const page = ann.page;
    const mine = await postAsAnn(page, uniqueText('A comment Ann will take back.'));
    const answer = await fetch(`${server.api}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: THREAD, parent: Number(mine.id), author: 'Ben', text: 'A reply that stays.' }),
    });
    assert.equal(answer.status, 201);
    const reply = await answer.json();

    await page.locator(own(mine.id, 'button.tl-delete-own')).click();
    const confirm = page.locator(own(mine.id, '.tl-confirm'));
    assert.equal(await confirm.getAttribute('role'), 'group');
    await confirm.locator('button.tl-delete-confirm').click();
    await page.locator(own(mine.id, '.tl-deleted')).waitFor();
    assert.equal((await stored(server, mine.id)).status, 'deleted');

    for (const b of [ann, ben]) {
      await b.page.reload();
      await showThread(b.page, { problems: b.problems });
      await b.page.locator(own(mine.id, '.tl-deleted')).waitFor();
      const placed = await b.page.evaluate(
        ([parent, child]) => {
          const root = document.querySelector('#threadline').shadowRoot;
          const el = root.getElementById(`comment-${child}`);
          return el?.parentElement?.closest('article.tl-comment')?.id === `comment-${parent}`;
        },
        [mine.id, reply.id],
      );
      assert.ok(placed, 'the reply keeps its place under the placeholder');
      assert.equal(await b.page.locator(own(mine.id, '.tl-author')).count(), 0, 'no author on the placeholder');
    }
  });

  test('a vote counts at once, is remembered, and rolls back when the server refuses', LIMIT, async () => {
    const page = ben.page;
    const target = (await fetchThread(server.api)).comments.find((c) => !c.status && c.author !== 'Ann');
    const button = page.locator(own(target.id, 'button.tl-vote-up'));
    const count = async () => Number(await button.locator('.tl-vote-count').textContent());
    const before = await count();
    assert.equal(before, target.upvotes ?? 0);
    assert.equal(await page.locator(own(target.id, 'button.tl-vote-down')).count(), 0, 'no downvotes here');

    const voted = (status) =>
      page.waitForResponse((r) => r.url().includes(`/comments/${target.id}/vote`) && r.status() === status);
    const answered = voted(200);
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await count(), before + 1);
    await answered;
    for (let i = 0; i < 50 && ((await stored(server, target.id)).upvotes ?? 0) !== before + 1; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal((await stored(server, target.id)).upvotes, before + 1, 'the server counted it');
    await page.reload();
    await showThread(page, { problems: ben.problems });
    assert.equal(await button.getAttribute('aria-pressed'), 'true', 'remembered after a reload');
    assert.equal(await count(), before + 1);

    // The server refuses the next vote: the count goes back, and the reader is told.
    await page.route('**/comments/*/vote*', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'retry-after': '30' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many votes; try again in 30 seconds.' } }),
      }),
    );
    await button.click();
    const alert = page.locator(own(target.id, '.tl-vote-error'));
    await alert.waitFor();
    assert.ok((await alert.textContent()).length > 0, 'the refusal is explained');
    assert.equal(await count(), before + 1, 'the count rolled back');
    assert.equal(await button.getAttribute('aria-pressed'), 'true', 'and so did the pressed state');
    await page.unroute('**/comments/*/vote*');
    assert.equal((await stored(server, target.id)).upvotes, before + 1, 'nothing changed on the server');

    // Pressing again takes the vote back.
    const taken = voted(200);
    await button.click();
    await taken;
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal(await count(), before);
    const unexpected = ben.problems.filter((p) => !/429/.test(p));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(ann.problems, []);
  });

  test('the reader sorts by newest or top, as the server orders them, and the choice is remembered', LIMIT, async () => {
    const page = ben.page;
    const topLevel = async () => (await renderedComments(page)).filter((c) => c.ancestor === null).map((c) => c.id);
    const serverOrder = async (sort) => {
      const url = `${server.api}/comments?thread=${encodeURIComponent(THREAD)}&limit=200&sort=${sort}`;
      return (await (await fetch(url)).json()).comments.filter((c) => c.parent == null).map((c) => String(c.id));
    };
    const button = (sort) => page.locator(`.tl-sort button[data-sort="${sort}"]`);
    assert.equal(await button('oldest').getAttribute('aria-pressed'), 'true', 'oldest first by default');
    assert.deepEqual(await topLevel(), await serverOrder('oldest'));

    for (const sort of ['newest', 'top']) {
      const asked = page.waitForRequest((r) => r.url().includes('/comments?') && r.url().includes(`sort=${sort}`));
      await button(sort).click();
      await asked;
      await showThread(page, { problems: ben.problems });
      assert.equal(await button(sort).getAttribute('aria-pressed'), 'true');
      const expected = await serverOrder(sort);
      for (let i = 0; i < 50 && JSON.stringify(await topLevel()) !== JSON.stringify(expected); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(await topLevel(), expected, `${sort}: the server's order`);
    }
    assert.notDeepEqual(await serverOrder('newest'), await serverOrder('oldest'), 'the orders differ here');

    // Newest first, and still after a reload; a new comment goes on top.
    // The click's own request is answered before the reload, which would cut it short.
    const sorted = page.waitForResponse((r) => r.url().includes('/comments?') && r.url().includes('sort=newest'));
    await button('newest').click();
    await sorted;
    const remembered = page.waitForRequest((r) => r.url().includes('/comments?') && r.url().includes('sort=newest'));
    await page.reload();
    await remembered;
    await showThread(page, { problems: ben.problems });
    assert.equal(await button('newest').getAttribute('aria-pressed'), 'true', 'remembered after a reload');
    const form = topForm(page);
    const text = uniqueText('Ben, newest first.');
    await fillForm(form, { author: 'Ben', text });
    await form.locator('button.tl-submit').click();
    const posted = await commentWithText(page, text);
    assert.equal((await topLevel())[0], posted.id, 'the new comment is first');
    await button('oldest').click();
    await showThread(page, { problems: ben.problems });
    assert.deepEqual(await topLevel(), await serverOrder('oldest'));
    assert.deepEqual(ben.problems.filter((p) => !/429/.test(p)), [], 'nothing but the refused vote before');
  });
});
