// The XSS corpus (tests/fixtures/xss/payloads.json) in real headless Chromium: every payload in
// every field (text, author, website, avatar shown with data-avatars="remote", and a custom
// mapping's content warning, opened by its Show button) through the native backend (posted through the
// API, and served as a crafted ThreadPage so the widget sees what the server would refuse),
// through the WordPress, Isso and Waline adapters (recorded fixtures with the payload put in),
// and through the reply form and its preview. The host page carries the strict policy as
// Content-Security-Policy-Report-Only: nothing is blocked, so a payload that runs calls
// window.__xss(id), and anything the policy would stop still shows as a violation event.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer, startStaticServer } from './harness.mjs';
import { backends, serve } from './security/backends.mjs';
import { auditWidget, WHITELIST } from './security/audit.mjs';
import { checkShown, normalize } from './security/expect.mjs';
import { label, loadAndAudit, loadCorpus, sentinelFindings, settled, textModeOf } from './security/runner.mjs';
import { STRICT_HOST, strictPolicy, watch } from './security/sentinel.mjs';
import { showThread, topForm } from './widget.mjs';

const LIMIT = { timeout: 120_000 };
const corpus = await loadCorpus();
const PAYLOADS = corpus.payloads;
const STORED_CHUNK = 150;

/** Fails with every finding listed, so one run names every payload, field and path at fault. */
function assertNoFindings(findings, what) {
  assert.equal(findings.length, 0, `${what}: ${findings.length} finding(s)\n  ${findings.join('\n  ')}`);
}

describe('XSS corpus in headless Chromium', () => {
  let host;
  let server;
  let browser;
  let watcher;
  let specs;
  let nativeText;

  before(async () => {
    host = await startStaticServer({
      template: STRICT_HOST,
      // A page that shows remote avatars allows their hosts' images, as its owner must.
      pageHeaders: (url) => ({
        'content-security-policy-report-only': strictPolicy({
          connect: [server.origin],
          img: url.searchParams.get('avatars') === 'remote' ? ['http:', 'https:'] : [],
          sample: true,
        }),
      }),
    });
    // Hundreds of posts from one address: the rate limit and duplicate check are not under test.
    process.env.THREADLINE_POST_RATE = '0';
    process.env.THREADLINE_DUPLICATE_WINDOW_MINS = '0';
    // Screening is not under test either: payloads that read as evasion would be held (and
    // shown only to their author), while this test needs every payload rendered to a reader.
    // Screening has its own corpus test and e2e test (moderation.test.mjs).
    server = await startServer({ allowedOrigin: host.origin, site: ['--screening', 'off'] });
    browser = await launchBrowser();
    watcher = await watch(browser);
    specs = await backends({ host, server });
    // Native text is markdown once the widget renders it; then it is checked word by word.
    nativeText = await textModeOf(browser, specs.find((s) => s.name === 'native'), host.origin);
    console.log(`# native comment text is rendered as ${nativeText}`);
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.stop();
  });

  test('the corpus has at least 150 payloads in the published classes', () => {
    assert.ok(PAYLOADS.length >= 150, `${PAYLOADS.length} payloads`);
    assert.equal(new Set(PAYLOADS.map((p) => p.id)).size, PAYLOADS.length, 'ids are unique');
    for (const p of PAYLOADS) assert.ok(corpus.classes[p.class], `payload #${p.id} has a known class`);
  });

  test('the checks catch a payload that does run (control)', LIMIT, async () => {
    const spec = specs.find((s) => s.name === 'native');
    const list = [{ id: 1, field: 'text', value: 'A harmless comment.' }];
    const unroute = await serve(browser.page, spec, list, '/xss/control', host.origin);
    try {
      await browser.page.goto(spec.page('/xss/control'));
      await showThread(browser.page, { problems: browser.problems });
      watcher.reset();
      // What a broken widget would do: put markup from a comment into its DOM.
      await browser.page.evaluate(() => {
        const body = document.querySelector('#threadline').shadowRoot.querySelector('.tl-body');
        body.innerHTML = '<img src=x onerror=__xss(0)><a href="javascript:__xss(0)" style="color:red">x</a>';
      });
      // The end marker must come after the image's error handler: this is its own check too.
      await watcher.settle(browser.page);
      const fired = await sentinelFindings(browser.page, watcher, 'control');
      const audit = (await browser.page.evaluate(auditWidget, WHITELIST)).map((f) => f.what).join('\n');
      assert.ok(fired.some((f) => /payload #0 EXECUTED/.test(f)), `the sentinel saw it: ${fired}`);
      assert.ok(fired.some((f) => /CSP violation\(s\) script-src-attr/.test(f)), `the policy saw it: ${fired}`);
      for (const want of [/element <img>/, /handler attribute onerror/, /style attribute/, /scheme javascript:/]) {
        assert.match(audit, want);
      }
    } finally {
      await unroute();
    }
  });

  test('native backend: every payload posted through the API, in every field', LIMIT, async () => {
    const rejected = { text: 0, author: 0, website: 0 };
    const findings = [];
    for (const field of ['text', 'author', 'website']) {
      for (let start = 0; start < PAYLOADS.length; start += STORED_CHUNK) {
        const chunk = PAYLOADS.slice(start, start + STORED_CHUNK);
        const thread = `/xss/stored/${field}/${start}`;
        const items = new Map();
        await Promise.all(
          chunk.map(async (p) => {
            const body = { thread, author: `Reader ${p.id}`, text: `Marker text ${p.id}` };
            body[field] = p.payload;
            const response = await fetch(`${server.api}/comments`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            const answer = await response.json();
            if (response.status === 201) {
              items.set(`comment-${answer.id}`, { payload: p, field, shown: answer[field] ?? '' });
            } else if (response.status === 400 && answer.error?.field === field) {
              rejected[field]++; // refused at the door; the crafted answers below still deliver it
            } else {
              findings.push(`POST ${label(p)} in ${field}: unexpected ${response.status} ${JSON.stringify(answer)}`);
            }
          }),
        );
        if (items.size === 0) continue;
        const found = await loadAndAudit(browser, watcher, {
          url: host.pageUrl({ api: server.api, thread }),
          where: `native (stored) ${field}`,
          items,
          mode: field === 'text' ? nativeText : null,
          openReplies: field === 'author',
        });
        findings.push(...found);
      }
    }
    console.log(`# native API refused at the door: ${JSON.stringify(rejected)} of ${PAYLOADS.length} per field`);
    assertNoFindings(findings, 'native backend, stored');
  });

  for (const name of ['native', 'wordpress', 'isso', 'waline', 'custom']) {
    test(`${name}: every payload in every field of a crafted answer`, LIMIT, async () => {
      const spec = specs.find((s) => s.name === name);
      const { page } = browser;
      const findings = [];
      for (const field of spec.fields) {
        const thread = `/xss/${name}/${field}`;
        const list = PAYLOADS.map((p) => ({ id: p.id, field, value: p.payload }));
        const items = new Map(PAYLOADS.map((p) => [`comment-${p.id}`, { payload: p, field, shown: p.payload }]));
        const unroute = await serve(page, spec, list, thread, host.origin);
        try {
          // Avatar payloads are shown as pictures only with data-avatars="remote".
          const url = field === 'avatar' ? `${spec.page(thread)}&avatars=remote` : spec.page(thread);
          const found = await loadAndAudit(browser, watcher, {
            url,
            where: `${name} ${field}`,
            items,
            mode: field === 'text' ? (name === 'native' ? nativeText : spec.textMode) : null,
            openReplies: field === 'author',
            openWarnings: field === 'warning',
          });
          findings.push(...found);
        } finally {
          await unroute();
        }
      }
      assertNoFindings(findings, name);
    });
  }

  test('the comment form, and its preview when there is one', LIMIT, async () => {
    const { page, problems } = browser;
    watcher.reset();
    const url = host.pageUrl({ api: server.api, thread: '/xss/preview' });
    await page.goto(url);
    await showThread(page, { problems });
    const form = topForm(page);
    const textarea = form.locator('textarea[name="text"]');
    const toggle = form.locator('button.tl-preview');
    const hasPreview = (await toggle.count()) > 0;
    const how = hasPreview ? 'exists: payloads are previewed' : 'does not exist yet: payloads are typed into the form';
    console.log(`# button.tl-preview ${how}`);
    // The preview pane, or any element named for a preview, or else the whole form.
    const previewed = () =>
      form.evaluate((f) => {
        const region =
          [...f.querySelectorAll('.tl-preview-pane, [class*="preview"]')].find((el) => el.localName !== 'button') ?? f;
        return region.innerText;
      });
    let mode = 'plain';
    if (hasPreview) {
      await textarea.fill('A *tl-probe* comment.');
      await toggle.click();
      mode = (await form.locator('em').count()) > 0 ? 'markdown' : 'plain';
      console.log(`# the preview renders ${mode}`);
    }
    const findings = [];
    for (const p of PAYLOADS) {
      const at = `form${hasPreview ? ' preview' : ''}: payload ${label(p)}`;
      if (!(await textarea.isVisible())) await toggle.click();
      await textarea.fill(p.payload);
      await form.locator('input[name="author"]').fill(p.payload);
      if ((await form.locator('input[name="website"]').count()) > 0) {
        await form.locator('input[name="website"]').fill(p.payload);
      }
      const kept = await textarea.inputValue();
      // A textarea's value turns CR and CRLF into LF; that is the browser, not the widget.
      if (kept !== p.payload.replace(/\r\n?/g, '\n')) {
        findings.push(`${at}: the textarea holds ${JSON.stringify(kept)}`);
      }
      if (hasPreview) {
        await toggle.click();
        const text = await previewed();
        const problem =
          mode === 'markdown'
            ? checkShown('markdown', p.payload, text)
            : normalize(text).includes(normalize(p.payload))
              ? null
              : `shows ${JSON.stringify(normalize(text).slice(0, 200))}, not the payload as text`;
        if (problem) findings.push(`${at}: preview ${problem}`);
      }
      for (const f of await page.evaluate(auditWidget, WHITELIST)) findings.push(`${at}: ${f.where}: ${f.what}`);
    }
    findings.push(...(await settled(page, watcher, 'form')));
    if (page.url() !== url) findings.push(`form: the page navigated to ${page.url()}`);
    findings.push(...(await sentinelFindings(page, watcher, 'form')));
    assertNoFindings(findings, 'comment form');
  });
});
