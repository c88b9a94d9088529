// What the mapping language of issue 12 says, as the widget shows it, end to end in Chromium.
// The APIs are played by request interception on the page's origin, from the hand-written
// answers of tests/fixtures/custom/ and their worked mappings (docs/backends.md):
//   Reddit     given by URL: continuation stubs skipped and shown as "N more replies" (fetched
//              in place, with an error and Retry first), a placeholder, pinned and edited flags;
//   Bluesky    a content warning hidden until Show, link ranges as links, placeholders, remote
//              avatars (lazy, no referrer, identicon when broken), and a reply citing its
//              parent and root each by URI and content hash;
//   GitHub     a flat API without quoting: no Reply button, and no Email or Website field;
//   Discourse  a reply sent with the parent's post number, not its id;
//   Lemmy      a reply nested by its path string.
// Every posted reply must nest under its parent again after a reload.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, ROOT, startStaticServer } from './harness.mjs';
import { clickOwnReply, commentWithText, fillForm, renderedComments, replyForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 60_000 };
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'custom');
const json = async (api, file) => JSON.parse(await readFile(path.join(FIXTURES, api, file), 'utf8'));
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('issue 12 mappings in the widget', () => {
  let host;
  let browser;
  const f = {};
  /** Requests for avatar pictures: { url, referer }. */
  const avatarRequests = [];
  /** How many times `morechildren` was asked; the first one fails. */
  let moreCalls = 0;
  const posted = { bluesky: [], discourse: [], lemmy: [], github: [] };

  before(async () => {
    for (const api of ['reddit', 'bluesky', 'github', 'discourse', 'lemmy']) {
      f[api] = { mapping: await json(api, 'mapping.json'), list: await json(api, 'list.json') };
    }
    f.reddit.more = await json('reddit', 'more.json');
    // Bob's avatar is broken and Carol's is a script: both must end as identicons.
    const replies = f.bluesky.list.thread.replies;
    replies[0].replies[0].post.author.avatar = 'https://cdn.bsky.example/avatar/broken.jpg';
    replies[3].post.author.avatar = 'javascript:alert(1)';
    // GitHub without `tree.quote`: a flat API that takes no replies at all.
    f.quoting = structuredClone(f.github.mapping);
    delete f.github.mapping.tree.quote;

    host = await startStaticServer();
    browser = await launchBrowser();
    const { page } = browser;
    const answer = (route, body, status = 200) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

    await page.route('**/mappings/reddit.json', (route) => answer(route, f.reddit.mapping));
    await page.route('**/comments/abc123.json*', (route) => answer(route, f.reddit.list));
    await page.route('**/api/morechildren.json*', (route) => {
      moreCalls += 1;
      if (moreCalls === 1) return answer(route, { message: 'Too Many Requests', error: 429 }, 503);
      return answer(route, f.reddit.more);
    });

    await page.route('https://cdn.bsky.example/**', (route) => {
      avatarRequests.push({ url: route.request().url(), referer: route.request().headers().referer ?? null });
      if (route.request().url().endsWith('/alice.jpg')) return route.fulfill({ contentType: 'image/png', body: PNG });
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' });
    });
    await page.route('**/xrpc/app.bsky.feed.getPostThread*', (route) => answer(route, f.bluesky.list));
    await page.route('**/xrpc/com.atproto.repo.createRecord', (route) => {
      const body = route.request().postDataJSON();
      posted.bluesky.push(body);
      const n = posted.bluesky.length;
      const uri = `at://did:plc:reader/app.bsky.feed.post/3knew${n}`;
      const node = {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: {
          uri,
          cid: `bafynew${n}`,
          author: { did: 'did:plc:reader', handle: 'reader.example.com', displayName: 'Reader' },
          record: body.record,
          replyCount: 0,
          indexedAt: body.record.createdAt,
        },
        replies: [],
      };
      const find = (nodes, want) => {
        for (const x of nodes) {
          if (x.post?.uri === want) return x;
          const deeper = find(x.replies ?? [], want);
          if (deeper) return deeper;
        }
        return null;
      };
      const parent = find(f.bluesky.list.thread.replies, body.record.reply?.parent?.uri);
      (parent ? parent.replies : f.bluesky.list.thread.replies).push(node);
      return answer(route, { uri, cid: `bafynew${n}`, validationStatus: 'valid' });
    });

    await page.route('**/repos/example/blog/issues/7/comments*', (route) => {
      if (route.request().method() !== 'POST') return answer(route, f.github.list);
      const { body } = route.request().postDataJSON();
      posted.github.push(body);
      const comment = {
        ...structuredClone(f.github.list[0]),
        id: 2000 + posted.github.length,
        body_html: `<p>${body.replace(/[<>&]/g, '')}</p>`,
        created_at: new Date().toISOString(),
      };
      f.github.list.push(comment);
      return answer(route, comment, 201);
    });

    await page.route('**/t/4242.json*', (route) => answer(route, f.discourse.list));
    await page.route('**/posts.json', (route) => {
      const body = route.request().postDataJSON();
      posted.discourse.push(body);
      const posts = f.discourse.list.post_stream.posts;
      const number = Math.max(...posts.map((p) => p.post_number)) + 1;
      const post = {
        ...posts[1],
        id: 9100 + number,
        name: 'Reader',
        username: 'reader',
        cooked: `<p>${body.raw}</p>`,
        post_number: number,
        reply_to_post_number: body.reply_to_post_number == null ? null : Number(body.reply_to_post_number),
        created_at: new Date().toISOString(),
      };
      posts.push(post);
      f.discourse.list.reply_count += 1;
      return answer(route, post);
    });

    await page.route('**/api/v3/comment/list*', (route) => answer(route, f.lemmy.list));
    await page.route('**/api/v3/comment', (route) => {
      const body = route.request().postDataJSON();
      posted.lemmy.push(body);
      const comments = f.lemmy.list.comments;
      const id = 90 + posted.lemmy.length;
      const parent = comments.find((c) => String(c.comment.id) === String(body.parent_id));
      const view = structuredClone(comments[0]);
      Object.assign(view.comment, {
        id,
        content: body.content,
        path: `${parent ? parent.comment.path : '0'}.${id}`,
        published: new Date().toISOString(),
        distinguished: false,
      });
      delete view.comment.updated;
      view.creator = { ...view.creator, name: 'reader', display_name: 'Reader' };
      comments.push(view);
      return answer(route, { comment_view: view, recipient_ids: [], form_id: null });
    });
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function open({ thread, mapping, avatars }) {
    const { page, problems } = browser;
    await page.goto(host.pageUrl({ api: host.origin, backend: 'custom', thread, mapping, avatars }));
    await showThread(page, { problems });
    return page;
  }

  test('Reddit by URL: stubs skipped, flags, a placeholder, and "N more replies" loaded in place after a Retry', LIMIT, async () => {
    const page = await open({ thread: 'abc123', mapping: '/mappings/reddit.json' });
    const ids = (await renderedComments(page)).map((c) => c.id);
    assert.deepEqual(ids, ['t1_k1', 't1_k2', 't1_k3', 't1_k4', 't1_k5'], 'stubs are not comments');
    assert.equal(await page.locator('.tl-title').textContent(), '5 comments', 'stubs are not counted');
    assert.equal(await page.locator('#comment-t1_k1 .tl-pinned').count(), 1, 'stickied is pinned');
    assert.equal(await page.locator('#comment-t1_k3 > .tl-card .tl-edited').textContent(), 'edited');
    assert.equal(await page.locator('#comment-t1_k2 > .tl-card .tl-edited').count(), 0);
    const removed = page.locator('#comment-t1_k4 > .tl-card');
    assert.match(await removed.locator('.tl-deleted').textContent(), /removed/i, 'a placeholder keeps its place');
    assert.equal(await removed.locator('button.tl-reply').count(), 0, 'no Reply under a placeholder');

    const more = page.locator('#comment-t1_k3 > .tl-more-replies button');
    assert.equal(await more.textContent(), '3 more replies');
    assert.equal(await page.locator('#comment-t1_k2 > .tl-more-replies button').textContent(), '2 more replies');
    await more.click();
    const error = page.locator('#comment-t1_k3 > .tl-more-replies [role="alert"]');
    await error.waitFor({ state: 'visible' });
    assert.equal(await more.textContent(), 'Retry');
    await more.click();
    await page.locator('#comment-t1_k10').waitFor({ state: 'visible' });
    const placed = await renderedComments(page);
    for (const id of ['t1_k10', 't1_k11']) {
      assert.equal(placed.find((c) => c.id === id)?.ancestor, 't1_k3', `${id} nests under its parent`);
    }
    assert.equal(await page.locator('#comment-t1_k3 > .tl-more-replies').count(), 0, 'the button is gone');
    assert.equal(moreCalls, 2);
    assert.equal(await page.locator('.tl-title').textContent(), '7 comments');
  });

  test('Bluesky: a warning hides the body until Show; ranges are links; placeholders; remote avatars', LIMIT, async () => {
    const thread = f.bluesky.list.thread.post.uri;
    const page = await open({ thread, mapping: JSON.stringify(f.bluesky.mapping), avatars: 'remote' });
    const carol = page.locator('article[data-id="at://did:plc:carol/app.bsky.feed.post/3kccc"] > .tl-card');
    const show = carol.locator('button.tl-warning-toggle');
    assert.match(await carol.locator('.tl-warning').textContent(), /graphic-media/);
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    assert.equal(await carol.locator('.tl-body').count(), 0, 'the body is not there before Show');
    assert.equal(await page.getByText('Photo of the wound').count(), 0);
    await show.click();
    assert.equal(await show.getAttribute('aria-expanded'), 'true');
    await carol.locator('.tl-body', { hasText: 'Photo of the wound on the old oak.' }).waitFor({ state: 'visible' });
    assert.equal(await show.textContent(), 'Hide');

    const alice = page.locator('article[data-id="at://did:plc:alice/app.bsky.feed.post/3kaaa"] > .tl-card');
    const links = await alice.locator('.tl-body a').evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), rel: a.rel })),
    );
    assert.deepEqual(links, [
      { text: 'example.org/trees', href: 'https://example.org/trees', rel: 'nofollow ugc noopener' },
      { text: '@bob.example.com', href: 'https://bsky.app/profile/did:plc:bob', rel: 'nofollow ugc noopener' },
    ]);
    assert.equal(
      await alice.locator('.tl-body').textContent(),
      'Café notes — see example.org/trees and thanks @bob.example.com!',
      'the text around the ranges is kept',
    );
    assert.equal(await page.locator('.tl-deleted').count(), 2, 'not found and blocked stay as placeholders');

    // Remote avatars: lazy, no referrer, http(s) only; a broken one falls back to the identicon.
    // Lazy pictures load near the viewport: bring both authors there.
    const bob = page.locator('article[data-id="at://did:plc:bob/app.bsky.feed.post/3kbbb"] > .tl-card');
    await bob.scrollIntoViewIfNeeded();
    await alice.scrollIntoViewIfNeeded();
    const img = alice.locator('img.tl-avatar');
    await img.waitFor({ state: 'visible' });
    await img.evaluate((i) => (i.complete && i.naturalWidth > 0) || new Promise((done) => i.addEventListener('load', done)));
    assert.deepEqual(
      await img.evaluate((i) => ({ loading: i.loading, policy: i.referrerPolicy, src: i.src, alt: i.alt })),
      { loading: 'lazy', policy: 'no-referrer', src: 'https://cdn.bsky.example/avatar/alice.jpg', alt: '' },
    );
    await page.waitForFunction(() => {
      const root = document.querySelector('#threadline').shadowRoot;
      const bob = root.querySelector('article[data-id="at://did:plc:bob/app.bsky.feed.post/3kbbb"] > .tl-card .tl-meta');
      return bob?.querySelector('svg.tl-avatar') && !bob.querySelector('img');
    });
    const carolAvatar = await carol.locator('.tl-meta > :first-child').evaluate((el) => el.tagName.toLowerCase());
    assert.equal(carolAvatar, 'svg', 'a javascript: avatar is never loaded');
    const alicePicture = avatarRequests.find((r) => r.url.endsWith('/alice.jpg'));
    assert.ok(alicePicture, 'the picture was requested');
    assert.equal(alicePicture.referer, null, 'without a referrer');
    assert.ok(!avatarRequests.some((r) => r.url.startsWith('javascript')));

    // Without data-avatars, identicons only, and no request leaves the page for a picture.
    const before = avatarRequests.length;
    await open({ thread, mapping: JSON.stringify(f.bluesky.mapping) });
    assert.equal(await page.locator('img.tl-avatar').count(), 0);
    assert.equal(avatarRequests.length, before);
  });

  test('Bluesky: a reply cites its parent and the root by URI and hash, and nests after a reload', LIMIT, async () => {
    const thread = f.bluesky.list.thread.post.uri;
    const mapping = JSON.stringify(f.bluesky.mapping);
    const page = await open({ thread, mapping });
    const alice = 'at://did:plc:alice/app.bsky.feed.post/3kaaa';
    const text = uniqueText('A reply with composite references.');
    await clickOwnReply(page, alice);
    const form = replyForm(page, alice);
    await fillForm(form, { author: 'Reader', text });
    await form.locator('button.tl-submit').click();
    assert.equal((await commentWithText(page, text)).ancestor, alice);
    const sent = posted.bluesky.at(-1).record.reply;
    assert.deepEqual(sent, {
      root: { uri: 'at://did:plc:blogowner/app.bsky.feed.post/3kroot', cid: 'bafyroot' },
      parent: { uri: alice, cid: 'bafyaaa' },
    });
    await open({ thread, mapping });
    const placed = await commentWithText(page, text);
    assert.equal(placed.ancestor, alice, 'nested under Alice after a reload');
  });

  test('GitHub without quoting: a flat API has no Reply button, and no Email or Website field', LIMIT, async () => {
    const page = await open({ thread: '7', mapping: JSON.stringify(f.github.mapping) });
    assert.equal((await renderedComments(page)).length, 2);
    assert.equal(await page.locator('button.tl-reply').count(), 0);
    const form = topForm(page);
    await form.waitFor({ state: 'visible' });
    assert.equal(await form.locator('input[name="email"]').count(), 0, 'the post body has no {email}');
    assert.equal(await form.locator('input[name="website"]').count(), 0, 'the post body has no {website}');
  });

  test('GitHub with quoting: Reply posts a top-level comment that quotes the comment answered', LIMIT, async () => {
    const mapping = JSON.stringify(f.quoting);
    const page = await open({ thread: '7', mapping });
    const text = uniqueText('An answer on a flat API.');
    await clickOwnReply(page, '1001');
    const form = replyForm(page, '1001');
    await fillForm(form, { author: 'Reader', text });
    await form.locator('button.tl-submit').click();
    assert.equal((await commentWithText(page, text)).ancestor, null, 'shown at the top level at once');
    assert.equal(posted.github.at(-1), `> @ada wrote earlier\n\n${text}`, 'the body quotes the parent');
    await open({ thread: '7', mapping });
    assert.equal((await commentWithText(page, text)).ancestor, null, 'and where it stays after a reload');
  });

  test('Discourse: a reply sends the post number and nests after a reload', LIMIT, async () => {
    const mapping = JSON.stringify(f.discourse.mapping);
    const page = await open({ thread: '4242', mapping });
    const ids = (await renderedComments(page)).map((c) => c.id);
    assert.ok(!ids.includes('9001'), 'the topic itself (post 1) is skipped');
    const text = uniqueText('A reply to post number three, long enough.');
    await clickOwnReply(page, '9003');
    const form = replyForm(page, '9003');
    await fillForm(form, { author: 'Reader', text });
    await form.locator('button.tl-submit').click();
    assert.equal((await commentWithText(page, text)).ancestor, '9003');
    assert.equal(String(posted.discourse.at(-1).reply_to_post_number), '3', 'the number, not the id 9003');
    await open({ thread: '4242', mapping });
    const placed = await commentWithText(page, text);
    assert.deepEqual([placed.parent, placed.ancestor], ['9003', '9003'], 'nested under post 3 after a reload');
  });

  test('Lemmy: a reply under a path-nested comment nests by its path after a reload', LIMIT, async () => {
    const mapping = JSON.stringify(f.lemmy.mapping);
    const page = await open({ thread: '77', mapping });
    const before = await renderedComments(page);
    assert.equal(before.find((c) => c.id === '78')?.ancestor, '45', '0.12.45.78 answers 45');
    const text = uniqueText('A reply under forty-five.');
    await clickOwnReply(page, '45');
    const form = replyForm(page, '45');
    await fillForm(form, { author: 'Reader', text });
    await form.locator('button.tl-submit').click();
    assert.equal((await commentWithText(page, text)).ancestor, '45');
    assert.equal(String(posted.lemmy.at(-1).parent_id), '45');
    await open({ thread: '77', mapping });
    const placed = await commentWithText(page, text);
    assert.deepEqual([placed.parent, placed.ancestor], ['45', '45'], 'nested under 45 after a reload');
  });
});
