// Content warnings on Threadline's own server (issue 12): a warned comment shows its warning and
// a Show button, never its text until the reader asks; an author adds a warning from the form,
// which survives a reload like the text, and a second reader sees it warned. A warning is text,
// never markup.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, startServer } from './harness.mjs';
import { commentWithText, fillForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 60_000 };

describe('content warnings on the native backend', () => {
  let server;
  let reader;
  let other;

  before(async () => {
    server = await startServer();
    reader = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    other = await launchBrowser({ viewport: { width: 360, height: 800 } });
    for (const b of [reader, other]) {
      await b.page.goto(`${server.url}/`);
      await showThread(b.page, { problems: b.problems });
    }
  }, LIMIT);

  after(async () => {
    await reader?.close();
    await other?.close();
    await server?.dispose();
  });

  /** The warning, toggle and body of comment `id`, as the reader's page shows them. */
  const warned = (page, id) =>
    page.evaluate((domId) => {
      const article = document.querySelector('#threadline').shadowRoot.getElementById(domId);
      const own = (sel) => [...article.querySelectorAll(sel)].find((el) => el.closest('article.tl-comment') === article);
      const button = own('button.tl-warning-toggle');
      return {
        warning: own('.tl-warning-text')?.textContent ?? null,
        expanded: button?.getAttribute('aria-expanded') ?? null,
        controls: button ? article.querySelector(`#${button.getAttribute('aria-controls')}`) !== null : null,
        body: own('.tl-body')?.textContent ?? null,
        markup: own('.tl-warning-text')?.children.length ?? null,
      };
    }, `comment-${id}`);

  test('a seeded warned comment hides its text until the reader asks', LIMIT, async () => {
    const seeded = (await fetchThread(server.api)).comments.find((c) => c.warning);
    assert.ok(seeded, 'the demo thread has a warned comment');
    const page = reader.page;
    assert.deepEqual(await warned(page, seeded.id), {
      warning: seeded.warning,
      expanded: 'false',
      controls: true,
      body: null,
      markup: 0,
    });
    const toggle = page.locator(`#comment-${seeded.id} button.tl-warning-toggle`).first();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator(`#comment-${seeded.id} .tl-body`).first().waitFor({ state: 'visible' });
    const shown = await warned(page, seeded.id);
    assert.equal(shown.expanded, 'true');
    assert.ok(shown.body.includes(seeded.text.slice(0, 24)), `the text shows: ${shown.body}`);
    await toggle.click();
    assert.equal((await warned(page, seeded.id)).body, null, 'Hide hides it again');
  });

  test('an author adds a warning that survives a reload, and another reader sees it warned', LIMIT, async () => {
    const page = reader.page;
    const form = topForm(page);
    assert.equal(await form.locator('input[name="warning"]').count(), 0, 'the field waits behind its button');
    await form.locator('button.tl-add-warning').click();
    const field = form.locator('input[name="warning"]');
    await field.waitFor();
    assert.equal(
      await field.evaluate((el) => el.getRootNode().activeElement === el),
      true,
      'opening the field moves focus into it',
    );
    assert.equal(await field.evaluate((el) => el.labels.length), 1, 'the field has its label');
    const text = uniqueText('What happens in the last chapter, in detail.');
    const warning = '<b>Spoilers</b> for the last chapter';
    await field.fill(warning);
    await fillForm(form, { author: 'Warned Author', text });

    // A reload keeps the warning with the text.
    await page.reload();
    await showThread(page, { problems: reader.problems });
    const again = topForm(page);
    assert.equal(await again.locator('input[name="warning"]').inputValue(), warning);
    assert.equal(await again.locator('textarea[name="text"]').inputValue(), text);
    assert.equal(await again.locator('input[name="author"]').inputValue(), 'Warned Author', 'and the name');
    await again.locator('button.tl-submit').click();

    const stored = await waitForStored(text);
    assert.equal(stored.warning, warning, 'the server stored the warning as typed');
    assert.equal(await again.locator('input[name="warning"]').count(), 0, 'a posted warning leaves the form');
    assert.equal(await again.locator('textarea[name="text"]').inputValue(), '');

    // The author sees their own comment warned, as everyone does.
    const own = await warned(page, stored.id);
    assert.equal(own.warning, warning);
    assert.equal(own.markup, 0, 'the warning is text, not markup');

    await other.page.reload();
    await showThread(other.page, { problems: other.problems });
    await other.page.locator(`#comment-${stored.id} .tl-warning-text`).first().waitFor();
    const seen = await warned(other.page, stored.id);
    assert.deepEqual([seen.warning, seen.expanded, seen.body, seen.markup], [warning, 'false', null, 0]);
    await other.page.locator(`#comment-${stored.id} button.tl-warning-toggle`).first().click();
    await commentWithText(other.page, text);
    assert.deepEqual(reader.problems, []);
    assert.deepEqual(other.problems, []);
  });

  test('a warning too long is refused in the form, naming the field, and nothing is lost', LIMIT, async () => {
    const page = reader.page;
    const form = topForm(page);
    await form.locator('button.tl-add-warning').click();
    await form.locator('input[name="warning"]').fill('w'.repeat(101));
    const text = uniqueText('A comment whose warning is too long.');
    await fillForm(form, { author: 'Warned Author', text });
    await form.locator('button.tl-submit').click();
    const error = form.locator('.tl-field-error[data-field="warning"]');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Too long: at most 100 characters.', 'beside the warning field');
    assert.equal(await form.locator('textarea[name="text"]').inputValue(), text, 'the text is kept');
    assert.ok(!(await fetchThread(server.api)).comments.some((c) => c.text === text), 'nothing was posted');
  });

  async function waitForStored(text) {
    for (let i = 0; i < 100; i += 1) {
      const found = (await fetchThread(server.api)).comments.find((c) => c.text === text);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no stored comment with text ${text}`);
  }
});
