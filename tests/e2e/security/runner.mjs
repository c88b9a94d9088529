// Loads a host page whose widget shows crafted comments, lets every payload have its chance
// (pointer and focus sweep, then the end marker of sentinel.mjs: images loaded or failed, a frame
// rendered, every earlier violation reported), then checks the sentinel, the CSP events, the DOM
// whitelist and what each comment shows. Returns findings as sentences.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../harness.mjs';
import { showThread } from '../widget.mjs';
import { auditWidget, readComments, sweepWidget, WHITELIST } from './audit.mjs';
import { serve } from './backends.mjs';
import { checkShown, normalize } from './expect.mjs';

/** The corpus: `{ about, classes, payloads: [{ id, class, payload }] }`. */
export async function loadCorpus() {
  const file = path.join(ROOT, 'tests', 'fixtures', 'xss', 'payloads.json');
  return JSON.parse(await readFile(file, 'utf8'));
}

/** A payload's label in a finding. */
export const label = (p) => `#${p.id} (${p.class}) ${JSON.stringify(p.payload.slice(0, 90))}`;

/**
 * Waits for the end marker (`watcher.settle`); a page that navigated away or never reports it
 * gives a finding instead of an exception, so the run still lists every other finding.
 */
export async function settled(page, watcher, where) {
  try {
    await watcher.settle(page);
    return [];
  } catch (error) {
    return [`${where}: the end marker did not come back (${error.message.split('\n')[0]})`];
  }
}

/** Ids the sentinel saw, in any frame, and what the policy reported. */
export async function sentinelFindings(page, watcher, where) {
  const local = await page.evaluate(() => window.__xssFired ?? []).catch(() => []);
  const ids = [...new Set([...watcher.xss.map((r) => r.id), ...local])];
  const out = ids.map((id) => `${where}: payload #${id} EXECUTED (window.__xss(${id}) was called)`);
  const groups = new Map();
  for (const v of watcher.csp) {
    const key = `${v.directive} (${v.disposition}) blocked=${v.blocked} at ${v.source}`;
    groups.set(key, [...(groups.get(key) ?? []), v.sample]);
  }
  for (const [key, samples] of groups) {
    const ids = [...new Set(samples.flatMap((s) => [...String(s).matchAll(/xss\W{0,2}(\d+)/g)].map((m) => m[1])))];
    const examples = [...new Set(samples)].slice(0, 3).map((s) => JSON.stringify(s)).join(', ');
    const named = ids.join(' ') || 'none';
    out.push(`${where}: ${samples.length} CSP violation(s) ${key}; payload ids in samples: ${named}; e.g. ${examples}`);
  }
  for (const url of watcher.popups) out.push(`${where}: a popup opened at ${url}`);
  return out;
}

/** 'markdown' when the widget renders `*x*` from `spec` (a crafted backend) as emphasis, else 'plain'. */
export async function textModeOf(browser, spec, origin) {
  const list = [{ id: 1, field: 'text', value: 'A *tl-probe* comment.' }];
  const unroute = await serve(browser.page, spec, list, '/xss/probe', origin);
  try {
    await browser.page.goto(spec.page('/xss/probe'));
    await showThread(browser.page, { problems: browser.problems });
    await browser.page.locator('.tl-body').first().waitFor();
    return (await browser.page.locator('.tl-body em').count()) > 0 ? 'markdown' : 'plain';
  } finally {
    await unroute();
  }
}

/**
 * Loads `url` and audits it. `items` maps a comment's DOM id (`comment-<id>`) to
 * `{ payload, field, shown }`, `shown` being the value the widget received in `field`. `mode`
 * says how the text field is shown (plain, html or markdown; author names are always plain).
 * `openReplies` opens every reply form, whose heading names the author answered.
 */
export async function loadAndAudit(browser, watcher, { url, where, items, mode, openReplies = false, openWarnings = false }) {
  const { page, problems } = browser;
  watcher.reset();
  problems.length = 0;
  const findings = [];
  await page.goto(url);
  await showThread(page, { problems });
  const comments = page.locator('article.tl-comment');
  try {
    await comments.nth(items.size - 1).waitFor({ state: 'attached', timeout: 15_000 });
  } catch {
    const n = await comments.count();
    findings.push(`${where}: only ${n} of ${items.size} comments rendered (${problems.join('; ')})`);
  }
  if (openReplies) {
    await page.evaluate(() => {
      for (const b of document.querySelector('#threadline').shadowRoot.querySelectorAll('button.tl-reply')) b.click();
    });
  }
  if (openWarnings) {
    await page.evaluate(() => {
      for (const b of document.querySelector('#threadline').shadowRoot.querySelectorAll('button.tl-warning-toggle')) b.click();
    });
  }
  await page.evaluate(sweepWidget);
  findings.push(...(await settled(page, watcher, where)));
  if (page.url() !== url) findings.push(`${where}: the page navigated to ${page.url()}`);

  findings.push(...(await sentinelFindings(page, watcher, where)));
  const byDomId = (domId) => items.get(domId);
  for (const f of await page.evaluate(auditWidget, WHITELIST)) {
    const item = byDomId(f.where);
    findings.push(`${where}: ${item ? `payload ${label(item.payload)} in ${item.field}` : f.where}: ${f.what}`);
  }

  const shown = await page.evaluate(readComments);
  for (const [domId, item] of items) {
    const c = shown[domId];
    const at = `${where}: payload ${label(item.payload)} in ${item.field}`;
    if (!c) {
      findings.push(`${at}: the comment is not rendered`);
      continue;
    }
    if (item.field === 'author') {
      const problem = checkShown('plain', item.shown, c.author);
      if (problem) findings.push(`${at}: author ${problem}`);
      else if (!c.authorVisible) findings.push(`${at}: the author name is not visible`);
      if (openReplies && c.replyingTo !== null) {
        const inForm = checkShown('plain', item.shown, c.replyingTo);
        if (inForm) findings.push(`${at}: reply form heading ${inForm}`);
      }
    } else if (item.field === 'warning') {
      // A warning that is only blanks is no warning.
      if (c.warning === null && normalize(item.shown) === '') continue;
      const problem = checkShown('plain', item.shown, c.warning ?? '');
      if (problem) findings.push(`${at}: warning ${problem}`);
      else if (!c.warningVisible) findings.push(`${at}: the warning is not visible`);
    } else if (item.field === 'avatar' && c.avatar !== 'img' && c.avatar !== 'svg') {
      findings.push(`${at}: no avatar at all (${c.avatar})`);
    } else if (item.field === 'text') {
      const problem = checkShown(mode, item.shown, c.body);
      if (problem) findings.push(`${at}: text ${problem}`);
      else if (!c.bodyVisible) findings.push(`${at}: the text is not visible`);
    }
    if (c.authorHref !== null && !/^https?:$/.test(new URL(c.authorHref).protocol)) {
      findings.push(`${at}: the author link goes to ${c.authorHref}`);
    }
  }
  return findings;
}
