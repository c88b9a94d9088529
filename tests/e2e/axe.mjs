// axe-core over the widget, for the accessibility issue: the thread and its states must have no
// WCAG 2.0/2.1/2.2 A or AA violations. `axeViolations(page)` injects axe-core into the page, runs
// it over `#threadline` and its open shadow root, and returns a compact list of what fails;
// `formatViolations(list)` turns that list into an assertion message.
//
// Why these choices:
// - Only the WCAG A/AA tags: axe's "best-practice" rules (landmarks, one <h1>, `region`) judge
//   the host page, which is not the widget's to fix.
// - Scoped to the host element: axe walks the flattened tree, so including `#threadline` takes in
//   everything in its shadow root, and nothing of the article around it.
// - Injected with `page.evaluate(source)` rather than a <script> tag: an evaluation from the
//   DevTools protocol is not an inline script, so a host page's Content-Security-Policy (see
//   csp.test.mjs) does not block it. axe assigns `window.axe` itself.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/**
 * The rule tags axe runs. axe-core 4.x has no `wcag22a` tag (the new level-A criteria of WCAG 2.2
 * are not machine-checkable); naming it would only make axe log "Could not find tags".
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** How much of an element's outer HTML a violation shows. */
const SNIPPET_CHARS = 160;

let axeSource = null;

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe?.run === 'function')) return;
  axeSource ??= await readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // `void 0`: the script is run for its effect (window.axe); its value is not wanted back.
  await page.evaluate(`${axeSource}\n;void 0`);
}

/**
 * Runs axe-core over the widget and returns `{ violations, incomplete }`, both compacted (see
 * `compact`). `incomplete` are axe's "needs review" results: checks it could not decide, e.g. a
 * contrast over a gradient or behind an overlapping element.
 *
 * `host` is the widget's host element (default `#threadline`). `include` narrows the run to
 * elements inside its shadow root: one CSS selector or a list of them (e.g. `'.tl-dialog'`).
 */
export async function runAxe(page, { host = '#threadline', include } = {}) {
  await injectAxe(page);
  const inner = include === undefined ? [] : [include].flat();
  // A host alone covers its whole shadow tree; an inner selector must say which shadow root it
  // is in, with axe's `fromShadowDom` (a list of selectors, one per shadow boundary).
  const context = {
    include: inner.length ? inner.map((selector) => ({ fromShadowDom: [host, selector] })) : [host],
  };
  const results = await page.evaluate(
    ({ context, tags }) =>
      window.axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        // Passes and inapplicable rules are not needed; this keeps the result small.
        resultTypes: ['violations', 'incomplete'],
      }),
    { context, tags: WCAG_TAGS },
  );
  return { violations: results.violations.map(compact), incomplete: results.incomplete.map(compact) };
}

/**
 * The WCAG A/AA violations in the widget (see `runAxe` for the options), each as
 * `{ id, impact, help, helpUrl, nodes: [{ target, html, why, contrast? }] }`.
 */
export async function axeViolations(page, options = {}) {
  return (await runAxe(page, options)).violations;
}

/** One axe result, cut down to what a reader of a failing test needs. */
function compact(result) {
  return {
    id: result.id,
    impact: result.impact ?? null,
    help: result.help,
    helpUrl: result.helpUrl,
    nodes: result.nodes.map((node) => {
      const entry = {
        target: formatTarget(node.target),
        html: snippet(node.html),
        why: reasons(node),
      };
      const contrast = contrastOf(node);
      if (contrast) entry.contrast = contrast;
      return entry;
    }),
  };
}

/**
 * axe's target is a list with one entry per frame; an entry is a selector, or a list of selectors
 * from the document down through each shadow root. Shadow boundaries are shown as `>>>`.
 */
function formatTarget(target) {
  return target
    .map((part) => (Array.isArray(part) ? part.join(' >>> ') : typeof part === 'string' ? part : JSON.stringify(part)))
    .join(' | ');
}

function snippet(html = '') {
  const flat = html.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat;
}

/** The messages of the checks that failed on a node (any: all failed; all and none: those listed). */
function reasons(node) {
  const messages = [...(node.any ?? []), ...(node.all ?? []), ...(node.none ?? [])]
    .map((check) => check.message)
    .filter(Boolean);
  return [...new Set(messages)].join('; ');
}

/** color-contrast (and color-contrast-enhanced) put the colours and the ratio in a check's data. */
function contrastOf(node) {
  const data = (node.any ?? []).map((check) => check.data).find((d) => d && (d.fgColor || d.contrastRatio));
  if (!data) return null;
  return {
    fg: data.fgColor ?? null,
    bg: data.bgColor ?? null,
    ratio: data.contrastRatio ?? null,
    expected: typeof data.expectedContrastRatio === 'string'
      ? Number.parseFloat(data.expectedContrastRatio)
      : data.expectedContrastRatio ?? null,
    fontSize: data.fontSize ?? null,
    fontWeight: data.fontWeight ?? null,
  };
}

/**
 * A readable block for an assertion message: one line a rule, then one a node (at most
 * `maxNodes` a rule), with the colours and ratio for contrast failures.
 */
export function formatViolations(list, { maxNodes = 8 } = {}) {
  if (!list.length) return 'no axe violations';
  const lines = [];
  for (const rule of list) {
    const count = rule.nodes.length;
    lines.push(`${rule.id} (${rule.impact ?? 'no impact'}, ${count} node${count === 1 ? '' : 's'}): ${rule.help}`);
    for (const node of rule.nodes.slice(0, maxNodes)) {
      let line = `  ${node.target}  ${node.html}`;
      if (node.contrast) {
        const { fg, bg, ratio, expected } = node.contrast;
        line += `  [${fg} on ${bg}: ${ratio}:1, needs ${expected}:1]`;
      }
      // A contrast failure's message only repeats the numbers; any other message is the reason.
      if (node.why && !/insufficient color contrast/i.test(node.why)) line += `  — ${node.why}`;
      lines.push(line);
    }
    if (count > maxNodes) lines.push(`  … and ${count - maxNodes} more`);
    lines.push(`  ${rule.helpUrl}`);
  }
  return lines.join('\n');
}
