// The demo article served by the real server: the seeded thread's nesting, posting a comment and
// a reply in place, persistence across a reload, and client-side validation.
// The tests in this file run in order and share one server and one browser page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, startServer } from './harness.mjs';
import {
  clickOwnReply,
  expandAll,
  commentWithText,
  fillForm,
  renderedComments,
  replyForm,
  showThread,
  topForm,
  uniqueText,
  waitForCommentFocus,
} from './widget.mjs';

/** Each test and hook gets this long, waits included. */
const LIMIT = { timeout: 60_000 };

describe('demo article thread', () => {
  let server;
  let browser;
  let page;
  /** Filled by the posting tests, checked after the reload. */
  const posted = { top: null, reply: null, replyParent: null };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    page = browser.page;
    await page.goto(`${server.url}/`);
    await showThread(page, { problems: browser.problems });
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  test('renders the seeded thread with every reply nested under its parent', LIMIT, async () => {
    const thread = await fetchThread(server.api);
    assert.ok(thread.comments.length > 0, 'the seeded thread has comments');
    assert.equal(thread.next_cursor, null, 'the seeded thread fits in one page of 200');
    // Replies past the third level start collapsed behind their parent's "N replies".
    const deep = thread.comments.filter((c) => c.parent && thread.comments.some((p) => p.id === c.parent && p.parent
      && thread.comments.some((g) => g.id === p.parent && g.parent)));
    assert.ok(deep.length > 0, 'the seeded thread has replies at the fourth level');
    const before = new Set((await renderedComments(page)).map((c) => c.id));
    assert.ok(deep.every((c) => !before.has(String(c.id))), 'the fourth level starts collapsed');
    assert.ok((await expandAll(page)) > 0, 'and opens on request');

    const problems = await page.evaluate((comments) => {
      const root = document.querySelector('#threadline').shadowRoot;
      const found = [];
      const depth = new Map();
      const own = (article, selector) =>
        [...article.querySelectorAll(selector)].find((el) => el.closest('article.tl-comment') === article);
      for (const c of comments) {
        const el = root.getElementById(`comment-${c.id}`);
        const parent = c.parent === null || c.parent === undefined ? null : c.parent;
        depth.set(c.id, parent === null ? 0 : depth.get(parent) + 1);
        if (!el) {
          found.push(`#comment-${c.id} is missing`);
          continue;
        }
        if (!el.matches('article.tl-comment')) found.push(`#comment-${c.id} is not article.tl-comment`);
        if (el.dataset.id !== String(c.id)) found.push(`#comment-${c.id} has data-id=${el.dataset.id}`);
        if (el.dataset.parent !== (parent === null ? '' : String(parent))) {
          found.push(`#comment-${c.id} has data-parent="${el.dataset.parent}", expected "${parent ?? ''}"`);
        }
        if (el.dataset.depth !== String(depth.get(c.id))) {
          found.push(`#comment-${c.id} has data-depth=${el.dataset.depth}, expected ${depth.get(c.id)}`);
        }
        const ancestor = el.parentElement?.closest('article.tl-comment') ?? null;
        const expected = parent === null ? null : root.getElementById(`comment-${parent}`);
        if (ancestor !== expected) {
          found.push(`#comment-${c.id} sits inside ${ancestor ? '#' + ancestor.id : 'no comment'}, expected ${
            expected ? '#' + expected.id : 'no comment'}`);
        }
        if (own(el, 'a.tl-permalink')?.getAttribute('href') !== `#comment-${c.id}`) {
          found.push(`#comment-${c.id} lacks a.tl-permalink[href="#comment-${c.id}"]`);
        }
        const time = own(el, 'time.tl-time');
        if (!time || Date.parse(time.getAttribute('datetime')) !== Date.parse(c.created_at)) {
          found.push(`#comment-${c.id} time.tl-time[datetime] is not ${c.created_at}`);
        }
        // The tooltip is the reader's own local date and time (one shared Intl.DateTimeFormat).
        const year = String(new Date(c.created_at).getFullYear());
        if (!time?.getAttribute('title')?.includes(year)) {
          found.push(`#comment-${c.id} time.tl-time[title] does not give the local date: ${time?.getAttribute('title')}`);
        }
        if (!own(el, '.tl-author')?.textContent.includes(c.author)) {
          found.push(`#comment-${c.id} .tl-author does not show ${c.author}`);
        }
      }
      const rendered = root.querySelectorAll('article.tl-comment').length;
      if (rendered !== comments.length) found.push(`${rendered} comments rendered, the API has ${comments.length}`);
      return found;
    }, thread.comments);
    assert.deepEqual(problems, []);

    const maxDepth = Math.max(...(await renderedComments(page)).map((c) => Number(c.depth)));
    assert.ok(maxDepth >= 3, `the seeded thread nests at least 3 deep (deepest data-depth: ${maxDepth})`);
  });

  test('posting a top-level comment shows and focuses it without a reload', LIMIT, async () => {
    await page.evaluate(() => {
      window.__e2eSamePage = true;
    });
    const form = topForm(page);
    const labelled = await form.evaluate((f) =>
      ['input[name="author"]', 'input[name="email"]', 'input[name="website"]', 'textarea[name="text"]'].map(
        (s) => `${s}: ${f.querySelector(s)?.labels?.length ?? 'missing'}`,
      ),
    );
    assert.deepEqual(labelled, [
      'input[name="author"]: 1',
      'input[name="email"]: 1',
      'input[name="website"]: 1',
      'textarea[name="text"]: 1',
    ]);

    const text = uniqueText('A top-level comment from the end-to-end tests.');
    await fillForm(form, { author: 'E2E Reader', email: 'reader@example.test', website: '', text });
    await form.locator('button.tl-submit').click();

    const comment = await commentWithText(page, text);
    assert.equal(comment.parent, '');
    assert.equal(comment.depth, '0');
    assert.equal(comment.ancestor, null);
    assert.equal(comment.domId, `comment-${comment.id}`);
    await waitForCommentFocus(page, comment.id);
    assert.equal(await page.evaluate(() => window.__e2eSamePage), true, 'the page did not reload');

    const stored = (await fetchThread(server.api)).comments.find((c) => String(c.id) === comment.id);
    assert.ok(stored, `comment ${comment.id} is stored`);
    assert.equal(stored.text, text);
    assert.equal(stored.parent ?? null, null);
    posted.top = comment.id;
  });

  test('replying to a comment at depth 3 nests the reply in its .tl-replies', LIMIT, async () => {
    const target = (await renderedComments(page)).find((c) => c.depth === '3');
    assert.ok(target, 'a comment at data-depth=3 exists');

    await clickOwnReply(page, target.id);
    const form = replyForm(page, target.id);
    await form.waitFor({ state: 'visible' });
    const placement = await form.evaluate((f) => ({
      article: f.closest('article.tl-comment')?.dataset.id ?? null,
      insideReplies: f.parentElement?.closest('.tl-replies')?.closest('article.tl-comment')?.dataset.id ?? null,
      hasCancel: f.querySelector('button.tl-cancel') !== null,
    }));
    assert.equal(placement.article, target.id, 'the reply form opens inside the comment it answers');
    assert.ok(placement.insideReplies !== target.id, 'the reply form is not inside that comment\'s replies');
    assert.ok(placement.hasCancel, 'the reply form has button.tl-cancel');

    const text = uniqueText('A reply at depth four from the end-to-end tests.');
    await fillForm(form, { author: 'E2E Replier', text });
    await form.locator('button.tl-submit').click();

    const reply = await commentWithText(page, text);
    assert.equal(reply.parent, target.id);
    assert.equal(reply.depth, '4');
    assert.equal(reply.ancestor, target.id, 'the reply sits inside the comment it answers');
    assert.equal(reply.inRepliesOf, target.id, 'the reply sits in that comment\'s .tl-replies');
    await waitForCommentFocus(page, reply.id);
    assert.equal(await page.evaluate(() => window.__e2eSamePage), true, 'the page did not reload');
    posted.reply = reply.id;
    posted.replyParent = target.id;
  });

  test('after a reload both new comments are still under the right parents', LIMIT, async () => {
    assert.ok(posted.top && posted.reply, 'the two posting tests above succeeded');
    await page.reload();
    await showThread(page, { problems: browser.problems });
    await expandAll(page);

    const byId = new Map((await renderedComments(page)).map((c) => [c.id, c]));
    const top = byId.get(posted.top);
    const reply = byId.get(posted.reply);
    assert.ok(top, `comment ${posted.top} is rendered after the reload`);
    assert.ok(reply, `comment ${posted.reply} is rendered after the reload`);
    assert.equal(top.parent, '');
    assert.equal(top.ancestor, null);
    assert.equal(reply.parent, posted.replyParent);
    assert.equal(reply.ancestor, posted.replyParent);

    const stored = new Map((await fetchThread(server.api)).comments.map((c) => [String(c.id), c]));
    assert.equal(stored.get(posted.top)?.parent ?? null, null);
    assert.equal(String(stored.get(posted.reply)?.parent), posted.replyParent);
  });

  test('submitting without a name shows the field error and keeps the text', LIMIT, async () => {
    const before = await fetchThread(server.api);
    const renderedBefore = (await renderedComments(page)).length;

    const form = topForm(page);
    const text = uniqueText('This comment has no author name.');
    await fillForm(form, { author: '', text });
    await form.locator('button.tl-submit').click();

    await form.locator('.tl-field-error[data-field="author"]').waitFor({ state: 'visible' });
    assert.equal(await form.locator('textarea[name="text"]').inputValue(), text);
    assert.equal((await renderedComments(page)).length, renderedBefore, 'no comment was added on the page');
    const afterwards = await fetchThread(server.api);
    assert.equal(afterwards.total, before.total, 'no comment was stored');
    assert.equal(afterwards.comments.length, before.comments.length);
  });

  test("the server's own field error shows next to that field, and nothing typed is lost", LIMIT, async () => {
    // The widget's checks pass; the server refuses the website. Interception plays the server's
    // part so the message is one the widget cannot have produced itself.
    const message = 'That website is on this site\'s block list.';
    await page.route('**/api/comments', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'invalid_field', message, field: 'website' } }),
          })
        : route.continue(),
    );
    try {
      const form = topForm(page);
      const text = uniqueText('Refused by the server.');
      await fillForm(form, { author: 'Ann Server', email: 'ann@example.org', website: 'https://blocked.example', text });
      await form.locator('button.tl-submit').click();
      const error = form.locator('.tl-field-error[data-field="website"]');
      await error.waitFor({ state: 'visible' });
      assert.equal(await error.textContent(), message);
      assert.equal(await form.locator('input[name="website"]').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.locator('textarea[name="text"]').inputValue(), text);
      assert.equal(await form.locator('input[name="author"]').inputValue(), 'Ann Server');
      assert.equal(await form.locator('input[name="email"]').inputValue(), 'ann@example.org');
    } finally {
      await page.unroute('**/api/comments');
    }
  });

  test('text typed but not posted survives a reload', LIMIT, async () => {
    const text = uniqueText('A draft I have not sent yet.');
    await topForm(page).locator('textarea[name="text"]').fill(text);
    await page.reload();
    await showThread(page, { problems: browser.problems });
    assert.equal(await topForm(page).locator('textarea[name="text"]').inputValue(), text);
  });

  test('a permalink in the page URL scrolls to and focuses that comment', LIMIT, async () => {
    const thread = await fetchThread(server.api);
    const last = thread.comments[thread.comments.length - 1];
    await page.goto('about:blank'); // a fresh load, not a same-document fragment change
    await page.goto(`${server.url}/#comment-${last.id}`);
    await showThread(page, { problems: browser.problems });
    await waitForCommentFocus(page, last.id);
    const inView = await page.evaluate((domId) => {
      const r = document.querySelector('#threadline').shadowRoot.getElementById(domId).getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, `comment-${last.id}`);
    assert.ok(inView, 'the linked comment is in the viewport');

    // A later fragment change on the same page (a click on a permalink elsewhere) works too.
    const first = thread.comments[0];
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#comment-${first.id}`);
    await waitForCommentFocus(page, first.id);
  });

  test('a post whose answer was lost, then retried, is stored once', LIMIT, async () => {
    const before = await fetchThread(server.api);
    // The first POST reaches the server, which stores the comment, but the answer never comes
    // back; the reader presses Post again. The Idempotency-Key makes the retry return the same
    // comment instead of storing it twice.
    let lost = false;
    const keys = [];
    await page.route('**/api/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (!lost) {
        lost = true;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    try {
      const form = topForm(page);
      const text = uniqueText('Posted over a flaky connection.');
      await fillForm(form, { author: 'Flaky Reader', text });
      await form.locator('button.tl-submit').click();
      await form.locator('.tl-form-error').waitFor({ state: 'visible' });
      assert.equal(await form.locator('textarea[name="text"]').inputValue(), text, 'the text survives the failure');
      await form.locator('button.tl-submit').click();
      const placed = await commentWithText(page, text);
      assert.ok(placed.id);
      assert.equal(keys.length, 2);
      assert.ok(keys[0] && keys[0] === keys[1], 'both attempts carry the same Idempotency-Key');
      const after = await fetchThread(server.api);
      assert.equal(after.comments.filter((c) => c.text === text).length, 1, 'stored exactly once');
      assert.equal(after.total, before.total + 1);
    } finally {
      await page.unroute('**/api/comments');
    }
  });

  test('the honeypot field is out of sight and out of the tab order', LIMIT, async () => {
    const field = topForm(page).locator('input[name="homepage"]');
    assert.equal(await field.getAttribute('tabindex'), '-1');
    // Clipped to nothing where it stands (not pushed off-screen, which widens a right-to-left
    // page: a11y.test.mjs), and hidden from assistive technology.
    const hidden = await field.evaluate((input) => {
      const box = input.closest('.tl-hp');
      const rect = box.getBoundingClientRect();
      return { clip: getComputedStyle(box).clipPath, size: rect.width * rect.height, aria: box.getAttribute('aria-hidden') };
    });
    assert.deepEqual(hidden, { clip: 'inset(50%)', size: 1, aria: 'true' }, 'out of sight');
  });
});

describe('a server that asks for proof of work', () => {
  let server;
  let browser;

  before(async () => {
    // A small difficulty keeps the test quick; the widget solves whatever the server asks.
    server = await startServer({ extraArgs: ['--pow', '--pow-difficulty', '3000'] });
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  test('the widget solves the challenge and posts', LIMIT, async () => {
    const { page, problems } = browser;
    const headers = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/comments')) headers.push(r.headers()['altcha'] ?? null);
    });
    await page.goto(`${server.url}/`);
    await showThread(page, { problems });
    const form = topForm(page);
    const text = uniqueText('Posted after solving the challenge.');
    await fillForm(form, { author: 'Patient Reader', text });
    await form.locator('button.tl-submit').click();
    const placed = await commentWithText(page, text);
    assert.ok(placed.id);
    assert.deepEqual(headers.map(Boolean), [false, true], 'refused without a solution, accepted with one');
    const stored = await fetchThread(server.api);
    assert.equal(stored.comments.filter((c) => c.text === text).length, 1);
  });
});
