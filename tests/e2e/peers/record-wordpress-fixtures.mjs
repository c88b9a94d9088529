// Records real WordPress 6.1 REST responses for the WordPress adapter's native unit tests.
//
// Re-run from the repository root (needs the apt packages `cargo xtask test` installs):
//
//   node tests/e2e/peers/record-wordpress-fixtures.mjs
//
// It starts a throwaway WordPress (tests/e2e/peers/wordpress.mjs), seeds seed-thread.json over
// REST and writes each response body byte for byte to tests/fixtures/wordpress/<name>.json, with
// <name>.meta.json = {request, status, headers}. Every request carries `Origin: ORIGIN`, as the
// widget's would from its host page. Links in the bodies name the run's random loopback port, and
// the dates are the time of the run; ids are the same every run (the seeded comments are 2..7).

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedThread, startWordPress } from './wordpress.mjs';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'wordpress');
const ORIGIN = 'http://127.0.0.1:8080';

const seedThread = await loadSeedThread();
const started = await Promise.allSettled([startWordPress(), startWordPress({ allowAnonymous: false })]);
const [wp, closed] = started.map((outcome) => outcome.value);
try {
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  await mkdir(OUT, { recursive: true });
  const { ids } = await wp.seed(seedThread);
  const comments = `${wp.restBase}/comments`;
  const list = `${comments}?post=${wp.postId}&orderby=id&order=asc`;

  await record('list', 'GET', `${list}&per_page=100`, 200);
  await record('list-page2', 'GET', `${list}&per_page=2&page=2`, 200);
  await record('post-by-slug', 'GET', `${wp.restBase}/posts?slug=${wp.slug}`, 200);
  await record('post-reply', 'POST', comments, 201, {
    post: wp.postId,
    parent: ids.d,
    author_name: 'Ann Example',
    author_email: 'ann@example.org',
    author_url: 'https://ann.example.org',
    content: 'Thanks, that answers it.\n\nA second paragraph, with "quotes" & an ampersand.',
  });
  const first = seedThread.comments[0];
  await record('error-duplicate', 'POST', comments, 409, {
    post: wp.postId,
    author_name: first.author,
    author_email: first.email,
    content: first.text,
  });
  await record('error-login-required', 'POST', `${closed.restBase}/comments`, 401, {
    post: closed.postId,
    author_name: 'Ann Example',
    author_email: 'ann@example.org',
    content: 'Hello from a visitor.',
  });
  console.log(`recorded into ${path.relative(process.cwd(), OUT)}/ (WordPress at ${wp.url}, post ${wp.postId})`);
} finally {
  await Promise.all([wp?.stop(), closed?.stop()]);
}

/** Sends one request and saves its body and `{request, status, headers}`; checks the status. */
async function record(name, method, url, expectedStatus, json) {
  const headers = { origin: ORIGIN };
  if (json) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: json && JSON.stringify(json) });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== expectedStatus) {
    throw new Error(`${name}: expected ${expectedStatus}, got ${response.status}: ${body}`);
  }
  const meta = {
    request: { method, url, headers, ...(json && { body: json }) },
    status: response.status,
    headers: Object.fromEntries(response.headers),
  };
  await writeFile(path.join(OUT, `${name}.json`), body);
  await writeFile(path.join(OUT, `${name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`${name}: ${method} ${url} -> ${response.status} (${body.length} bytes)`);
}
