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
  const distance = await page.evaluate(
    () => document.querySelector('#threadline').getBoundingClientRect().top - 2 * innerHeight,
  );
  assert.ok(distance > 0, `#threadline must start more than one viewport below the first screen (${distance}px)`);

  // The end of "before scrolling", on definite events: the loader has drawn its placeholder; an
  // IntersectionObserver made after the loader's, with the same margin, has had its first
  // callback (so the loader's observer has had its say) and found the container out of reach;
  // and a request the page makes after that has been seen (so any the loader made is too).
  await waitForState(page, 'loading', { problems });
  const near = await page.evaluate(
    (timeout) =>
      new Promise((resolve, reject) => {
        const io = new IntersectionObserver(
          (entries) => {
            io.disconnect();
            resolve(entries[0].isIntersecting);
          },
          { rootMargin: '100% 0px' },
        );
        io.observe(document.querySelector('#threadline'));
        setTimeout(() => reject(new Error(`no IntersectionObserver callback within ${timeout} ms`)), timeout);
      }),
    10_000,
  );
  assert.equal(near, false, 'the container is more than one viewport away');
  const marker = `${server.url}/?tl-end-marker=${Date.now()}`;
  const markerSeen = page.waitForRequest(marker, { timeout: 10_000 });
  await page.evaluate((url) => fetch(url, { cache: 'no-store' }).then((r) => r.text()), marker);
  await markerSeen;
  const early = requested.filter((url) => isWasm(url) || /\/threadline-[^/]*\.js$/.test(new URL(url).pathname));
  assert.deepEqual(early, [], 'neither the JS glue nor the .wasm before scrolling');

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
  // Trunk's file hash drops leading zeros: it is sometimes shorter than 16 digits.
  assert.ok(names.every((n) => /^threadline-[0-9a-f]{8,16}(_bg\.wasm|\.js)$/.test(n)), `only the Threadline bundle: ${names.join(', ')}`);
});
