// Screenshots of the demo article with the rendered thread, phone and desktop width, written to
// target/screenshots/ for people to look at. The widget must also fit the narrow screen.

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshotDir, startServer } from './harness.mjs';
import { showThread } from './widget.mjs';

let server;
let dir;

before(async () => {
  server = await startServer();
  dir = screenshotDir();
  await mkdir(dir, { recursive: true });
}, { timeout: 60_000 });

after(async () => {
  await server?.dispose();
});

/** Width and height from a PNG's IHDR chunk; fails on anything that is not a PNG. */
async function pngSize(file) {
  const bytes = await readFile(file);
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

for (const viewport of [
  { width: 360, height: 780 },
  { width: 1280, height: 900 },
]) {
  test(`screenshots at ${viewport.width}x${viewport.height}`, { timeout: 60_000 }, async () => {
    const browser = await launchBrowser({ viewport });
    try {
      const { page, problems } = browser;
      await page.goto(`${server.url}/`);
      await showThread(page, { problems });
      await page.locator('article.tl-comment').first().waitFor({ state: 'visible' });
      await page.evaluate(() => document.fonts.ready);

      const overflow = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        return [...root.querySelectorAll('.tl-root, article.tl-comment, form.tl-form')]
          .map((el) => [el.id || el.className, el.getBoundingClientRect().right])
          .filter(([, right]) => right > innerWidth + 1);
      });
      assert.deepEqual(overflow, [], 'nothing in the widget sticks out past the right edge');

      const full = path.join(dir, `article-${viewport.width}-full.png`);
      await page.screenshot({ path: full, fullPage: true });
      const fullSize = await pngSize(full);
      assert.equal(fullSize.width, viewport.width, `the page scrolls sideways at ${viewport.width}px wide`);
      assert.ok(fullSize.height > viewport.height, 'the full-page shot is taller than the viewport');

      await page.locator('article.tl-comment').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const comments = path.join(dir, `comments-${viewport.width}.png`);
      await page.screenshot({ path: comments });
      const shot = await pngSize(comments);
      assert.deepEqual([shot.width, shot.height], [viewport.width, viewport.height]);
    } finally {
      await browser.close();
    }
  });
}

// An Arabic article page, right to left: the widget mirrors, speaks Arabic, and fits.
for (const viewport of [
  { width: 360, height: 780 },
  { width: 1280, height: 900 },
]) {
  test(`Arabic, right to left, at ${viewport.width}x${viewport.height}`, { timeout: 60_000 }, async () => {
    const browser = await launchBrowser({ viewport });
    try {
      const { page, problems } = browser;
      const html = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width"><title>مقال</title>
        <style>body { font-family: sans-serif; margin: 0 auto; max-width: 42rem; padding: 1rem; color: #1b1f23; }</style></head>
        <body><main><h1>تعليقات القراء</h1><div id="threadline"></div>
        <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="/2026/11/alder-falls-riverfront" data-loading="eager" defer></script>
        </main></body></html>`;
      await page.route(`${server.url}/ar.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      await page.goto(`${server.url}/ar.html`);
      await showThread(page, { problems });
      await page.evaluate(() => document.fonts.ready);
      const layout = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        const section = root.querySelector('.tl-root');
        const reply = root.querySelector('.tl-replies');
        const replyBox = reply?.getBoundingClientRect();
        const parentBox = reply?.closest('article.tl-comment').getBoundingClientRect();
        return {
          dir: getComputedStyle(section).direction,
          // A reply is indented from the right in a right-to-left thread.
          indentedFromRight: replyBox ? parentBox.right - replyBox.right > 4 : null,
          outside: [...root.querySelectorAll('article.tl-comment, form.tl-form')]
            .map((el) => el.getBoundingClientRect())
            .filter((box) => box.left < -1 || box.right > innerWidth + 1).length,
          title: root.querySelector('h2.tl-title').textContent,
        };
      });
      assert.equal(layout.dir, 'rtl');
      assert.equal(layout.indentedFromRight, true, 'replies indent from the right');
      assert.equal(layout.outside, 0, 'nothing sticks out of the page');
      assert.match(layout.title, /[\u0600-\u06FF]/, 'the heading is Arabic');
      await page.locator('article.tl-comment').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const shot = path.join(dir, `comments-ar-${viewport.width}.png`);
      await page.screenshot({ path: shot });
      assert.deepEqual([(await pngSize(shot)).width], [viewport.width]);
    } finally {
      await browser.close();
    }
  });
}

// The demo article's switcher: the comment section in another language and theme, as a visitor
// chooses them above the comments (a GET form; the page applies the choice before the loader).
test('the demo switcher: dark at 1280 px, then Hebrew', { timeout: 60_000 }, async () => {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, problems } = browser;
    await page.goto(`${server.url}/`);
    await showThread(page, { problems });
    await page.selectOption('.demo-settings select[name="theme"]', 'dark');
    await page.click('.demo-settings button[type="submit"]');
    await page.waitForURL(/theme=dark/);
    await showThread(page, { problems });
    const dark = await page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      theme: document.querySelector('#threadline').dataset.theme,
      accent: getComputedStyle(document.querySelector('#threadline')).getPropertyValue('--tl-accent').trim(),
    }));
    assert.deepEqual(dark, { page: 'rgb(18, 19, 22)', theme: 'dark', accent: '#8ab4f8' });
    await page.locator('article.tl-comment').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const shot = path.join(dir, 'comments-dark-1280.png');
    await page.screenshot({ path: shot });
    assert.equal((await pngSize(shot)).width, 1280);

    await page.selectOption('.demo-settings select[name="lang"]', 'he');
    await page.click('.demo-settings button[type="submit"]');
    await page.waitForURL(/lang=he/);
    await showThread(page, { problems });
    const root = page.locator('#threadline .tl-root');
    assert.deepEqual([await root.getAttribute('lang'), await root.getAttribute('dir')], ['he', 'rtl']);
    assert.equal(await page.locator('.demo-settings select[name="theme"]').inputValue(), 'dark', 'the theme stays chosen');
  } finally {
    await browser.close();
  }
});
