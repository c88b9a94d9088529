// The widget on real peer backends: WordPress, Isso and Waline run on loopback, are seeded through
// their own APIs with tests/e2e/peers/seed-thread.json (a → b → c → d, e → f), and the widget,
// embedded on a second origin with data-backend, must show the thread nested and in order, post a
// reply in place, and find it again after a reload.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startStaticServer } from './harness.mjs';
import { startIsso } from './peers/isso.mjs';
import { loadSeedThread } from './peers/process.mjs';
import { startWaline } from './peers/waline.mjs';
import { startWordPress } from './peers/wordpress.mjs';
import {
  clickOwnReply,
  commentWithText,
  expandAll,
  fillForm,
  renderedComments,
  replyForm,
  showThread,
  topForm,
  uniqueText,
} from './widget.mjs';

const LIMIT = { timeout: 90_000 };

/**
 * Checks that every seeded comment is rendered under the parent the backend stored, with DOM
 * nesting to match, and that siblings keep the seed's order. `storedParent(key)` is the key of
 * the parent the backend really keeps.
 */
async function assertSeededThread(page, ids, seed, storedParent) {
  const rendered = await renderedComments(page);
  const byId = new Map(rendered.map((c) => [String(c.id), c]));
  const keyOf = new Map(Object.entries(ids).map(([k, v]) => [String(v), k]));
  for (const c of seed.comments) {
    const el = byId.get(String(ids[c.key]));
    assert.ok(el, `comment ${c.key} (id ${ids[c.key]}) is rendered`);
    const parentKey = storedParent(c.key);
    const want = parentKey ? String(ids[parentKey]) : '';
    assert.equal(el.parent, want, `comment ${c.key} names its parent`);
    assert.equal(el.ancestor === null ? '' : String(el.ancestor), want, `comment ${c.key} sits inside its parent`);
  }
  // Order: in document order, seeded comments appear as in the seed (a before e, b before c …).
  const order = rendered.map((c) => keyOf.get(String(c.id))).filter(Boolean);
  assert.deepEqual(order, [...order].sort(), 'seeded comments render in the order they were written');
}

/** Opens the reply form under `parentId`, posts, and returns the new comment's placement. */
async function replyInPlace(page, parentId, { email = 'reader@example.org' } = {}) {
  await clickOwnReply(page, parentId);
  const form = replyForm(page, parentId);
  await form.waitFor({ state: 'visible' });
  const text = uniqueText('A reply written in place, answering this comment.');
  await fillForm(form, { author: 'Ola Reader', email, text });
  await form.locator('button.tl-submit').click();
  const placed = await commentWithText(page, text);
  return { text, placed };
}

const seedPromise = loadSeedThread();

for (const peer of [
  {
    name: 'WordPress',
    backend: 'wordpress',
    start: () => startWordPress(),
    // The page URL: the adapter resolves it to the post by its slug.
    page: (server, host) => host.pageUrl({ api: `${server.url}/wp-json`, backend: 'wordpress', thread: server.link }),
    storedParent: (seed) => (key) => seed.comments.find((c) => c.key === key).parent,
    replyParentKey: 'c',
  },
  {
    name: 'Isso',
    backend: 'isso',
    start: (host) => startIsso({ hosts: [host.origin] }),
    page: (server, host, seed) => host.pageUrl({ api: server.url, backend: 'isso', thread: seed.thread }),
    // Isso keeps two levels: c and d are stored under a.
    storedParent: (seed) => (key) => {
      let c = seed.comments.find((x) => x.key === key);
      if (!c.parent) return null;
      while (seed.comments.find((x) => x.key === c.parent).parent) c = seed.comments.find((x) => x.key === c.parent);
      return c.parent;
    },
    replyParentKey: 'b',
  },
  {
    name: 'Waline',
    backend: 'waline',
    start: () => startWaline(),
    page: (server, host, seed) => host.pageUrl({ api: server.url, backend: 'waline', thread: seed.thread }),
    storedParent: (seed) => (key) => seed.comments.find((c) => c.key === key).parent,
    replyParentKey: 'c',
  },
]) {
  describe(`widget on a real ${peer.name} server`, () => {
    let host;
    let server;
    let browser;
    let seed;
    let ids;
    const reply = {};

    before(async () => {
      seed = await seedPromise;
      host = await startStaticServer();
      server = await peer.start(host);
      ({ ids } = await server.seed());
      browser = await launchBrowser();
    }, LIMIT);

    after(async () => {
      await browser?.close();
      await server?.stop();
      await host?.stop();
    });

    test('shows the seeded thread nested and in order', LIMIT, async () => {
      const { page, problems } = browser;
      const wasm = [];
      const onRequest = (request) => request.url().endsWith('.wasm') && wasm.push(new URL(request.url()).pathname);
      page.on('request', onRequest);
      await page.goto(peer.page(server, host, seed));
      await showThread(page, { problems });
      page.off('request', onRequest);
      await expandAll(page);
      await assertSeededThread(page, ids, seed, peer.storedParent(seed));
      // The loader fetched this backend's own bundle, and only it.
      assert.equal(wasm.length, 1, `one wasm: ${wasm.join(', ')}`);
      assert.match(wasm[0], new RegExp(`/threadline-${peer.backend}-[0-9a-f]{16}_bg\\.wasm$`));
    });

    test('posts a reply in place, and finds it under its parent after a reload', LIMIT, async () => {
      const { page, problems } = browser;
      const parentKey = peer.replyParentKey;
      const { text, placed } = await replyInPlace(page, String(ids[parentKey]));
      // Where the backend files the reply: under the comment answered, or, for Isso, under the
      // top-level comment, with a note naming whom it answers.
      const stored = peer.storedParent(seed)(parentKey) && peer.backend === 'isso' ? ids.a : ids[parentKey];
      assert.equal(placed.parent, String(stored));
      assert.equal(placed.inRepliesOf, String(stored));
      if (peer.backend === 'isso') {
        const note = await page.locator(`#comment-${placed.id} .tl-in-reply-to`).first().textContent();
        assert.match(note, /in reply to Dev Okafor/);
      }
      reply.id = placed.id;

      await page.reload();
      await showThread(page, { problems });
      await expandAll(page);
      const again = await commentWithText(page, text);
      assert.equal(again.id, placed.id);
      assert.equal(again.parent, String(stored));
      assert.equal(again.inRepliesOf, String(stored));
      await assertSeededThread(page, ids, seed, peer.storedParent(seed));
    });
  });
}

describe('WordPress that refuses anonymous comments', () => {
  let host;
  let server;
  let browser;

  before(async () => {
    host = await startStaticServer();
    server = await startWordPress({ allowAnonymous: false });
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.stop();
    await host?.stop();
  });

  test("shows WordPress's refusal in words, and keeps the text", LIMIT, async () => {
    const { page, problems } = browser;
    await page.goto(host.pageUrl({ api: `${server.url}/wp-json`, backend: 'wordpress', postId: server.postId }));
    await showThread(page, { problems });
    const form = topForm(page);
    const text = uniqueText('Can a visitor comment here?');
    await fillForm(form, { author: 'Visitor', email: 'visitor@example.org', text });
    await form.locator('button.tl-submit').click();
    const error = form.locator('.tl-form-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /logged-in readers/);
    assert.equal(await form.locator('textarea[name="text"]').inputValue(), text);
  });
});

describe('broken backends', () => {
  let host;
  let browser;

  before(async () => {
    host = await startStaticServer();
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  // The static server answers every unknown path with a 404 page and `/` with HTML; port 9 is
  // closed. Each case must end in a clear message naming the backend, with a Retry button.
  for (const [backend, api, name, words, what] of [
    ['isso', () => host.origin, 'Isso', /answer we couldn't read/, 'an HTML page'],
    ['waline', () => host.origin, 'Waline', /refused|couldn't read/, 'a 404 page'],
    ['wordpress', () => `${host.origin}/wp-json`, 'WordPress', /refused|couldn't read/, 'a 404 page'],
    ['waline', () => 'http://127.0.0.1:9', 'Waline', /couldn't reach/, 'a closed port'],
  ]) {
    test(`${backend} answering with ${what}`, LIMIT, async () => {
      const { page, problems } = browser;
      const crashes = [];
      page.on('pageerror', (e) => crashes.push(e.message));
      await page.goto(host.pageUrl({ api: api(), backend, thread: '/t', postId: backend === 'wordpress' ? 1 : undefined }));
      await page.locator('#threadline').scrollIntoViewIfNeeded();
      await page.waitForSelector('.tl-root[data-state="error"] button.tl-retry', { timeout: 20_000 });
      const message = await page.locator('.tl-error-message').textContent();
      assert.ok(message.includes(name), `"${message}" names ${name}`);
      assert.match(message, words);
      assert.deepEqual(crashes, [], `no uncaught errors (${problems.join('; ')})`);
    });
  }
});
