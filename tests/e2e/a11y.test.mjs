// Accessibility you can prove (issue 14): axe-core finds no WCAG 2.x A or AA violation in the
// widget's states: the thread, an open reply form, its preview, a field error, the report
// dialog, the load error with Retry, and moderator mode with its Queue; in English and in
// Arabic (right to left), each in the light and the dark theme. "auto" follows the reader's
// colour scheme. Right to left: on an Arabic host page the widget does not widen the page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, formatViolations } from './axe.mjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, launchBrowser, startServer } from './harness.mjs';
import { open, signInToken } from './moderator-kit.mjs';
import { clickOwnReply, replyForm, showThread, topForm, waitForState } from './widget.mjs';

const LIMIT = { timeout: 120_000 };
const THREAD = '/2026/11/alder-falls-riverfront';

async function noViolations(page, what, options) {
  const found = await axeViolations(page, options);
  assert.deepEqual(found.map((v) => v.id), [], `${what}:\n${formatViolations(found)}`);
}

/** An article page in `lang` whose script asks for `theme`, on dark paper for the dark theme. */
function hostPage(server, { lang, theme, paper: shade = theme }) {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const paper = shade === 'dark' ? 'background: #121316; color: #e3e3e3;' : 'background: #ffffff; color: #1b1f23;';
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>Article</title>
    <style>body { ${paper} font-family: sans-serif; }</style></head>
    <body><main><h1>Article</h1><div id="threadline"></div>
    <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="${THREAD}"
      data-loading="eager" data-theme="${theme}" defer></script></main></body></html>`;
}

/** Opens the host page for `combo` in `page` (served by a route, on the server's origin). */
async function openHost(page, server, combo, problems) {
  const url = `${server.url}/a11y-${combo.lang}-${combo.theme}.html`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: hostPage(server, combo) }));
  await page.goto(url);
  await showThread(page, { problems });
}

const COMBOS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'ar', theme: 'light' },
  { lang: 'ar', theme: 'dark' },
];

describe('axe-core over every state, in English and Arabic, light and dark', () => {
  let server;
  let moderator;

  before(async () => {
    server = await startServer({ extraArgs: ['--demo-moderator'] });
    // One moderator session for every page of this origin (it is kept in localStorage).
    moderator = await open(server, { hash: `#threadline-signin=${await signInToken(server)}` });
    await moderator.page.locator('.tl-modbar').waitFor();
  }, LIMIT);

  after(async () => {
    await moderator?.close();
    await server?.dispose();
  });

  for (const combo of COMBOS) {
    const name = `${combo.lang === 'ar' ? 'Arabic' : 'English'}, ${combo.theme}`;

    test(`reader: thread, reply form, preview, field error, report dialog, load error (${name})`, LIMIT, async () => {
      const browser = await launchBrowser();
      try {
        const { page, problems } = browser;
        await openHost(page, server, combo, problems);
        const root = page.locator('#threadline .tl-root');
        assert.deepEqual(
          [await root.getAttribute('lang'), await root.getAttribute('dir')],
          [combo.lang, combo.lang === 'ar' ? 'rtl' : 'ltr'],
          'the widget speaks the page\'s language, in its direction',
        );
        const heading = await page.locator('#threadline h2.tl-title').textContent();
        assert.equal(/[\u0600-\u06FF]/.test(heading), combo.lang === 'ar', `the heading: ${heading}`);
        await noViolations(page, `the thread (${name})`);

        const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
        await clickOwnReply(page, parent);
        const form = replyForm(page, parent);
        await form.waitFor();
        await form.locator('textarea').fill('A *reply* with a [link](https://example.org).');
        await noViolations(page, `an open reply form (${name})`);
        await form.locator('button.tl-preview').click();
        await form.locator('.tl-preview-pane').waitFor();
        await noViolations(page, `the preview (${name})`);
        await topForm(page).locator('button.tl-submit').click();
        await topForm(page).locator('.tl-field-error').first().waitFor();
        await noViolations(page, `a field error (${name})`);

        await page.locator('button.tl-report').first().click();
        await page.locator('dialog[open]').waitFor();
        // The thread behind a modal dialog is inert: the dialog is what a reader meets.
        await noViolations(page, `the report dialog (${name})`, { include: 'dialog[open]' });
        await page.keyboard.press('Escape');

        await page.route('**/api/comments?*', (route) => route.abort());
        await page.reload();
        await page.locator('#threadline').scrollIntoViewIfNeeded();
        await waitForState(page, 'error', { problems });
        problems.length = 0;
        await noViolations(page, `the load error (${name})`);
      } finally {
        await browser.close();
      }
    });

    test(`moderator mode and its Queue (${name})`, LIMIT, async () => {
      const { page, problems } = moderator;
      await openHost(page, server, combo, problems);
      await page.locator('.tl-modbar').waitFor();
      await noViolations(page, `moderator mode (${name})`);
      await page.locator('button.tl-tab[data-tab="queue"]').click();
      await page.locator('.tl-queue[data-state="ready"]').waitFor();
      await noViolations(page, `the Queue (${name})`);
    });
  }
});

describe('the theme "auto"', () => {
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

  const accent = (page) => page.evaluate(() =>
    getComputedStyle(document.querySelector('#threadline')).getPropertyValue('--tl-accent').trim());

  test('follows the reader\'s colour scheme, set on the script for every container', LIMIT, async () => {
    const { page, problems } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    await openHost(page, server, { lang: 'en', theme: 'auto', paper: 'dark' }, problems);
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
    // Arabic and Hebrew among the demo's English comments: the thread is mixed.
    for (const [author, text] of [['ليلى', 'شكرا على هذا المقال المفيد.'], ['נועה', 'תודה על הכתבה.']]) {
      await post(server, THREAD, author, text);
    }
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** A right-to-left host page in `lang` showing `thread`. */
  async function rtlPage(page, lang, thread, problems) {
    const html = `<!doctype html><html lang="${lang}" dir="rtl"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width"><title>مقال</title></head>
      <body><main><h1>מאמר · مقال</h1><div id="threadline" data-thread="${thread}"></div>
      <script src="${server.url}/threadline.js" data-api="${server.api}" data-loading="eager" defer></script>
      </main></body></html>`;
    const url = `${server.url}/rtl-${lang}-${encodeURIComponent(thread).replace(/%/g, '')}.html`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(url);
    await showThread(page, { problems });
  }

  for (const lang of ['ar', 'he']) {
    test(`${lang}: right to left at 360 px, with a reply form open, and nothing widens the page`, LIMIT, async () => {
      browser ??= await launchBrowser({ viewport: { width: 360, height: 800 } });
      const { page, problems } = browser;
      await rtlPage(page, lang, THREAD, problems);
      const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
      await clickOwnReply(page, parent);
      await replyForm(page, parent).waitFor();
      const seen = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        const direction = (el) => getComputedStyle(el).direction;
        return {
          scroll: document.documentElement.scrollWidth,
          view: innerWidth,
          widget: direction(root.querySelector('.tl-root')),
          comments: [...new Set([...root.querySelectorAll('article.tl-comment')].map(direction))],
          times: [...root.querySelectorAll('.tl-time')].map((t) => t.textContent),
        };
      });
      assert.equal(seen.scroll, seen.view, `the page scrolls sideways: ${JSON.stringify(seen)}`);
      assert.deepEqual([seen.widget, seen.comments], ['rtl', ['rtl']], 'the widget and every comment');
      const script = lang === 'ar' ? /[\u0600-\u06FF]/ : /[\u0590-\u05FF]/;
      assert.ok(seen.times.length > 0 && seen.times.every((t) => script.test(t) && !/ago/.test(t)), `localised times: ${seen.times}`);
    });
  }

  test('Arabic\'s six plural forms, through the count line', LIMIT, async () => {
    browser ??= await launchBrowser({ viewport: { width: 360, height: 800 } });
    const { page, problems } = browser;
    const forms = JSON.parse(await readFile(path.join(ROOT, 'src', 'i18n', 'messages', 'ar.json'), 'utf8')).comment_count;
    const rules = new Intl.PluralRules('ar');
    const digits = new Intl.NumberFormat('ar');
    const seen = new Set();
    for (const n of [0, 1, 2, 3, 11, 100]) {
      const thread = `/plural/${n}`;
      for (let i = 0; i < n; i++) await post(server, thread, 'قارئ', `تعليق رقم ${i + 1}`);
      await rtlPage(page, 'ar', thread, problems);
      const line = (await page.locator('#threadline h2.tl-title').textContent()).trim();
      assert.equal(line, forms[rules.select(n)].replace('{n}', digits.format(n)), `${n} comments`);
      seen.add(line.replace(/[\d\u0660-\u0669]+/g, ''));
    }
    assert.equal(seen.size, 6, `six different forms: ${[...seen].join(' | ')}`);
  });
});

/** Posts a comment straight to the API. */
async function post(server, thread, author, text) {
  const res = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread, author, text }),
  });
  assert.equal(res.status, 201, await res.text());
}
