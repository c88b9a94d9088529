// The owner rules and sums of `owners.mjs`, on made-up twiggy rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byOwner, owner } from './owners.mjs';

test('items belong to their crate, Threadline items to their module', () => {
  assert.equal(owner('threadline::mapping::value::Spec::read::h0123456789abcdef'), 'threadline::mapping');
  assert.equal(owner('<threadline::components::comment::CommentView as yew::functional::FunctionProvider>::run::h1'), 'threadline::components');
  assert.equal(owner('<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_any::h2'), 'serde_json');
  assert.equal(owner('core::fmt::write::h3'), 'core');
  assert.equal(owner('<T as alloc::string::ToString>::to_string::h4'), 'generic impls of no one crate');
  assert.equal(owner('data[3]'), 'constant data (data segments)');
  assert.equal(owner('data segment ".rodata.26"'), 'constant data (data segments)');
  assert.equal(owner('__wbg_fetch_1234'), 'wasm_bindgen');
  assert.equal(owner('export "__wbindgen_malloc"'), 'wasm structure (types, imports, exports, tables)');
  assert.equal(owner('import wbg::__wbg_new_123'), 'wasm structure (types, imports, exports, tables)');
  assert.equal(owner('"function names" subsection'), null);
});

test('sums are whole, shares are per bundle, and the tail is one row', () => {
  const rows = (entries) => entries.map(([name, shallow_size]) => ({ name, shallow_size }));
  const result = byOwner(
    {
      reader: rows([['yew::a::h', 60], ['core::b::h', 40], ['"function names" subsection', 500]]),
      custom: rows([['yew::a::h', 60], ['core::b::h', 40], ['threadline::mapping::c::h', 100], ['Σ [3 Total Rows]', 200]]),
    },
    2,
  );
  assert.deepEqual(result.totals, { reader: 100, custom: 200 });
  assert.deepEqual(result.rows[0], { owner: 'yew', bytes: { reader: 60, custom: 60 }, percent: { reader: 60, custom: 30 } });
  assert.equal(result.rows[1].owner, 'threadline::mapping');
  assert.deepEqual(result.rows[2], { owner: '1 more owners', bytes: { reader: 40, custom: 40 }, percent: { reader: 40, custom: 20 } });
});
