// A copy of dist/ for one run of the render benchmark: a `cargo xtask dist` while the run is
// under way replaces the hashed files the loader names, and every load after it would fail or
// time another build. The copy is checked whole (every file its loader names is there) and
// served for the whole run.

import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The hashed files a loader (`threadline.js`) names: bundles' glue, wasm and the stylesheet. */
export function loaderFiles(loader) {
  return [...new Set(loader.match(/threadline(?:-[a-z]+)?-[0-9a-f]{8,16}(?:_bg\.wasm|\.js|\.css)/g) ?? [])].sort();
}

/**
 * Copies `dist` into a new temporary folder and checks that the copy has its loader and every
 * file the loader names (a build caught half-way has not). Returns `{ dir, files, remove() }`,
 * `files` being the names the loader gives.
 */
export async function snapshotDist(dist) {
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-bench-dist-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await cp(dist, dir, { recursive: true });
    const loader = await readFile(path.join(dir, 'threadline.js'), 'utf8').catch(() => {
      throw new Error(`${dist} has no threadline.js: run \`cargo xtask dist\` (or wait for the one under way)`);
    });
    const present = new Set(await readdir(dir));
    const files = loaderFiles(loader);
    const missing = files.filter((f) => !present.has(f));
    if (!files.length || missing.length) {
      throw new Error(`${dist} is not a whole build (its loader names ${missing.join(', ') || 'no bundle'}, not there): is \`cargo xtask dist\` under way?`);
    }
    return { dir, files, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
