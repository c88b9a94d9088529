// Screenshots of the demo article with a thread from a custom mapping (issue 12), phone and
// desktop width, written to target/screenshots/ for people to look at: a pinned comment with
// links from link ranges, an edited one, one behind a content warning, and "4 more replies",
// before and after the reader opens them. The API is played by request interception from
// tests/e2e/custom-demo/ (a made-up discussion API; the mapping is written for it).

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CONTENT_TYPES, launchBrowser, requireEnv, screenshotDir } from './harness.mjs';
import { showThread } from './widget.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const DEMO = path.join(HERE, 'custom-demo');
let server;
let origin;
let dir;

before(async () => {
  const dist = path.resolve(requireEnv('THREADLINE_DIST'));
  const article = await readFile(path.join(dist, 'index.html'), 'utf8');
  // The demo article, its container pointed at the demo API through the demo mapping.
  const page = article.replace(
    /<div id="threadline"[^>]*><\/div>/,
    '<div id="threadline" data-thread="alder-falls" data-backend="custom" data-mapping="/demo/mapping.json" data-api="/demo/api"></div>',
  );
  assert.notEqual(page, article, 'the demo article has a #threadline container');
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url, origin);
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') return send(CONTENT_TYPES['.html'], page);
    if (url.pathname === '/demo/mapping.json') return send('application/json', await readFile(path.join(DEMO, 'mapping.json')));
    if (url.pathname === '/demo/api/discussions/alder-falls/posts') {
      const file = url.searchParams.get('ids') ? 'more.json' : 'list.json';
      return send('application/json', await readFile(path.join(DEMO, file)));
    }
    const file = path.resolve(dist, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(dist + path.sep)) return res.writeHead(404).end();
    try {
      return send(CONTENT_TYPES[path.extname(file)] || 'application/octet-stream', await readFile(file));
    } catch {
      return res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  dir = screenshotDir();
  await mkdir(dir, { recursive: true });
});

after(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

for (const viewport of [
  { width: 360, height: 780 },
  { width: 1280, height: 900 },
]) {
  test(`custom mapping screenshots at ${viewport.width}x${viewport.height}`, { timeout: 60_000 }, async () => {
    const browser = await launchBrowser({ viewport });
    try {
      const { page, problems } = browser;
      await page.goto(`${origin}/`);
      await showThread(page, { problems });
      await page.evaluate(() => document.fonts.ready);
      const card = (id) => page.locator(`#comment-${id} > .tl-card`);
      assert.equal(await card('p1').locator('.tl-body a').count(), 2, 'the pinned comment has its two links');
      assert.equal(await card('p3').locator('.tl-edited').count(), 1);
      assert.equal(await card('p4').locator('.tl-warning-toggle').getAttribute('aria-expanded'), 'false');
      const more = page.locator('#comment-p2 > .tl-more-replies button');
      assert.equal(await more.textContent(), '4 more replies');

      const overflow = () =>
        page.evaluate(() => {
          const root = document.querySelector('#threadline').shadowRoot;
          return [...root.querySelectorAll('.tl-root, article.tl-comment, form.tl-form, .tl-warning, .tl-more-replies')]
            .map((el) => [el.id || el.className, el.getBoundingClientRect().right])
            .filter(([, right]) => right > innerWidth + 1);
        });
      assert.deepEqual(await overflow(), [], 'nothing in the widget sticks out past the right edge');

      await card('p1').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(dir, `custom-${viewport.width}.png`) });
      await page.locator('.tl-list').screenshot({ path: path.join(dir, `custom-${viewport.width}-thread.png`) });

      await more.click();
      await page.locator('#comment-p13').waitFor({ state: 'visible' });
      await card('p4').locator('.tl-warning-toggle').click();
      await card('p4').locator('.tl-body').waitFor({ state: 'visible' });
      assert.deepEqual(await overflow(), [], 'nor once the replies and the hidden body are open');
      await page.locator('.tl-list').screenshot({ path: path.join(dir, `custom-${viewport.width}-opened.png`) });
    } finally {
      await browser.close();
    }
  });
}
