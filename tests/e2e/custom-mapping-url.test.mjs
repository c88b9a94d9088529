// A custom mapping given by URL (`data-mapping="/mappings/….json"`), end to end. Until the
// widget has fetched such a mapping it can only guess what the backend does (posting, paging, a
// website field, an optional email, one character at least); once the mapping is there, the
// form must follow the mapping's own rules. Each check runs twice: with the mapping inline,
// which the widget reads at once (the control), and with the same mapping by URL, served over
// HTTP on the page's origin. The API is the Commento++ one of custom-backend.test.mjs
// (commento.mjs), with two variants of its worked mapping:
//   read-only  no `post` section: the comments are listed, and there is no form and no Reply;
//   strict     `email_required` and `min_text: 20`: the form says the email is required, and a
//              comment without an email, or shorter than 20 characters, is refused at the form.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commentoFixtures, playCommento } from './commento.mjs';
import { launchBrowser, startStaticServer } from './harness.mjs';
import { commentWithText, fillForm, renderedComments, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 60_000 };
const MIN_TEXT = 20;
const EMAIL = 'strict.reader@example.org';

describe('a custom mapping given by URL', () => {
  let host;
  let browser;
  let list;
  let posted;
  /** The mappings served at `/mappings/<name>.json`, by path. */
  const served = new Map();
  /** Paths of the mapping files the page asked for. */
  const fetched = [];

  before(async () => {
    const fixtures = await commentoFixtures();
    list = fixtures.list;
    const readOnly = structuredClone(fixtures.mapping);
    readOnly.name = 'Commento++, read only';
    delete readOnly.post;
    const strict = structuredClone(fixtures.mapping);
    strict.name = 'Commento++, strict';
    strict.post.body.email = '{email}';
    strict.post.email_required = true;
    strict.post.min_text = MIN_TEXT;
    served.set('/mappings/read-only.json', readOnly);
    served.set('/mappings/strict.json', strict);

    host = await startStaticServer();
    browser = await launchBrowser();
    posted = await playCommento(browser.page, list);
    await browser.page.route('**/mappings/*.json', (route) => {
      const { pathname } = new URL(route.request().url());
      fetched.push(pathname);
      const mapping = served.get(pathname);
      if (!mapping) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'no such mapping' });
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(mapping) });
    });
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  /**
   * Opens the thread with the mapping at `file`, given `how` ('inline' or 'by URL'), and waits
   * until the widget is ready and shows every comment of the list answer.
   */
  async function open(file, how) {
    const { page, problems } = browser;
    fetched.length = 0;
    const mapping = how === 'inline' ? JSON.stringify(served.get(file)) : file;
    await page.goto(host.pageUrl({ api: host.origin, backend: 'custom', thread: '/post/1', mapping }));
    await showThread(page, { problems });
    const want = list.comments.filter((c) => c.commentHex).length;
    await page.locator('article.tl-comment').nth(want - 1).waitFor({ state: 'attached' });
    assert.equal((await renderedComments(page)).length, want, 'every comment of the list answer is rendered');
    assert.deepEqual(fetched, how === 'inline' ? [] : [file], 'where the mapping came from');
    return page;
  }

  for (const how of ['inline', 'by URL']) {
    test(`read-only mapping ${how}: the comments are listed, with no form and no Reply button`, LIMIT, async () => {
      const page = await open('/mappings/read-only.json', how);
      // The thread is rendered (ready, every comment in the DOM): what is not there now is not
      // on its way.
      const shown = await page.evaluate(() => {
        const root = document.querySelector('#threadline').shadowRoot;
        return {
          forms: [...root.querySelectorAll('form')].map((f) => f.dataset.form ?? f.className),
          replyButtons: root.querySelectorAll('button.tl-reply').length,
        };
      });
      assert.deepEqual(shown, { forms: [], replyButtons: 0 }, 'a mapping without `post` shows no form and no Reply');
    });

    test(`strict mapping ${how}: email required, ${MIN_TEXT} characters, checked before sending`, LIMIT, async () => {
      const page = await open('/mappings/strict.json', how);
      // Not emptied: playCommento numbers new comments by how many were posted.
      const before = posted.length;
      const form = topForm(page);
      await form.waitFor({ state: 'visible' });
      const label = await form.locator('.tl-field-email label').textContent();
      assert.match(label, /required/i, `the email label says it is required: ${JSON.stringify(label)}`);
      const website = await form.locator('input[name="website"]').count();
      assert.equal(website, 0, 'no website field: the post body has no {website}');

      const text = uniqueText('A comment long enough for the strict mapping.');
      assert.ok(text.length >= MIN_TEXT);
      // The reader's identity is remembered after a post: empty the email explicitly.
      await fillForm(form, { author: 'Strict Reader', email: '', text });
      await form.locator('button.tl-submit').click();
      await form.locator('.tl-field-error[data-field="email"]').waitFor({ state: 'visible' });

      await fillForm(form, { email: EMAIL, text: 'Too short.' });
      await form.locator('button.tl-submit').click();
      const short = form.locator('.tl-field-error[data-field="text"]');
      await short.waitFor({ state: 'visible' });
      assert.match(await short.textContent(), new RegExp(String(MIN_TEXT)), 'the text error names the minimum');

      // The definite end of "nothing was sent": a valid comment posted after both refusals
      // reaches the API, and it is the first and only request.
      await fillForm(form, { text });
      await form.locator('button.tl-submit').click();
      await commentWithText(page, text);
      const sent = posted.slice(before);
      assert.equal(sent.length, 1, `one post, the valid one: ${JSON.stringify(sent)}`);
      assert.equal(sent[0].markdown, text);
      assert.equal(sent[0].email, EMAIL, 'the body template filled {email}');
    });
  }
});
