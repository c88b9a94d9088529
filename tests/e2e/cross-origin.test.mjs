// The widget embedded on a second origin: the host page comes from the tests' static server,
// the API from the real server started with `--allowed-origin` for that page's origin.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, startServer, startStaticServer } from './harness.mjs';
import {
  commentWithText,
  expandAll,
  fillForm,
  renderedComments,
  revealWidget,
  showThread,
  topForm,
  uniqueText,
  waitForState,
} from './widget.mjs';

const LIMIT = { timeout: 60_000 };

describe('widget on a second origin', () => {
  let host;
  let server;
  let browser;

  before(async () => {
    host = await startStaticServer();
    server = await startServer({ allowedOrigin: host.origin });
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.stop();
  });

  test('loads the thread and posts a comment across origins', LIMIT, async () => {
    const { page, problems } = browser;
    await page.goto(host.pageUrl({ assets: server.origin, api: server.api }));
    assert.equal(new URL(page.url()).origin, host.origin);
    await showThread(page, { problems });
    await expandAll(page);

    const thread = await fetchThread(server.api);
    assert.equal((await renderedComments(page)).length, thread.comments.length);

    const text = uniqueText('Posted from a page on another origin.');
    const form = topForm(page);
    await fillForm(form, { author: 'Cross Origin', text });
    await form.locator('button.tl-submit').click();
    const comment = await commentWithText(page, text);
    assert.equal(comment.parent, '');

    const stored = (await fetchThread(server.api)).comments.find((c) => String(c.id) === comment.id);
    assert.equal(stored?.text, text, 'the comment reached the server');
  });

  test('shows an error with Retry while the API is down, and recovers after a restart', LIMIT, async () => {
    const { page, problems } = browser;
    // Page and widget assets from the second origin; only the API is on the server.
    await page.goto(host.pageUrl({ assets: host.origin, api: server.api }));
    await showThread(page, { problems });
    const expected = (await fetchThread(server.api)).comments.length;

    await server.stop();
    await page.reload();
    await revealWidget(page);
    await waitForState(page, 'error', { problems });
    const alert = page.locator('.tl-error');
    await alert.waitFor({ state: 'visible' });
    assert.equal(await alert.getAttribute('role'), 'alert');
    const retry = alert.locator('button.tl-retry');
    await retry.waitFor({ state: 'visible' });
    assert.equal(await page.locator('article.tl-comment').count(), 0);

    await server.restart();
    await retry.click();
    await waitForState(page, 'ready', { problems });
    await page.locator('article.tl-comment').first().waitFor({ state: 'visible' });
    await expandAll(page);
    assert.equal((await renderedComments(page)).length, expected);
    assert.equal(await page.locator('.tl-error').count(), 0, 'the error is gone');
  });
});
