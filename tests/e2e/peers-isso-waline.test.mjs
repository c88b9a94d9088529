// The peer-server harness against the REAL Isso 0.14.0 and Waline 1.39.3 servers on loopback:
// each is started, seeded with tests/e2e/peers/seed-thread.json through its own HTTP API, and
// read back, asserting what the servers really do (see shared/PEERS.md).
//
// Run: `cargo xtask test` (installs both), or after that, by itself:
//   node --test tests/e2e/peers-isso-waline.test.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startIsso, postJson as issoPost } from './peers/isso.mjs';
import { loadSeedThread } from './peers/process.mjs';
import { startWaline, postJson as walinePost } from './peers/waline.mjs';

// Widget page origins allowed to call Isso. Nothing listens there: Isso only compares them.
const PAGE = 'http://127.0.0.1:5173';
const SECOND_PAGE = 'http://localhost:5173';

const seedThread = await loadSeedThread();
const textOf = (key) => seedThread.comments.find((c) => c.key === key).text;

describe('Isso 0.14.0, real server', () => {
  let isso;
  let seeded;
  const list = async (query = '') =>
    (await fetch(`${isso.url}/?uri=${encodeURIComponent(seeded.thread)}${query}`)).json();

  before(async () => {
    isso = await startIsso({ hosts: [PAGE, SECOND_PAGE] });
    seeded = await isso.seed();
  });
  after(async () => {
    await isso?.stop();
  });

  test('seeding gives every comment a distinct integer id, in posting order', () => {
    const ids = seedThread.comments.map((c) => seeded.ids[c.key]);
    assert.ok(ids.every(Number.isInteger), JSON.stringify(seeded.ids));
    assert.deepEqual([...ids].sort((x, y) => x - y), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(seeded.thread, seedThread.thread);
  });

  test('stores only two levels: replies to replies are filed under the top-level comment', async () => {
    const { ids } = seeded;
    const body = await list('&nested_limit=5');
    assert.equal(body.id, null);
    assert.equal(body.total_replies, 6);
    assert.equal(body.hidden_replies, 0);
    assert.deepEqual(body.replies.map((c) => c.id), [ids.a, ids.e]);
    const [a, e] = body.replies;
    // c answered b, and d answered c, yet all three hang off a with parent = a.
    assert.deepEqual(a.replies.map((c) => [c.id, c.parent]), [[ids.b, ids.a], [ids.c, ids.a], [ids.d, ids.a]]);
    assert.deepEqual(e.replies.map((c) => [c.id, c.parent]), [[ids.f, ids.e]]);
    assert.equal(a.total_replies, 3);
    assert.ok(a.replies.every((c) => !('replies' in c)), 'second-level comments carry no replies');
    const all = [a, ...a.replies, e, ...e.replies];
    assert.ok(all.every((c) => c.mode === 1 && typeof c.created === 'number' && c.modified === null));
    assert.ok(all.every((c, i) => i === 0 || c.created > all[i - 1].created), 'oldest first by default');
    assert.equal(a.text, `<p>${textOf('a')}</p>`, 'text comes back as HTML');
    assert.equal(a.replies[0].website, 'https://dev.example.org');
  });

  test('a reply to a second-level comment is answered with parent = the top-level id', async () => {
    const response = await issoPost(`${isso.url}/new?uri=${encodeURIComponent(seeded.thread)}`, {
      text: 'Replying to the deepest comment.',
      author: 'Ola',
      parent: seeded.ids.d,
    });
    assert.equal(response.status, 201);
    const created = await response.json();
    assert.equal(created.parent, seeded.ids.a);
    const body = await list();
    assert.equal(body.replies[0].replies.at(-1).id, created.id);
  });

  test('nested_limit hides replies and says how many', async () => {
    const body = await list('&nested_limit=1');
    const [a, e] = body.replies;
    assert.deepEqual(a.replies.map((c) => c.id), [seeded.ids.b]);
    assert.equal(a.hidden_replies, a.total_replies - 1);
    assert.equal(e.hidden_replies, 0);
  });

  test('text under 3 characters is a 400 with an HTML page, and nothing is stored', async () => {
    const before = (await list()).total_replies;
    const response = await issoPost(`${isso.url}/new?uri=${encodeURIComponent(seeded.thread)}`, {
      text: 'hi',
      author: 'Ola',
      parent: null,
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    assert.match(await response.text(), /too short/);
    assert.equal((await list()).total_replies, before);
  });

  test('a new thread without a title is a 400; a form post is a 403', async () => {
    const fresh = await issoPost(`${isso.url}/new?uri=/never-seen`, { text: 'Hello there', author: 'Ola' });
    assert.equal(fresh.status, 400);
    assert.match(await fresh.text(), /no title was provided/);
    const form = await fetch(`${isso.url}/new?uri=/never-seen`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'Hello there' }),
    });
    assert.equal(form.status, 403);
  });

  test('CORS echoes each configured origin, with credentials; an unknown uri is an empty 200', async () => {
    for (const origin of [PAGE, SECOND_PAGE]) {
      const response = await fetch(`${isso.url}/?uri=/never-seen`, { headers: { origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
      assert.deepEqual((await response.json()).replies, []);
    }
    const stranger = await fetch(`${isso.url}/?uri=/never-seen`, { headers: { origin: 'http://evil.test' } });
    assert.notEqual(stranger.headers.get('access-control-allow-origin'), 'http://evil.test');
  });
});

describe('Waline 1.39.3, real server', () => {
  let waline;
  let seeded;
  const get = async (query) => (await fetch(`${waline.url}/api/comment?${query}`)).json();
  const path = () => `path=${encodeURIComponent(seeded.thread)}`;

  before(async () => {
    waline = await startWaline();
    seeded = await waline.seed();
  });
  after(async () => {
    await waline?.stop();
  });

  test('seeding gives every comment a distinct integer objectId', () => {
    const ids = seedThread.comments.map((c) => seeded.ids[c.key]);
    assert.ok(ids.every(Number.isInteger), JSON.stringify(seeded.ids));
    assert.equal(new Set(ids).size, ids.length);
  });

  test('lists roots with every descendant flat in children, depth only in pid, rid = the root', async () => {
    const { ids } = seeded;
    const body = await get(`${path()}&page=1&pageSize=10&sortBy=insertedAt_asc`);
    assert.equal(body.errno, 0);
    assert.equal(body.data.count, 6);
    assert.equal(body.data.totalPages, 1);
    const roots = body.data.data;
    assert.deepEqual(roots.map((c) => [c.objectId, c.pid, c.rid]), [[ids.a, null, null], [ids.e, null, null]]);
    const [a, e] = roots;
    const byId = (list) => [...list].sort((x, y) => x.objectId - y.objectId);
    assert.deepEqual(
      byId(a.children).map((c) => [c.objectId, c.pid, c.rid, c.reply_user.nick]),
      [
        [ids.b, ids.a, ids.a, 'Maren Holt'],
        [ids.c, ids.b, ids.a, 'Dev Okafor'],
        [ids.d, ids.c, ids.a, 'Tom Reyes'],
      ],
    );
    assert.deepEqual(e.children.map((c) => [c.objectId, c.pid, c.rid]), [[ids.f, ids.e, ids.e]]);
    assert.ok(a.children.every((c) => !('children' in c)), 'children are flat');
    // Children come newest first: the reverse of the list's ascending order (ties by id).
    assert.deepEqual(a.children.map((c) => c.objectId), [ids.d, ids.c, ids.b]);
    for (const c of [a, ...a.children]) {
      assert.ok(Number.isInteger(c.time) && c.time > 1.7e12, `time is epoch ms: ${c.time}`);
      assert.equal(c.status, 'approved');
    }
    assert.equal(a.comment, `<p>${textOf('a')}</p>\n`);
    assert.equal(a.orig, textOf('a'));
  });

  test('pageSize pages the roots only; each root brings all its children', async () => {
    const page2 = await get(`${path()}&page=2&pageSize=1&sortBy=insertedAt_asc`);
    assert.equal(page2.errno, 0);
    assert.equal(page2.data.totalPages, 2);
    assert.equal(page2.data.count, 6);
    assert.deepEqual(page2.data.data.map((c) => c.objectId), [seeded.ids.e]);
    assert.deepEqual(page2.data.data[0].children.map((c) => c.objectId), [seeded.ids.f]);
  });

  test('counts several paths at once', async () => {
    const body = await get(`type=count&url=${encodeURIComponent(seeded.thread)},/never-seen`);
    assert.deepEqual(body, { errno: 0, errmsg: '', data: [6, 0] });
  });

  test('missing fields are HTTP 200 with errno != 0 and an object errmsg; nothing is stored', async () => {
    const response = await walinePost(`${waline.url}/api/comment`, { nick: 'Ola', url: seeded.thread });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.notEqual(body.errno, 0);
    assert.equal(typeof body.errmsg, 'object');
    assert.ok('comment' in body.errmsg, JSON.stringify(body.errmsg));
    const missingPath = await get('page=1');
    assert.notEqual(missingPath.errno, 0);
    assert.deepEqual((await get(`type=count&url=${encodeURIComponent(seeded.thread)}`)).data, [6]);
  });

  test('a reply sent without rid is listed as a top-level comment', async () => {
    const url = '/no-rid';
    const post = async (body) => (await walinePost(`${waline.url}/api/comment`, body)).json();
    const root = await post({ comment: 'Root here.', nick: 'Ola', url });
    const reply = await post({ comment: 'Reply, no rid.', nick: 'Ola', url, pid: root.data.objectId });
    assert.equal(reply.errno, 0);
    const body = await get(`path=${url}`);
    const numeric = (x, y) => x - y;
    assert.deepEqual(
      body.data.data.map((c) => c.objectId).sort(numeric),
      [root.data.objectId, reply.data.objectId].sort(numeric),
    );
    assert.deepEqual(body.data.data.find((c) => c.objectId === root.data.objectId).children, []);
  });

  test('posting the same text twice is errno 1000 "Duplicate Content"', async () => {
    const comment = { comment: 'Said once only.', nick: 'Ola', url: '/duplicates' };
    assert.equal((await (await walinePost(`${waline.url}/api/comment`, comment)).json()).errno, 0);
    const again = await walinePost(`${waline.url}/api/comment`, comment);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { errno: 1000, errmsg: 'Duplicate Content' });
  });
});
