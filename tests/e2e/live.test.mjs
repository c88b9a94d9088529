// Live updates (issue 13), in real Chromium: two readers in their own browsers. A comment one
// posts reaches the other as "1 new comment — show" without moving their page; a vote updates
// the count in place; and a restart of the server while a reader is connected loses nothing
// (the stream resumes from its last event).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, startServer, THREAD } from './harness.mjs';
import { commentWithText, fillForm, openReader, renderedComments, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 90_000 };

async function post(server, text) {
  const answer = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, author: 'Cy', text }),
  });
  assert.equal(answer.status, 201);
  return answer.json();
}

const ids = async (page) => (await renderedComments(page)).map((c) => c.id);

describe('live updates between two readers', () => {
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

  test('a comment from another reader waits behind "1 new comment — show"', LIMIT, async () => {
    const before = await ids(ann.page);
    const form = topForm(ben.page);
    const text = uniqueText('Ben says this live.');
    await fillForm(form, { author: 'Ben', text });
    await form.locator('button.tl-submit').click();
    const posted = await commentWithText(ben.page, text);

    const show = ann.page.locator('button.tl-show-incoming');
    await show.waitFor({ timeout: 15_000 });
    assert.equal(await show.textContent(), '1 new comment — show');
    assert.deepEqual(await ids(ann.page), before, 'the page did not move under Ann');
    await show.click();
    const arrived = await commentWithText(ann.page, text);
    assert.equal(arrived.id, posted.id);
    assert.equal(await show.count(), 0, 'the notice goes once shown');
    assert.equal(await ben.page.locator('button.tl-show-incoming').count(), 0, 'Ben is not told of his own');
  });

  test('a vote changes the count in place', LIMIT, async () => {
    const target = (await fetchThread(server.api)).comments.find((c) => !c.status);
    const count = ann.page.locator(`#comment-${target.id} > .tl-card button.tl-vote-up .tl-vote-count`);
    const before = Number(await count.textContent());
    const vote = await fetch(`${server.api}/comments/${target.id}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1 }),
    });
    assert.equal(vote.status, 200);
    await ann.page.waitForFunction(
      ([id, n]) => {
        const el = document.querySelector('#threadline').shadowRoot
          .querySelector(`#comment-${id} > .tl-card button.tl-vote-up .tl-vote-count`);
        return Number(el?.textContent) === n;
      },
      [target.id, before + 1],
      { timeout: 15_000 },
    );
  });

  test('a restart of the server while Ann is connected loses no comment', LIMIT, async () => {
    await server.restart();
    // Posted before Ann's browser has reconnected: it comes with the resumed stream.
    const first = await post(server, uniqueText('Posted just after the restart.'));
    const second = await post(server, uniqueText('And one more.'));
    const show = ann.page.locator('button.tl-show-incoming');
    await ann.page.waitForFunction(
      () => document.querySelector('#threadline').shadowRoot.querySelector('button.tl-show-incoming')
        ?.textContent === '2 new comments — show',
      null,
      { timeout: 30_000 },
    );
    await show.click();
    const shown = await ids(ann.page);
    assert.ok(shown.includes(String(first.id)) && shown.includes(String(second.id)), 'both arrived');
    const unexpected = ann.problems.filter((p) => !/stream|ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING|net::/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
