// A hostile host stylesheet must not move anything inside the widget: the shadow root and the
// widget's :host rules keep the layout of every comment where it was.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { showThread } from './widget.mjs';

/** Everything a careless host page might do. Font size on the host element itself is left out
 *  on purpose: the widget inherits the host's font by design. */
const HOSTILE_CSS = `
* { margin: 23px !important; padding: 11px !important; border: 2px dashed red !important;
    box-sizing: content-box !important; line-height: 4 !important; letter-spacing: 3px !important;
    float: left; width: 50px; }
p, article, div, button, form, input { display: inline !important; margin: 40px !important; }
p { font-size: 30px !important; }
`;

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.dispose();
});

/**
 * The sheet's `* { float: left; width: 50px }` also narrows the host's ancestors, and no widget
 * can keep its layout when the page gives it 50px (nor should it: it reflows to the width it is
 * given). So the ancestors of `#threadline` keep their content width and block display through
 * inline `!important` styles, which outrank the sheet; everything else in the sheet applies,
 * including on `#threadline` itself, where only the widget's own `:host` rules can defend it.
 */
function pinAvailableWidth(page) {
  return page.evaluate(() => {
    for (let el = document.querySelector('#threadline').parentElement; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const [property, value] of [
        ['width', `${width}px`],
        ['box-sizing', 'content-box'],
        ['display', 'block'],
        ['float', 'none'],
      ]) {
        el.style.setProperty(property, value, 'important');
      }
    }
  });
}

/** Each comment's border box relative to the `#threadline` host's, keyed by comment id. */
function commentRects(page) {
  return page.evaluate(() => {
    const host = document.querySelector('#threadline');
    const h = host.getBoundingClientRect();
    return Object.fromEntries(
      [...host.shadowRoot.querySelectorAll('article.tl-comment')].map((el) => {
        const r = el.getBoundingClientRect();
        return [el.id, { x: r.left - h.left, y: r.top - h.top, width: r.width, height: r.height }];
      }),
    );
  });
}

test('a hostile host stylesheet does not move or resize any comment', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  await page.goto(`${server.url}/`);
  await showThread(page, { problems });

  const before = await commentRects(page);
  assert.ok(Object.keys(before).length > 0, 'comments are rendered');

  await pinAvailableWidth(page);
  await page.addStyleTag({ content: HOSTILE_CSS });
  // Two animation frames: the new sheet is applied and laid out.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.ok(
    await page.evaluate(() => getComputedStyle(document.body).letterSpacing === '3px'),
    'the hostile sheet is in effect on the host page',
  );

  const afterwards = await commentRects(page);
  assert.deepEqual(Object.keys(afterwards).sort(), Object.keys(before).sort());
  const moved = [];
  for (const [id, was] of Object.entries(before)) {
    const now = afterwards[id];
    for (const key of ['x', 'y', 'width', 'height']) {
      if (Math.abs(now[key] - was[key]) > 1) moved.push(`${id}.${key}: ${was[key].toFixed(1)} -> ${now[key].toFixed(1)}`);
    }
  }
  assert.deepEqual(moved, [], 'every comment keeps its box within 1px');
});
