// Where a wasm's bytes go: every item of `twiggy top --format json` (shallow sizes of a
// names-kept wasm) summed by who owns it: the crate, or for Threadline itself the module
// (`threadline::mapping`), the data segments, and the wasm's own structure. Shallow sizes add
// up to the file, so the sums are whole; the names section that `-g` kept is left out.

/** The owner of one twiggy item, or null for the names section (not in the shipped wasm). */
export function owner(name) {
  if (name === '"function names" subsection') return null;
  if (/^data\[\d+\]$|^data segment /.test(name)) return 'constant data (data segments)';
  if (/^__wbg|^__wbindgen|^wasm_bindgen/.test(name)) return 'wasm_bindgen';
  if (/^(code|type|table|elem|global|func|memory)\[\d+\]$|^import |^export |^custom section|^wasm magic|header/.test(name)) {
    return 'wasm structure (types, imports, exports, tables)';
  }
  // `<threadline::x::T as yew::…>::run` belongs to the type's crate; `&`, `*`, `dyn` and
  // `mut` in front of a path are not part of it.
  const path = name.replace(/^(?:[<&*\s]|mut |dyn |const )+/, '');
  const m = /^([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/.exec(path);
  if (!m) return 'generic impls of no one crate';
  if (m[1] === 'threadline' && m[2]) return `threadline::${m[2]}`;
  return m[1];
}

/**
 * Sums `rows` (twiggy's JSON) of each bundle by owner: `{ bundles, totals, rows }`, the rows
 * sorted by their largest share in any bundle, the `top` first and the rest as one row.
 */
export function byOwner(bundles, top = 24) {
  const names = Object.keys(bundles);
  const sums = new Map();
  const totals = Object.fromEntries(names.map((b) => [b, 0]));
  for (const b of names) {
    for (const row of bundles[b]) {
      if (/^\.\.\. and \d+ more|^Σ/.test(row.name)) continue;
      const who = owner(row.name);
      if (who === null) continue;
      if (!sums.has(who)) sums.set(who, Object.fromEntries(names.map((n) => [n, 0])));
      sums.get(who)[b] += row.shallow_size;
      totals[b] += row.shallow_size;
    }
  }
  const share = (bytes) => Math.max(...names.map((b) => (totals[b] ? bytes[b] / totals[b] : 0)));
  const sorted = [...sums.entries()].sort((x, y) => share(y[1]) - share(x[1]));
  const rows = sorted.slice(0, top).map(([who, bytes]) => ({ owner: who, bytes }));
  const rest = sorted.slice(top);
  if (rest.length) {
    const bytes = Object.fromEntries(names.map((b) => [b, rest.reduce((n, [, x]) => n + x[b], 0)]));
    rows.push({ owner: `${rest.length} more owners`, bytes });
  }
  for (const r of rows) {
    r.percent = Object.fromEntries(
      names.map((b) => [b, totals[b] ? Math.round((r.bytes[b] / totals[b]) * 1000) / 10 : 0]),
    );
  }
  return { bundles: names, totals, rows };
}
