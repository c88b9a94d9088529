// The reader's language (issue 14): chosen from data-lang, else the page's <html lang>, else
// English; only that language's messages are fetched; server errors in the reader's language by
// their code (the server's own words only for a code the widget does not know); names and text
// that keep their own direction in a thread of the other; and no motion when the reader asks.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, THREAD, launchBrowser, startServer } from './harness.mjs';
import { commentWithText, fillForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 60_000 };
const catalogue = async (lang) =>
  JSON.parse(await readFile(path.join(ROOT, 'src', 'i18n', 'messages', `${lang}.json`), 'utf8'));

describe('the reader\'s language', () => {
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

  /** Opens a host page with `<html lang=pageLang>` and `data-lang` on the container, if any. */
  async function host({ pageLang, dataLang, name }) {
    const { page, problems } = browser;
    const html = `<!doctype html><html lang="${pageLang}"><head><meta charset="utf-8"><title>t</title></head>
      <body><div id="threadline" ${dataLang ? `data-lang="${dataLang}"` : ''}></div>
      <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="${THREAD}" data-loading="eager" defer></script>
      </body></html>`;
    const url = `${server.url}/${name}.html`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    const fetched = [];
    const listen = (request) => {
      const p = new URL(request.url()).pathname;
      if (p.startsWith('/lang/')) fetched.push(p.split('/').pop().split('-')[0]);
    };
    page.on('request', listen);
    await page.goto(url);
    await showThread(page, { problems });
    page.off('request', listen);
    const root = page.locator('#threadline .tl-root');
    return {
      lang: await root.getAttribute('lang'),
      dir: await root.getAttribute('dir'),
      title: await page.locator('#threadline h2.tl-title').textContent(),
      post: await page.locator('#threadline button.tl-submit').first().textContent(),
      fetched,
    };
  }

  test('data-lang wins over the page, the page over English, and only that language is fetched', LIMIT, async () => {
    const fr = await catalogue('fr');
    const seen = await host({ pageLang: 'de', dataLang: 'fr', name: 'de-fr' });
    assert.deepEqual([seen.lang, seen.dir, seen.post], ['fr', 'ltr', fr.post]);
    assert.deepEqual(seen.fetched, ['fr'], 'one language file, the reader\'s');

    const he = await catalogue('he');
    const hebrew = await host({ pageLang: 'he-IL', name: 'he' });
    assert.deepEqual([hebrew.lang, hebrew.dir, hebrew.post], ['he', 'rtl', he.post], 'the page\'s language, right to left');

    const pt = await catalogue('pt');
    const brazil = await host({ pageLang: 'pt-BR', name: 'pt' });
    assert.deepEqual([brazil.lang, brazil.post], ['pt', pt.post], 'a region picks its language');

    const en = await catalogue('en');
    const unknown = await host({ pageLang: 'xx', name: 'xx' });
    assert.deepEqual([unknown.lang, unknown.post, unknown.fetched], ['en', en.post, ['en']], 'else English');
  });

  test('a known error code is worded in the reader\'s language; an unknown one keeps the server\'s words', LIMIT, async () => {
    const { page } = browser;
    const ar = await catalogue('ar');
    await host({ pageLang: 'ar', name: 'ar-errors' });
    let answer = { code: 'thread_locked', message: 'This thread is locked (server words).' };
    await page.route('**/api/comments', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: answer }) })
        : route.continue());
    const form = topForm(page);
    await fillForm(form, { author: 'سارة', text: uniqueText('نص') });
    await form.locator('button.tl-submit').click();
    const error = form.locator('.tl-form-error');
    await error.waitFor();
    assert.equal(await error.textContent(), ar['error.thread_locked']);

    answer = { code: 'thread_key_refused', message: 'Only /posts/ threads here (server words).' };
    await form.locator('button.tl-submit').click();
    await page.waitForFunction(() => document.querySelector('#threadline').shadowRoot
      .querySelector('.tl-form-error')?.textContent.includes('server words'));
    assert.equal(await error.textContent(), answer.message);
    await page.unroute('**/api/comments');
  });

  test('an Arabic name and text keep their direction in an English thread, English text in an Arabic one', LIMIT, async () => {
    const { page } = browser;
    const arabic = `مرحبا بالجميع ${Date.now()}`;
    const english = uniqueText('Plain English');
    for (const [author, text] of [['سارة', arabic], ['Sam', english]]) {
      const res = await fetch(`${server.api}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: THREAD, author, text }),
      });
      assert.equal(res.status, 201);
    }
    const directions = async (text) => {
      await commentWithText(page, text);
      return page.evaluate((t) => {
        const root = document.querySelector('#threadline').shadowRoot;
        const body = [...root.querySelectorAll('.tl-body')].find((b) => b.textContent.includes(t));
        const name = body.closest('article.tl-comment').querySelector('.tl-author');
        return {
          thread: getComputedStyle(root.querySelector('.tl-root')).direction,
          body: getComputedStyle(body.querySelector('p') ?? body).direction,
          nameTag: name.tagName.toLowerCase(),
          nameBidi: getComputedStyle(name).unicodeBidi,
        };
      }, text);
    };
    await host({ pageLang: 'en', name: 'en-bidi' });
    assert.deepEqual(await directions(arabic), { thread: 'ltr', body: 'rtl', nameTag: 'bdi', nameBidi: 'isolate' });
    await host({ pageLang: 'ar', name: 'ar-bidi' });
    assert.deepEqual(await directions(english), { thread: 'rtl', body: 'ltr', nameTag: 'bdi', nameBidi: 'isolate' });
  });

  test('a reader who asks for less motion gets no animation or transition', LIMIT, async () => {
    const { page } = browser;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await host({ pageLang: 'en', name: 'calm' });
    const motion = await page.evaluate(() => {
      const card = document.querySelector('#threadline').shadowRoot.querySelector('.tl-card');
      const style = getComputedStyle(card);
      return [style.transitionDuration, style.animationName];
    });
    assert.deepEqual(motion, ['0s', 'none']);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await host({ pageLang: 'en', name: 'lively' });
    const lively = await page.evaluate(() =>
      getComputedStyle(document.querySelector('#threadline').shadowRoot.querySelector('.tl-card')).transitionDuration);
    assert.notEqual(lively, '0s', 'the transition is there otherwise');
  });
});
