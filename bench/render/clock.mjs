// The clock of the render benchmark, inside the page: navigation start (performance.now()'s
// origin) → the moment the wanted number of comments is in the DOM, seen by a MutationObserver
// installed before any page script runs. It also observes every shadow root the page attaches
// (Threadline and the vanilla floor render in one), and can click a "more" button whenever a
// page has arrived, to time "all comments rendered" for systems that page.
//
// A system may show fewer comments than its page holds (Threadline starts long subtrees
// collapsed): with `least`, a count of at least `least` that stays the same for `settleMs`
// also stops the clock, at the moment the count last changed. The wait does not add to the
// time measured, and a page that is still arriving keeps changing the count.
//
// Each load runs in a fresh browser context (cold HTTP and code caches, no storage), and every
// wait has a deadline.

import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/harness.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches headless Chromium. Hosts other than loopback fail at once in the resolver (Waline's
 * client asks for avatars and emoji from CDNs), so no load waits on a network it cannot reach
 * and no request is intercepted (interception would slow every request down).
 */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** Runs in the page before its own scripts: counts `selector` matches as the DOM changes. */
function installClock({ selector, target, more, least, settleMs }) {
  const roots = [document];
  const state = { target, count: 0, first: null, done: null, changed: 0, clicks: 0, mutations: 0, settled: false };
  Object.defineProperty(window, '__benchClock', { value: state });
  let clickedAt = -1;
  const count = () => {
    let n = 0;
    for (const root of roots) n += root.querySelectorAll(selector).length;
    return n;
  };
  let settle = null;
  const check = () => {
    if (state.done !== null) return;
    state.mutations++;
    const n = count();
    const moved = n !== state.count;
    if (moved) state.changed = performance.now();
    state.count = n;
    if (n > 0 && state.first === null) state.first = performance.now();
    if (n >= target) {
      state.done = performance.now();
      clearTimeout(settle);
      observer.disconnect();
      return;
    }
    // Each change restarts the wait; the stop is dated at the last change.
    if (least && n >= least && moved) {
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (state.done !== null) return;
        state.done = state.changed;
        state.settled = true;
        observer.disconnect();
      }, settleMs);
    }
    // A new page has arrived since the last click: ask for the next one.
    if (more && n > clickedAt) {
      for (const root of roots) {
        const button = root.querySelector(more);
        if (button && !button.disabled) {
          clickedAt = n;
          state.clicks++;
          button.click();
          break;
        }
      }
    }
  };
  const observer = new MutationObserver(check);
  const options = { childList: true, subtree: true, attributes: !!more, attributeFilter: more ? ['disabled'] : undefined };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    roots.push(root);
    observer.observe(root, options);
    return root;
  };
  observer.observe(document, options);

  // Wasm linear memory is not in the JS heap: keep the memories of instantiated modules so
  // that their size can be read after the render (the calls themselves pass through).
  const memories = [];
  Object.defineProperty(window, '__benchWasmMemories', { value: memories });
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    for (const value of Object.values(instance?.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) memories.push(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
}

/**
 * Loads `url` in a fresh context of `browser` and waits (at most `deadlineMs`) until `target`
 * elements match `selector`, or (with `least`) until at least `least` match and that count
 * holds for `settleMs`. With `more` (a selector), clicks that button each time a page has
 * arrived. A load whose count stops short of `target` for `stallMs` after the first comment
 * appeared fails at once, with the count it reached. With `heap`, collects garbage and reads
 * the JS heap (CDP Runtime.getHeapUsage) once rendered.
 * `api` (a URL part) picks the list request whose Resource Timing is returned.
 * Returns `{ ok, ms, first_ms, count, settled, clicks, api, heap, error }`.
 */
export async function timeLoad(browser, url, {
  selector, target, least = null, settleMs = 1_000, more = null, api = null, deadlineMs = 30_000, stallMs = 5_000, heap = false,
}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(installClock, { selector, target, more, least, settleMs });
    const deadline = Date.now() + deadlineMs;
    await page.goto(url, { waitUntil: 'commit', timeout: deadlineMs });
    const read = () => page.evaluate(() => ({ ...window.__benchClock })).catch(() => null);
    try {
      await page.waitForFunction(
        (stall) => {
          const s = window.__benchClock;
          return s && (s.done !== null || (s.count > 0 && performance.now() - s.changed > stall));
        },
        stallMs,
        { polling: 50, timeout: Math.max(1, deadline - Date.now()) },
      );
    } catch (error) {
      error.state = await read();
      // Nothing at all is a different failure from a page that stopped short: say so.
      if (!error.state?.count) error.message = `no comment in the DOM after ${deadlineMs / 1000} s (${error.message.split('\n')[0]})`;
      throw error;
    }
    const state = await read();
    if (state.done === null) {
      const error = new Error(`stopped at ${state.count} of ${target} comments (nothing new for ${stallMs / 1000} s)`);
      error.state = state;
      throw error;
    }
    // Resource Timing of the first list request: when the comments were asked for and came.
    const request = api
      ? await page.evaluate((part) => {
        const e = performance.getEntriesByType('resource').find((r) => r.name.includes(part));
        if (!e) return null;
        // What was asked for (path and query): the page size, the replies per subtree.
        const asked = new URL(e.name);
        return { start_ms: Math.round(e.startTime * 10) / 10, end_ms: Math.round(e.responseEnd * 10) / 10, url: asked.pathname + asked.search };
      }, api)
      : null;
    let usage = null;
    if (heap) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      usage = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
      const wasm = await page.evaluate(() => window.__benchWasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0));
      usage = {
        js_used_bytes: usage.usedSize,
        js_total_bytes: usage.totalSize,
        embedder_used_bytes: usage.embedderHeapUsedSize ?? null,
        backing_storage_bytes: usage.backingStorageSize ?? null,
        wasm_memory_bytes: wasm,
        dom_nodes: dom?.nodes ?? null,
      };
    }
    return {
      ok: true, ms: round(state.done), first_ms: round(state.first), count: state.count, settled: state.settled,
      clicks: state.clicks, api: request, heap: usage,
    };
  } catch (error) {
    const state = error.state ?? null;
    return { ok: false, ms: null, count: state?.count ?? null, error: `${error.message.split('\n')[0]}${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}` };
  } finally {
    await context.close().catch(() => {});
  }
}

function round(ms) {
  return ms === null || ms === undefined ? null : Math.round(ms * 10) / 10;
}
