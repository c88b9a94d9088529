// The widget on a host page that sends the strict policy of issue 5 as an enforced
// Content-Security-Policy header:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' <api>
// Case 1: the widget's files come from the host's own origin, the API from the real server on
// another origin. Case 2 (a CDN-like setup): the files come from the API's origin, which the
// policy then also names in script-src and style-src. In both the widget loads, renders the
// thread and its stylesheet, and posts a comment, with no violation event and no console error
// about the policy (checked once the page's own end-marker violation has been reported: see
// security/sentinel.mjs). A last test takes out each source in turn and shows it was needed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, startServer, startStaticServer } from './harness.mjs';
import { isMarker, STRICT_HOST, strictPolicy, watch } from './security/sentinel.mjs';
import {
  commentWithText,
  expandAll,
  fillForm,
  renderedComments,
  showThread,
  topForm,
  uniqueText,
} from './widget.mjs';

const LIMIT = { timeout: 60_000 };

describe('widget under a strict Content-Security-Policy', () => {
  let host;
  let server;
  let browser;
  let watcher;

  /**
   * The policy for a page URL: the API origin in connect-src; with `assets` on the API origin,
   * that origin in script-src and style-src too. `drop` (a query parameter) leaves one out.
   */
  function policyFor(url) {
    const cdn = url.searchParams.get('assets') === server.origin;
    const drop = url.searchParams.get('drop');
    const sources = {
      connect: drop === 'connect' ? [] : [server.origin],
      script: cdn && drop !== 'script' ? [server.origin] : [],
      style: cdn && drop !== 'style' ? [server.origin] : [],
    };
    let policy = strictPolicy(sources);
    if (drop === 'wasm') policy = policy.replace(" 'wasm-unsafe-eval'", '');
    return policy;
  }

  before(async () => {
    host = await startStaticServer({
      template: STRICT_HOST,
      pageHeaders: (url) => ({ 'content-security-policy': policyFor(url) }),
    });
    server = await startServer({ allowedOrigin: host.origin });
    browser = await launchBrowser();
    watcher = await watch(browser);
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.stop();
  });

  /** Loads, renders, checks the stylesheet, posts, and checks that the policy saw nothing. */
  async function loadAndPost(assets, label) {
    const { page, problems } = browser;
    watcher.reset();
    problems.length = 0;
    const url = host.pageUrl({ assets, api: server.api });
    const response = await page.goto(url);
    assert.equal(response.headers()['content-security-policy'], policyFor(new URL(url)));
    await showThread(page, { problems });
    await expandAll(page);

    const thread = await fetchThread(server.api);
    assert.equal((await renderedComments(page)).length, thread.comments.length, 'the whole thread renders');
    const styled = await page.evaluate(() => {
      const root = document.querySelector('#threadline').shadowRoot;
      const link = root.querySelector('link[data-tl-css]');
      const card = root.querySelector('.tl-card');
      return { href: link?.href, loaded: link?.sheet != null, display: card && getComputedStyle(card).display };
    });
    assert.ok(styled.loaded, `the widget's stylesheet ${styled.href} applies`);
    assert.equal(new URL(styled.href).origin, assets ?? host.origin);

    const text = uniqueText(`Posted under a strict policy (${label}).`);
    const form = topForm(page);
    await fillForm(form, { author: 'Strict Policy', text });
    await form.locator('button.tl-submit').click();
    const comment = await commentWithText(page, text);
    const stored = (await fetchThread(server.api)).comments.find((c) => String(c.id) === comment.id);
    assert.equal(stored?.text, text, 'the comment reached the server');

    // The end of the check: every violation the page had by now has been reported.
    await watcher.settle(page);
    assert.deepEqual(watcher.csp, [], 'no securitypolicyviolation event');
    assert.deepEqual(watcher.console, [], 'no console message about the policy');
    assert.deepEqual(
      problems.filter((p) => !/favicon\.ico/.test(p) && !isMarker(p)),
      [],
      'no page error, console error or failed request',
    );
  }

  test('files from the host origin, API on another origin: loads, renders and posts', LIMIT, async () => {
    await loadAndPost(undefined, 'files on the host');
  });

  test('files and API on another origin (CDN-like): loads, renders and posts', LIMIT, async () => {
    await loadAndPost(server.origin, 'files on the API origin');
  });

  // [source left out, where the files are, directive that then blocks, what it blocks]
  for (const [drop, assets, directive, blocked, what] of [
    ['wasm', 'host', 'script-src', /^wasm-eval$/, "compiling the wasm ('wasm-unsafe-eval')"],
    ['connect', 'host', 'connect-src', /\/api\/comments/, 'the API'],
    ['connect', 'api', 'connect-src', /\.wasm$/, 'fetching the .wasm from the files origin'],
    ['script', 'api', 'script-src-elem', /\/threadline\.js$/, 'threadline.js from the files origin'],
    ['style', 'api', 'style-src-elem', /\.css$/, 'the stylesheet from the files origin'],
  ]) {
    test(`without its ${drop} source (files on the ${assets} origin), ${directive} blocks ${what}`, LIMIT, async () => {
      const { page } = browser;
      watcher.reset();
      const url = new URL(host.pageUrl({ assets: assets === 'api' ? server.origin : undefined, api: server.api }));
      url.searchParams.set('drop', drop);
      await page.goto(url.href);
      await page.locator('#threadline').scrollIntoViewIfNeeded();
      const hit = (v) => v.directive === directive && blocked.test(v.blocked) && v.disposition === 'enforce';
      await watcher.until(() => watcher.csp.some(hit), { what: `an enforced ${directive} violation for ${blocked}` });
      assert.ok(watcher.csp.some(hit));
    });
  }
});
