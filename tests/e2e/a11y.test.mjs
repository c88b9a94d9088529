// Accessibility you can prove (issue 14, its first part): axe-core finds no WCAG 2.x A or AA
// violation in the widget's states, in English and the light theme: the thread, an open reply
// form, its preview, a field error, the report dialog, the load error with Retry, and moderator
// mode with its Queue; and in the dark theme on a dark page. Right to left: on an Arabic host page
// the widget does not widen the page. (The other languages come with their catalogues.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, formatViolations } from './axe.mjs';
import { fetchThread, launchBrowser, startServer } from './harness.mjs';
import { open, signInToken } from './moderator-kit.mjs';
import { clickOwnReply, openReader, replyForm, showThread, topForm, waitForState } from './widget.mjs';

const LIMIT = { timeout: 90_000 };

async function noViolations(page, what, options) {
  const found = await axeViolations(page, options);
  assert.deepEqual(found.map((v) => v.id), [], `${what}:\n${formatViolations(found)}`);
}

describe('axe-core over the widget (English, light)', () => {
  let server;
  let reader;

  before(async () => {
    server = await startServer({ extraArgs: ['--demo-moderator'] });
    reader = await openReader(server);
  }, LIMIT);

  after(async () => {
    await reader?.close();
    await server?.dispose();
  });

  test('the thread', LIMIT, async () => {
    await noViolations(reader.page, 'the thread');
  });

  test('an open reply form, its preview, and a field error', LIMIT, async () => {
    const { page } = reader;
    const parent = (await fetchThread(server.api)).comments.find((c) => c.parent === null).id;
    await clickOwnReply(page, parent);
    const form = replyForm(page, parent);
    await form.waitFor();
    await form.locator('textarea').fill('A *reply* with a [link](https://example.org).');
    await noViolations(page, 'an open reply form');
    await form.locator('button.tl-preview').click();
    await form.locator('.tl-preview-pane').waitFor();
    await noViolations(page, 'the preview');
    await topForm(page).locator('button.tl-submit').click();
    await topForm(page).locator('.tl-field-error').first().waitFor();
    await noViolations(page, 'a field error');
  });

  test('the report dialog', LIMIT, async () => {
    const { page } = reader;
    await page.locator('button.tl-report').first().click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    // The thread behind a modal dialog is inert: the dialog is what a reader meets.
    await noViolations(page, 'the report dialog', { include: 'dialog[open]' });
    await page.keyboard.press('Escape');
  });

  test('the load error with Retry', LIMIT, async () => {
    const { page, problems } = reader;
    await page.route('**/api/comments?*', (route) => route.abort());
    try {
      await page.reload();
      await page.locator('#threadline').scrollIntoViewIfNeeded();
      await waitForState(page, 'error', { problems });
      await noViolations(page, 'the load error');
    } finally {
      await page.unroute('**/api/comments?*');
      problems.length = 0;
    }
  });

  test('moderator mode and its Queue', LIMIT, async () => {
    const moderator = await open(server, { hash: `#threadline-signin=${await signInToken(server)}` });
    try {
      const { page } = moderator;
      await page.locator('.tl-modbar').waitFor();
      await noViolations(page, 'moderator mode');
      await page.locator('button.tl-tab[data-tab="queue"]').click();
      await page.locator('.tl-queue[data-state="ready"]').waitFor();
      await noViolations(page, 'the Queue');
    } finally {
      await moderator.close();
    }
  });
});

describe('axe-core over the widget (English, dark)', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** A dark article page whose container asks for `theme` (or the script does, with `onScript`). */
  async function darkPage(page, theme, { onScript = false } = {}) {
    const on = `data-theme="${theme}"`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night edition</title>
      <style>body { background: #121316; color: #e3e3e3; font-family: sans-serif; }</style></head>
      <body><main><h1>Night edition</h1><div id="threadline" ${onScript ? '' : on}></div>
      <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="/2026/11/alder-falls-riverfront"
        data-loading="eager" ${onScript ? on : ''} defer></script></main></body></html>`;
    await page.route(`${server.url}/night.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${server.url}/night.html`);
    await showThread(page, { problems: browser.problems });
  }

  const accent = (page) => page.evaluate(() =>
    getComputedStyle(document.querySelector('#threadline')).getPropertyValue('--tl-accent').trim());

  test('the thread, a reply form with its preview, and the report dialog', LIMIT, async () => {
    const { page } = browser;
    await darkPage(page, 'dark');
    assert.equal(await accent(page), '#8ab4f8', 'the dark accent');
    await noViolations(page, 'the thread, dark');
    const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
    await clickOwnReply(page, parent);
    const form = replyForm(page, parent);
    await form.locator('textarea').fill('A *reply* at night.');
    await noViolations(page, 'a reply form, dark');
    await form.locator('button.tl-preview').click();
    await noViolations(page, 'the preview, dark');
    await page.locator('button.tl-report').first().click();
    await page.locator('dialog[open]').waitFor();
    await noViolations(page, 'the report dialog, dark', { include: 'dialog[open]' });
    await page.keyboard.press('Escape');
  });

  test('"auto" follows the reader\'s colour scheme, and the script can set it for every container', LIMIT, async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    await darkPage(page, 'auto', { onScript: true });
    assert.equal(await page.locator('#threadline').getAttribute('data-theme'), 'auto', 'copied from the script');
    assert.equal(await accent(page), '#8ab4f8', 'dark when the reader prefers dark');
    await noViolations(page, 'the thread, auto in a dark scheme');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await accent(page), '#2b62c9', 'light when the reader prefers light');
  });
});

describe('right to left', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  test('on an Arabic page at 360 px the widget, with a reply form open, does not widen the page', LIMIT, async () => {
    browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
    const { page, problems } = browser;
    const html = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width"><title>مقال</title></head>
      <body><main><h1>مقال</h1><div id="threadline"></div>
      <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="/2026/11/alder-falls-riverfront" data-loading="eager" defer></script>
      </main></body></html>`;
    await page.route(`${server.url}/ar.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${server.url}/ar.html`);
    await showThread(page, { problems });
    const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
    await clickOwnReply(page, parent);
    await replyForm(page, parent).waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: innerWidth }));
    assert.equal(widths.scroll, widths.view, `the page scrolls sideways: ${JSON.stringify(widths)}`);
  });
});
