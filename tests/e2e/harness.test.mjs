// Checks of the harness itself, without a browser: the server starts on a free port with the
// demo seed, restarts on the same port with the same database, and the static server builds host
// pages that point at the API origin. When these fail, the browser tests cannot mean anything.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchThread, startServer, startStaticServer, THREAD } from './harness.mjs';

let host;
let server;

before(async () => {
  host = await startStaticServer();
  server = await startServer({ allowedOrigin: host.origin });
}, { timeout: 60_000 });

after(async () => {
  await server?.dispose();
  await host?.stop();
});

test('the server seeds the demo thread, nested at least 3 deep', async () => {
  assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  const thread = await fetchThread(server.api);
  assert.ok(thread.comments.length > 0);
  assert.equal(thread.total, thread.comments.length);
  const depth = new Map();
  for (const c of thread.comments) {
    assert.equal(c.thread, THREAD);
    const parent = c.parent ?? null;
    assert.ok(parent === null || depth.has(parent), `parent ${parent} comes before ${c.id}`);
    depth.set(c.id, parent === null ? 0 : depth.get(parent) + 1);
  }
  assert.ok(Math.max(...depth.values()) >= 3);
});

test('a restart keeps the port and the database', { timeout: 60_000 }, async () => {
  const response = await fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, parent: null, author: 'Harness', text: 'Survives a restart.' }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const { id } = await response.json();
  const port = server.port;

  await server.stop();
  await assert.rejects(fetch(`${server.api}/comments?thread=${encodeURIComponent(THREAD)}`));
  await server.restart();
  assert.equal(server.port, port);
  const thread = await fetchThread(server.api);
  assert.ok(thread.comments.some((c) => c.id === id), 'the comment posted before the restart is there');
});

test('the API answers CORS preflights from the second origin', async () => {
  const response = await fetch(`${server.api}/comments`, {
    method: 'OPTIONS',
    headers: {
      origin: host.origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  assert.ok(response.ok, `preflight status ${response.status}`);
  assert.equal(response.headers.get('access-control-allow-origin'), host.origin);
});

test('the static server makes host pages pointing at the API origin and serves dist/', async () => {
  const page = await fetch(host.pageUrl({ assets: server.origin, api: server.api }));
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes(`src="${server.origin}/threadline.js"`), html);
  assert.ok(html.includes(`data-api="${server.api}"`), html);
  assert.ok(html.includes(`data-thread="${THREAD}"`), html);

  const loader = await fetch(`${host.origin}/threadline.js`);
  assert.equal(loader.status, 200);
  assert.match(loader.headers.get('content-type'), /javascript/);
  assert.equal((await fetch(`${host.origin}/../Cargo.toml`)).status, 404);
  assert.equal((await fetch(`${host.origin}/..%2f..%2fCargo.toml`)).status, 404);
});
