// A keyboard-only journey (issue 14), with no mouse event at all: Tab to a comment's Reply,
// open its form with Enter (focus moves into the text), write, post, and land on the new
// comment; then open another form and close it with Cancel, and another with Escape, landing
// back on the Reply button each time. Also: every target of the widget is at least 24 × 24 px.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, startServer } from './harness.mjs';
import { openReader, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 90_000 };

/** What has focus inside the widget: its tag, classes, comment and form. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.querySelector('#threadline').shadowRoot.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name'),
      classes: [...el.classList],
      comment: el.closest('article.tl-comment')?.dataset.id ?? null,
      form: el.closest('form')?.dataset.form ?? null,
      text: (el.textContent || '').trim().slice(0, 200),
    };
  });
}

/** Presses Tab until `wanted(focus)` holds; fails after `limit` presses. */
async function tabTo(page, wanted, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now && wanted(now)) return now;
  }
  assert.fail(`Tab never reached ${what}`);
}

describe('keyboard only', () => {
  let server;
  let reader;

  before(async () => {
    server = await startServer();
    reader = await openReader(server);
    // Any pointer event during the journey fails the test: the keyboard must be enough.
    await reader.page.evaluate(() => {
      window.__pointer = [];
      for (const type of ['mousedown', 'mouseup', 'pointerdown']) {
        document.addEventListener(type, (e) => window.__pointer.push(`${type} ${e.composedPath()[0]?.tagName}`), true);
      }
    });
  }, LIMIT);

  after(async () => {
    await reader?.close();
    await server?.dispose();
  });

  test('reply, post, land on the new comment; Cancel and Escape give focus back to Reply', LIMIT, async () => {
    const { page } = reader;
    // Start from the page's top, as a keyboard user would.
    await page.evaluate(() => document.activeElement?.blur());
    const reply = await tabTo(page, (f) => f.classes.includes('tl-reply'), 'a Reply button');
    const parent = reply.comment;
    await page.keyboard.press('Enter');
    const inForm = await focused(page);
    assert.deepEqual([inForm.tag, inForm.form, inForm.comment], ['textarea', 'reply', parent], 'focus moves into the form');

    const text = uniqueText('Typed without a mouse');
    await page.keyboard.type(text);
    await tabTo(page, (f) => f.name === 'author', 'the name field');
    await page.keyboard.type('Keyboard Reader');
    await tabTo(page, (f) => f.classes.includes('tl-submit'), 'the Post button');
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => {
      const el = document.querySelector('#threadline').shadowRoot.activeElement;
      return el?.matches('article.tl-comment') && el.textContent.includes(t);
    }, text, { timeout: 15_000 });
    const landed = await focused(page);
    assert.equal(landed.tag, 'article', 'focus is on the new comment');
    const said = await page.locator('#threadline .tl-sr-only[role="status"]').textContent();
    assert.equal(said.replace('\u200B', ''), 'Your comment is posted.', 'the live region says so');
    const stored = (await fetchThread(server.api)).comments.find((c) => c.text === text);
    assert.deepEqual([String(stored?.id), String(stored?.parent)], [landed.comment, parent], 'the comment focused is the one stored');

    // Another comment's form, closed with its Cancel button.
    const other = await tabTo(page, (f) => f.classes.includes('tl-reply') && f.comment !== landed.comment, 'another Reply button');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).tag, 'textarea');
    await tabTo(page, (f) => f.classes.includes('tl-cancel'), 'the Cancel button');
    await page.keyboard.press('Enter');
    const back = await focused(page);
    assert.deepEqual([back.classes.includes('tl-reply'), back.comment], [true, other.comment], 'Cancel gives focus back to Reply');

    // The same with Escape.
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).form, 'reply');
    await page.keyboard.press('Escape');
    const escaped = await focused(page);
    assert.deepEqual([escaped.classes.includes('tl-reply'), escaped.comment], [true, other.comment], 'Escape gives focus back to Reply');
    assert.equal(await page.locator(`form[data-form="reply"][data-parent="${other.comment}"]`).count(), 0, 'the form closed');

    assert.deepEqual(await page.evaluate(() => window.__pointer), [], 'no pointer event');
  });

  test('every target is at least 24 × 24 px', LIMIT, async () => {
    const small = await reader.page.evaluate(() => {
      const root = document.querySelector('#threadline').shadowRoot;
      // Links inside a comment's text are exempt (WCAG 2.5.8: inline in a sentence).
      return [...root.querySelectorAll('button, a, input:not([type=hidden]), textarea, select')]
        .filter((el) => !el.closest('.tl-body, .tl-hp'))
        .map((el) => ({ el: el.outerHTML.slice(0, 100), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
        .map(({ el, box }) => `${Math.round(box.width)}x${Math.round(box.height)} ${el}`);
    });
    assert.deepEqual(small, [], 'targets under 24 px');
  });
});
