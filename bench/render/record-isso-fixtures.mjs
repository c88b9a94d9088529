// Records what the real Isso 0.14 answers when the widget asks for page 2 of the render
// benchmark's 1,000-comment thread, for the Isso adapter's native tests
// (tests/fixtures/isso/bench-page-2/, read by src/api/isso/tests.rs):
//
//   node bench/render/record-isso-fixtures.mjs
//
// Isso is started and filled exactly as the benchmark does it (servers.mjs, the same threads in
// the same order, so the same ids). At an offset, Isso 0.14 also skips that many replies of
// every top-level comment, so page 2 comes with no replies at all: the adapter asks for them
// one parent at a time. Every such follow-up is recorded too, with the URL the adapter sends.

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateThread } from './generate.mjs';
import { startIsso } from './servers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = path.join(ROOT, 'tests', 'fixtures', 'isso', 'bench-page-2');
const ISSO = process.env.THREADLINE_ISSO_BIN || path.join(ROOT, 'target', 'peers', 'isso-venv', 'bin', 'isso');
/** The page the recorded answers carry in their CORS headers (as tests/e2e/peers/record-fixtures.mjs). */
const PAGE = 'http://127.0.0.1:5173';
const KEPT_HEADERS = ['content-type', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers'];
/** The widget's page size (data-page-size default) and the page recorded. */
const LIMIT = 50;
const OFFSET = 50;

async function record(base, file, pathAndQuery) {
  const response = await fetch(base + pathAndQuery, { headers: { origin: PAGE } });
  const raw = Buffer.from(await response.arrayBuffer());
  const headers = {};
  for (const name of KEPT_HEADERS) if (response.headers.get(name)) headers[name] = response.headers.get(name);
  const meta = { request: { method: 'GET', path: pathAndQuery }, status: response.status, headers };
  await writeFile(path.join(DIR, file), raw);
  await writeFile(path.join(DIR, file.replace(/\.json$/, '.meta.json')), `${JSON.stringify(meta, null, 2)}\n`);
  if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status}`);
  return JSON.parse(raw.toString('utf8'));
}

// The benchmark's first two threads: thread-1000 is its second, so its ids start at 1000001.
const threads = [100, 1000].map((n) => generateThread(n));
const isso = await startIsso({ bin: ISSO, hosts: [PAGE], threads });
try {
  await mkdir(DIR, { recursive: true });
  for (const f of await readdir(DIR)) if (f.endsWith('.json')) await rm(path.join(DIR, f));
  const uri = encodeURIComponent(threads[1].thread);
  const page = await record(isso.url, 'page.json', `/?uri=${uri}&sort=oldest&offset=${OFFSET}&limit=${LIMIT}`);
  let followUps = 0;
  for (const top of page.replies) {
    if (top.hidden_replies > 0) {
      await record(isso.url, `replies-${top.id}.json`, `/?uri=${uri}&sort=oldest&offset=${top.replies.length}&parent=${top.id}`);
      followUps++;
    }
  }
  console.log(`${path.relative(ROOT, DIR)}: page ${OFFSET / LIMIT + 1} (${page.replies.length} top-level comments) and ${followUps} follow-ups`);
} finally {
  await isso.stop();
}
