// The run's copy of dist/: whole or refused, and untouched by a rebuild of dist/ afterwards.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loaderFiles, snapshotDist } from './dist.mjs';

// Trunk's hash has no leading zeros, so it can be shorter than 16 digits (as here); the
// loader as shipped is minified, keys unquoted (isso).
const LOADER = `(function(){var B={"threadline":["threadline-123456789abcdef.js","threadline-123456789abcdef_bg.wasm"],
isso:["threadline-isso-fedcba9876543210.js","threadline-isso-fedcba9876543210_bg.wasm"]};
var css="threadline-00112233445566ff.css";})()`;

async function fakeDist(files) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-dist-test-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

test('a loader names its bundles and stylesheet', () => {
  assert.deepEqual(loaderFiles(LOADER), [
    'threadline-00112233445566ff.css',
    'threadline-123456789abcdef.js',
    'threadline-123456789abcdef_bg.wasm',
    'threadline-isso-fedcba9876543210.js',
    'threadline-isso-fedcba9876543210_bg.wasm',
  ]);
});

test('the copy is served as it was, whatever happens to dist/ afterwards', async () => {
  const files = Object.fromEntries(loaderFiles(LOADER).map((f) => [f, `contents of ${f}`]));
  const dist = await fakeDist({ 'threadline.js': LOADER, ...files });
  const snap = await snapshotDist(dist);
  try {
    assert.notEqual(snap.dir, dist);
    assert.deepEqual(snap.files, loaderFiles(LOADER));
    // A rebuild removes the old hashed files.
    await rm(path.join(dist, 'threadline-123456789abcdef_bg.wasm'));
    assert.equal(await readFile(path.join(snap.dir, 'threadline-123456789abcdef_bg.wasm'), 'utf8'),
      'contents of threadline-123456789abcdef_bg.wasm');
  } finally {
    await snap.remove();
    await rm(dist, { recursive: true, force: true });
  }
  assert.equal(existsSync(snap.dir), false);
});

test('a build caught half-way, or none, is refused', async () => {
  const half = await fakeDist({ 'threadline.js': LOADER, 'threadline-123456789abcdef.js': 'glue' });
  const none = await fakeDist({ 'index.html': '' });
  try {
    await assert.rejects(snapshotDist(half), /not a whole build \(its loader names [^)]*threadline-123456789abcdef_bg\.wasm, /);
    await assert.rejects(snapshotDist(none), /has no threadline\.js/);
  } finally {
    await rm(half, { recursive: true, force: true });
    await rm(none, { recursive: true, force: true });
  }
});
