// Records real Isso 0.14.0 and Waline 1.39.3 API responses as fixtures for the adapters' native
// unit tests: tests/fixtures/isso/ and tests/fixtures/waline/. Each response body is saved
// byte for byte, with a sibling `<name>.meta.json`: { request, status, headers }.
//
// Re-run (after `cargo xtask test` has installed both servers under target/peers/):
//   node tests/e2e/peers/record-fixtures.mjs
// then review `git diff tests/fixtures/`: ids and nesting must not change; times, cookies and
// signatures do on every run.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../harness.mjs';
import { startIsso } from './isso.mjs';
import { startWaline } from './waline.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/** The widget page origin the recorded requests come from (nothing needs to listen there). */
const PAGE = 'http://127.0.0.1:5173';

/** Headers an adapter may depend on; the rest (date, connection, ...) only add noise. */
const KEPT_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'set-cookie',
  'x-set-cookie',
  'x-waline-version',
];

/** Sends one request from PAGE and saves the answer as `<dir>/<file>` + `<name>.meta.json`. */
async function record(dir, file, base, pathAndQuery, { method = 'GET', json } = {}) {
  const headers = { origin: PAGE };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const body = json === undefined ? undefined : JSON.stringify(json);
  const response = await fetch(base + pathAndQuery, { method, headers, body });
  const raw = Buffer.from(await response.arrayBuffer());
  const kept = {};
  for (const name of KEPT_HEADERS) {
    const value = name === 'set-cookie' ? response.headers.getSetCookie().join('\n') : response.headers.get(name);
    if (value) kept[name] = value;
  }
  const meta = {
    request: { method, path: pathAndQuery, ...(json === undefined ? {} : { body: json }) },
    status: response.status,
    headers: kept,
  };
  await writeFile(path.join(dir, file), raw);
  const name = file.replace(/\.[^.]+$/, '');
  await writeFile(path.join(dir, `${name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`${path.relative(ROOT, path.join(dir, file))}: ${response.status}, ${raw.length} bytes`);
  return { status: response.status, raw };
}

async function readme(dir, server, lines) {
  const text = [
    `# ${server} fixtures (generated: do not edit by hand)`,
    '',
    `Raw responses of the real ${server} server, seeded with tests/e2e/peers/seed-thread.json`,
    'through its own API. Re-record with `node tests/e2e/peers/record-fixtures.mjs`.',
    'Each `<name>.meta.json` holds the request, the HTTP status and the headers that matter.',
    '',
    ...lines,
    '',
  ];
  await writeFile(path.join(dir, 'README.md'), text.join('\n'));
}

async function recordIsso() {
  const dir = path.join(FIXTURES, 'isso');
  await mkdir(dir, { recursive: true });
  const isso = await startIsso({ hosts: [PAGE] });
  try {
    const { ids, thread } = await isso.seed();
    const uri = encodeURIComponent(thread);
    await record(dir, 'list.json', isso.url, `/?uri=${uri}&nested_limit=5`);
    await record(dir, 'list-limited.json', isso.url, `/?uri=${uri}&limit=1&nested_limit=1`);
    await record(dir, 'count.json', isso.url, '/count', { method: 'POST', json: [thread, '/never-seen'] });
    await record(dir, 'post-reply.json', isso.url, `/new?uri=${uri}`, {
      method: 'POST',
      json: { text: 'Does the crew also clear the path?', author: 'Ola', email: '', website: '', parent: ids.d },
    });
    await record(dir, 'error-short-text.html', isso.url, `/new?uri=${uri}`, {
      method: 'POST',
      json: { text: 'hi', author: 'Ola', parent: null },
    });
    await readme(dir, 'Isso 0.14.0', [
      `Seed ids: ${JSON.stringify(ids)}.`,
      '',
      '- `list.json`: the whole thread. Two levels only: c (a reply to b) and d (to c) are filed',
      '  under a with `parent` = a. `created` is epoch seconds as a float; `text` is HTML.',
      '- `list-limited.json`: `limit=1&nested_limit=1`, so `hidden_replies` is non-zero at both levels.',
      '- `count.json`: `POST /count` with a JSON array of uris.',
      '- `post-reply.json`: 201 for a reply to d; the answer says `parent` = a.',
      '- `error-short-text.html`: 400 for text under 3 characters, an HTML page.',
    ]);
  } finally {
    await isso.stop();
  }
}

async function recordWaline() {
  const dir = path.join(FIXTURES, 'waline');
  await mkdir(dir, { recursive: true });
  const waline = await startWaline();
  try {
    const { ids, thread } = await waline.seed();
    const where = `path=${encodeURIComponent(thread)}&sortBy=insertedAt_asc`;
    await record(dir, 'list.json', waline.url, `/api/comment?${where}&page=1&pageSize=10`);
    await record(dir, 'list-page2.json', waline.url, `/api/comment?${where}&page=2&pageSize=1`);
    await record(dir, 'count.json', waline.url, `/api/comment?type=count&url=${encodeURIComponent(thread)},/never-seen`);
    await record(dir, 'post-reply.json', waline.url, '/api/comment', {
      method: 'POST',
      json: {
        comment: 'Does the crew also clear the path?',
        nick: 'Ola',
        mail: '',
        link: '',
        url: thread,
        ua: 'threadline-fixtures',
        pid: ids.d,
        rid: ids.a,
      },
    });
    await record(dir, 'error-missing-fields.json', waline.url, '/api/comment', { method: 'POST', json: {} });
    await readme(dir, 'Waline (@waline/vercel 1.39.3)', [
      `Seed ids: ${JSON.stringify(ids)}.`,
      '',
      '- `list.json`: page 1, pageSize 10. Roots a and e; every descendant flat in the root\'s',
      '  `children`, newest first, each with `pid`, `rid` (= the root) and `reply_user`. `time` is',
      '  epoch ms but whole seconds here (SQLite), while a post\'s answer has real milliseconds.',
      '- `list-page2.json`: `pageSize=1`, page 2: root e and its children; `totalPages` counts roots.',
      '- `count.json`: `type=count` for two paths.',
      '- `post-reply.json`: a reply to d sent with `pid` = d and `rid` = a.',
      '- `error-missing-fields.json`: HTTP 200 with `errno` 1001 and an object `errmsg`.',
    ]);
  } finally {
    await waline.stop();
  }
}

await recordIsso();
await recordWaline();
