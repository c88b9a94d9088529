// WCAG AA contrast of every text role, computed (issue 14): for each role, the text colour and
// the background actually behind it (every ancestor's background composited, across the shadow
// root, down from the page), in the light theme on a light page and the dark theme on a dark one.
// Normal text needs 4.5:1, large text (24 px, or 18.66 px bold) 3:1.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { THREAD, launchBrowser, startServer } from './harness.mjs';
import { clickOwnReply, replyForm, showThread, topForm } from './widget.mjs';

const LIMIT = { timeout: 60_000 };

/** The text roles and where each is found (in the widget's shadow root). */
const ROLES = {
  heading: 'h2.tl-title',
  'body text': '.tl-body p',
  author: '.tl-author',
  'muted: time': '.tl-time',
  'muted: action': 'button.tl-reply',
  'muted: collapse': 'button.tl-collapse',
  'vote count': '.tl-vote',
  'accent: selected order': '.tl-sort button[aria-pressed="true"]',
  'accent: quiet button': 'button.tl-button-quiet, .tl-collapsed-count',
  'button on the accent': 'button.tl-submit',
  'form title': '.tl-form-title',
  'field label': '.tl-field label',
  'field text': '.tl-field textarea',
  'field error': '.tl-field-error',
  'dialog title': 'dialog[open] .tl-dialog-title',
  'dialog label': 'dialog[open] .tl-report-reason',
};

/** Runs in the page: each role's first element, its colours, contrast and size. */
function measure(roles) {
  const parse = (c) => {
    let m = c.match(/^rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+))?\)$/);
    if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
    m = c.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
    if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    throw new Error(`unreadable colour ${c}`);
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const parentOf = (el) => el.parentElement ?? el.getRootNode().host ?? null;
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = parentOf(e)) layers.push(parse(getComputedStyle(e).backgroundColor));
    // The browser's canvas is white (light) or the page's colour scheme's.
    let under = [255, 255, 255, 1];
    for (const layer of layers.reverse()) under = over(layer, under);
    return under;
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const root = document.querySelector('#threadline').shadowRoot;
  const out = {};
  for (const [role, selector] of Object.entries(roles)) {
    const el = root.querySelector(selector);
    if (!el) { out[role] = null; continue; }
    const style = getComputedStyle(el);
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    out[role] = { ratio: (hi + 0.05) / (lo + 0.05), needs: large ? 3 : 4.5, color: style.color };
  }
  return out;
}

describe('contrast of every text role', () => {
  let server;

  before(async () => {
    server = await startServer();
  }, LIMIT);

  after(async () => {
    await server?.dispose();
  });

  for (const theme of ['light', 'dark']) {
    test(`the ${theme} theme on a ${theme} page`, LIMIT, async () => {
      const browser = await launchBrowser();
      try {
        const { page, problems } = browser;
        const paper = theme === 'dark' ? 'background: #121316; color: #e3e3e3;' : 'background: #fdfcfa; color: #1d2125;';
        const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
          <style>html { ${paper} } body { margin: 0; padding: 1rem; font-family: sans-serif; }</style></head>
          <body><div id="threadline" data-theme="${theme}"></div>
          <script src="${server.url}/threadline.js" data-api="${server.api}" data-thread="${THREAD}" data-loading="eager" defer></script>
          </body></html>`;
        await page.route(`${server.url}/contrast.html`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html }));
        await page.goto(`${server.url}/contrast.html`);
        await showThread(page, { problems });
        const parent = await page.locator('article.tl-comment').first().getAttribute('data-id');
        await clickOwnReply(page, parent);
        await replyForm(page, parent).waitFor();
        await topForm(page).locator('button.tl-submit').click();
        await topForm(page).locator('.tl-field-error').first().waitFor();
        const outside = await page.evaluate(measure, ROLES);
        await page.locator('button.tl-report').first().click();
        await page.locator('dialog[open]').waitFor();
        const inDialog = await page.evaluate(measure, ROLES);
        const found = Object.fromEntries(
          Object.keys(ROLES).map((role) => [role, role.startsWith('dialog') ? inDialog[role] : outside[role]]),
        );
        const missing = Object.keys(found).filter((role) => !found[role]);
        assert.deepEqual(missing, [], 'every role is on the page');
        const low = Object.entries(found)
          .filter(([, m]) => m.ratio < m.needs)
          .map(([role, m]) => `${role}: ${m.ratio.toFixed(2)}:1 (needs ${m.needs}:1, ${m.color})`);
        const table = Object.entries(found).map(([role, m]) => `${role} ${m.ratio.toFixed(2)}`).join(', ');
        console.log(`# ${theme}: ${table}`);
        assert.deepEqual(low, [], `below WCAG AA in the ${theme} theme`);
      } finally {
        await browser.close();
      }
    });
  }
});
