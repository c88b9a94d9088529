// The widget fetches its wasm only when the container comes within one viewport height of the
// viewport, so readers who never scroll to the comments never download it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startServer } from './harness.mjs';
import { renderedComments, revealWidget, waitForState } from './widget.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 1280, height: 700 } });
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const isWasm = (url) => new URL(url).pathname.endsWith('.wasm');

test('the wasm is requested only once the comments are scrolled near', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));

  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  // Bounded: a page that never goes quiet is still checked, after 5 s.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});

  const distance = await page.evaluate(
    () => document.querySelector('#threadline').getBoundingClientRect().top - 2 * innerHeight,
  );
  assert.ok(distance > 0, `#threadline must start more than one viewport below the first screen (${distance}px)`);
  assert.deepEqual(requested.filter(isWasm), [], 'no .wasm before scrolling');

  const wasmRequest = page.waitForRequest((request) => isWasm(request.url()), { timeout: 20_000 });
  await revealWidget(page);
  await wasmRequest;
  await waitForState(page, 'ready', { problems });
  assert.ok((await renderedComments(page)).length > 0, 'comments render after scrolling');
  // One bundle per backend: a page on Threadline's own server fetches only the Threadline
  // bundle, never the adapters for other backends or the mapping engine.
  const bundles = requested.filter((url) => /\/threadline-[^/]*\.(js|wasm)$/.test(new URL(url).pathname));
  const names = bundles.map((url) => new URL(url).pathname.split('/').pop());
  assert.equal(names.length, 2, `one JS glue and one wasm: ${names.join(', ')}`);
  assert.ok(names.every((n) => /^threadline-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(n)), `only the Threadline bundle: ${names.join(', ')}`);
});
