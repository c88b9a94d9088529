// A backend the widget has no preset for, described only by a declarative mapping (the
// Commento++ worked mapping from docs/backends.md): flat comments keyed by hex strings, replies
// pointing at a `parentHex` with "root" at the top, authors in a lookup map, an error wrapper
// with `success`, HTML bodies. The API is played by request interception on the page's origin
// (commento.mjs). The mapping is inline here; custom-mapping-url.test.mjs gives it by URL.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commentoFixtures, playCommento } from './commento.mjs';
import { launchBrowser, startStaticServer } from './harness.mjs';
import { clickOwnReply, commentWithText, fillForm, renderedComments, replyForm, showThread, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 60_000 };

describe('a custom backend from its mapping alone', () => {
  let host;
  let browser;
  let list;
  let mapping;
  let posted;

  before(async () => {
    ({ mapping, list } = await commentoFixtures());
    host = await startStaticServer();
    browser = await launchBrowser();
    posted = await playCommento(browser.page, list);
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  const open = async () => {
    const { page, problems } = browser;
    await page.goto(host.pageUrl({ api: host.origin, backend: 'custom', thread: '/post/1', mapping: JSON.stringify(mapping) }));
    await showThread(page, { problems });
  };

  test('renders the thread nested by parentHex, with authors from the lookup map', LIMIT, async () => {
    await open();
    const { page } = browser;
    const rendered = await renderedComments(page);
    const want = list.comments.filter((c) => c.commentHex);
    assert.equal(rendered.length, want.length);
    for (const c of want) {
      const el = rendered.find((r) => r.id === c.commentHex);
      assert.ok(el, `comment ${c.commentHex.slice(0, 6)} is rendered`);
      const parent = c.parentHex === 'root' ? '' : c.parentHex;
      assert.equal(el.parent, parent);
      assert.equal(el.ancestor ?? '', parent);
    }
    const first = want[0];
    const author = list.commenters[first.commenterHex].name;
    assert.equal(await page.locator(`#comment-${first.commentHex} .tl-author`).first().textContent(), author);
    const deleted = want.find((c) => c.deleted);
    if (deleted) {
      assert.match(await page.locator(`#comment-${deleted.commentHex} .tl-deleted`).textContent(), /deleted/);
    }
  });

  test('posts a reply in place through the mapped post body, and finds it after a reload', LIMIT, async () => {
    const { page, problems } = browser;
    const parent = list.comments[0].commentHex;
    await clickOwnReply(page, parent);
    const form = replyForm(page, parent);
    const text = uniqueText('Replying through a mapping.');
    await fillForm(form, { author: 'Mapped Reader', text });
    await form.locator('button.tl-submit').click();
    const placed = await commentWithText(page, text);
    assert.equal(placed.parent, parent);
    assert.equal(placed.inRepliesOf, parent);
    assert.equal(posted.at(-1).parentHex, parent, 'the body template filled {parent}');
    assert.equal(posted.at(-1).anonName, 'Mapped Reader');
    assert.equal(posted.at(-1).path, '/post/1');

    await page.reload();
    await showThread(page, { problems });
    const again = await commentWithText(page, text);
    assert.equal(again.parent, parent);
  });
});
