// The XSS sentinel and CSP watch shared by xss.test.mjs and csp.test.mjs: `window.__xss(id)` is
// defined in every frame before any script of the page runs, `securitypolicyviolation` events
// are caught in every frame, and both are reported to node through context bindings, so a
// payload that runs in an iframe, a popup or after a navigation is still counted.
//
// A negative check ("nothing ran, nothing was blocked") ends on a definite event rather than a
// pause: `watcher.settle(page)` waits until the page's images have loaded or failed and a frame
// has rendered, then makes one violation of its own (a fetch the policy does not allow) and waits
// until both its event report and Chromium's console line about it have reached node. Violation
// events are queued in order, and the binding and the console each deliver in order, so every
// violation, console line and sentinel call that came before has been counted by then.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The host page template without inline script or style. */
export const STRICT_HOST = path.join(HERE, 'host-strict.html');

/**
 * The policy of issue 5, with more sources in `{ script, style, connect, img }` (lists); `sample`
 * adds 'report-sample', so that a violation event carries the start of the code it stopped.
 * `img` is what a page with `data-avatars="remote"` must allow for the avatars' hosts.
 */
export function strictPolicy({ connect = [], script = [], style = [], img = [], sample = false } = {}) {
  if (sample) {
    script = [...script, "'report-sample'"];
    style = [...style, "'report-sample'"];
  }
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...script].join(' '),
    ["style-src 'self'", ...style].join(' '),
    ["connect-src 'self'", ...connect].join(' '),
    ...(img.length ? [["img-src 'self'", ...img].join(' ')] : []),
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

/** The marker's URLs contain this; port 9 is one Chromium never connects to. */
const MARKER = 'tl-end-marker';
const MARKER_ORIGIN = 'http://127.0.0.1:9';
let markers = 0;

/** True for a report, console line or problem caused by `settle`'s own marker. */
export const isMarker = (text) => String(text).includes(MARKER);

/**
 * Runs in the page: waits until every image has loaded or failed (their load and error
 * handlers have run) and a frame has rendered (autofocus, animation and toggle steps are done),
 * then fetches `url`, which the policy refuses, and waits for that violation's event.
 */
async function markEnd({ url, timeout }) {
  const deadline = (what) =>
    new Promise((_, reject) => {
      setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
    });
  const root = document.querySelector('#threadline')?.shadowRoot;
  const images = [...document.images, ...(root?.querySelectorAll('img') ?? [])].filter(
    (img) => !img.complete && img.loading !== 'lazy',
  );
  const settled = (img) =>
    new Promise((resolve) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', resolve, { once: true });
    });
  await Promise.race([Promise.all(images.map(settled)), deadline(`${images.length} image(s) to load or fail`)]);
  await Promise.race([new Promise((resolve) => requestAnimationFrame(resolve)), deadline('a rendered frame')]);
  const reported = new Promise((resolve) => {
    const seen = (e) => {
      if (!e.blockedURI.startsWith(url)) return;
      document.removeEventListener('securitypolicyviolation', seen, true);
      resolve();
    };
    document.addEventListener('securitypolicyviolation', seen, true);
  });
  fetch(url, { mode: 'no-cors', cache: 'no-store' }).catch(() => {});
  await Promise.race([reported, deadline(`the violation event for ${url} (does the page send a policy?)`)]);
}

/**
 * Installs the sentinel on a browser from harness.launchBrowser. Returns `{ xss, csp, console,
 * popups, reset(), until(), settle() }`: ids that fired, violation events, console messages
 * about the policy, pages opened by the page, and the waits below. The end marker's own
 * violation and console lines are kept out of the lists.
 */
export async function watch(browser) {
  const seen = { xss: [], csp: [], console: [], popups: [] };
  /** The end markers' blocked URLs, from the event reports and from the console. */
  const marked = { csp: new Set(), console: new Set() };
  const waiters = new Set();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  await browser.context.exposeBinding('__tlSecurityReport', (_source, report) => {
    if (report?.kind === 'xss') seen.xss.push(report);
    else if (report?.kind === 'csp' && isMarker(report.blocked)) marked.csp.add(report.blocked);
    else if (report?.kind === 'csp') seen.csp.push(report);
    wake();
  });
  await browser.context.addInitScript(installSentinel);
  browser.context.on('page', (p) => {
    if (p !== browser.page) seen.popups.push(p.url());
    wake();
  });
  browser.page.on('console', (message) => {
    const text = message.text();
    if (!/content security policy|content-security-policy/i.test(text)) return;
    if (isMarker(text)) marked.console.add(text);
    else seen.console.push(`${message.type()}: ${text}`);
    wake();
  });

  /**
   * Resolves once `check()` is true, checking now and after every report; rejects after
   * `timeout` ms with a message naming `what` and what was seen.
   */
  function until(check, { timeout = 10_000, what = 'a report from the page' } = {}) {
    return new Promise((resolve, reject) => {
      let timer;
      const done = () => {
        waiters.delete(poll);
        clearTimeout(timer);
      };
      const poll = () => {
        if (!check()) return;
        done();
        resolve();
      };
      waiters.add(poll);
      timer = setTimeout(() => {
        done();
        const csp = seen.csp.map((v) => `${v.directive} ${v.blocked}`).join(', ') || 'none';
        reject(new Error(`timed out after ${timeout} ms waiting for ${what} (violations seen: ${csp})`));
      }, timeout);
      poll();
    });
  }

  return {
    ...seen,
    until,
    /**
     * The end of a negative check on `browser.page`: returns once everything the page did
     * before has been reported (see the top of this file). Fails, naming the step, after
     * `timeout` ms.
     */
    async settle(page, { timeout = 10_000 } = {}) {
      const url = `${MARKER_ORIGIN}/${MARKER}-${++markers}-${Date.now().toString(36)}`;
      await page.evaluate(markEnd, { url, timeout });
      const reported = () => [...marked.csp].some((blocked) => blocked.startsWith(url));
      await until(reported, { timeout, what: `the event report of the end marker ${url} to reach node` });
      const logged = () => [...marked.console].some((text) => text.includes(url));
      await until(logged, { timeout, what: `Chromium's console line about the end marker ${url}` });
    },
    reset() {
      for (const list of Object.values(seen)) list.length = 0;
    },
  };
}
