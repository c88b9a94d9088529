// The XSS sentinel and CSP watch shared by xss.test.mjs and csp.test.mjs: `window.__xss(id)` is
// defined in every frame before any script of the page runs, `securitypolicyviolation` events
// are caught in every frame, and both are reported to node through context bindings, so a
// payload that runs in an iframe, a popup or after a navigation is still counted.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The host page template without inline script or style. */
export const STRICT_HOST = path.join(HERE, 'host-strict.html');

/**
 * The policy of issue 5, with more sources in `{ script, style, connect }` (lists); `sample`
 * adds 'report-sample', so that a violation event carries the start of the code it stopped.
 */
export function strictPolicy({ connect = [], script = [], style = [], sample = false } = {}) {
  if (sample) {
    script = [...script, "'report-sample'"];
    style = [...style, "'report-sample'"];
  }
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...script].join(' '),
    ["style-src 'self'", ...style].join(' '),
    ["connect-src 'self'", ...connect].join(' '),
  ].join('; ');
}

/** Runs in every frame of every page, before the page's own scripts. */
function installSentinel() {
  const fired = [];
  const violations = [];
  Object.defineProperty(window, '__xssFired', { value: fired });
  Object.defineProperty(window, '__cspViolations', { value: violations });
  window.__xss = (id) => {
    fired.push(String(id));
    try {
      window.__tlSecurityReport?.({ kind: 'xss', id: String(id), href: location.href });
    } catch {
      // the binding is missing in this frame: the local list still has it
    }
  };
  const onViolation = (e) => {
    const v = {
      kind: 'csp',
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      sample: e.sample,
      disposition: e.disposition,
      source: `${e.sourceFile}:${e.lineNumber}`,
      href: location.href,
    };
    violations.push(v);
    try {
      window.__tlSecurityReport?.(v);
    } catch {
      // as above
    }
  };
  document.addEventListener('securitypolicyviolation', onViolation, true);
  document.addEventListener('DOMContentLoaded', () => {
    window.__tlLightDomSize = document.getElementsByTagName('*').length;
  });
}

/**
 * Installs the sentinel on a browser from harness.launchBrowser. Returns `{ xss, csp, console,
 * popups, reset() }`: ids that fired, violation events, console messages about the policy,
 * and pages opened by the page.
 */
export async function watch(browser) {
  const seen = { xss: [], csp: [], console: [], popups: [] };
  await browser.context.exposeBinding('__tlSecurityReport', (_source, report) => {
    if (report?.kind === 'xss') seen.xss.push(report);
    else if (report?.kind === 'csp') seen.csp.push(report);
  });
  await browser.context.addInitScript(installSentinel);
  browser.context.on('page', (p) => {
    if (p !== browser.page) seen.popups.push(p.url());
  });
  browser.page.on('console', (message) => {
    if (/content security policy|content-security-policy/i.test(message.text())) {
      seen.console.push(`${message.type()}: ${message.text()}`);
    }
  });
  return {
    ...seen,
    reset() {
      for (const list of Object.values(seen)) list.length = 0;
    },
  };
}
