// The real WordPress the adapter will talk to (tests/e2e/peers/wordpress.mjs): these tests pin
// the REST behaviour the adapter relies on, so that a WordPress or recipe change shows up here
// first. Two instances for the whole file: one open to anonymous comments, one not.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadSeedThread, startWordPress } from './peers/wordpress.mjs';

/** An origin other than WordPress's, as the widget's host page would have. */
const OTHER_ORIGIN = 'http://127.0.0.1:9';

let wp;
let closed;
let ids;
let seedThread;

before(async () => {
  seedThread = await loadSeedThread();
  // allSettled: if one fails to start, the other is still assigned, so that after() stops it.
  const started = await Promise.allSettled([startWordPress(), startWordPress({ allowAnonymous: false })]);
  [wp, closed] = started.map((outcome) => outcome.value);
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  ({ ids } = await wp.seed());
});

after(async () => {
  await Promise.all([wp?.stop(), closed?.stop()]);
});

/** `fetch` that returns `{ status, headers, body }` with the body parsed as JSON. */
async function request(url, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function postComment(site, fields, headers) {
  return request(`${site.restBase}/comments`, { method: 'POST', body: fields, headers });
}

function listUrl(site, query) {
  return `${site.restBase}/comments?post=${site.postId}&${query}`;
}

describe('WordPress REST comments', () => {
  test('the seeded thread comes back flat, in id order, with parent ids three levels deep', async () => {
    const { status, headers, body } = await request(listUrl(wp, 'per_page=100&orderby=id&order=asc'));
    assert.equal(status, 200);
    assert.match(headers.get('content-type'), /^application\/json; charset=UTF-8$/);
    assert.equal(headers.get('x-wp-total'), String(seedThread.comments.length));

    assert.deepEqual(body.map((c) => c.id), seedThread.comments.map((c) => ids[c.key]));
    for (const [i, seeded] of seedThread.comments.entries()) {
      const got = body[i];
      assert.equal(got.post, wp.postId);
      assert.equal(got.parent, seeded.parent === null ? 0 : ids[seeded.parent], `parent of ${seeded.key}`);
      assert.equal(got.author_name, seeded.author);
      assert.equal(got.author_url, seeded.website);
      assert.equal(got.status, 'approved');
      assert.equal(got.content.rendered, `<p>${seeded.text}</p>\n`);
      assert.match(got.date_gmt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      assert.ok(!('author_email' in got), 'emails are not public');
    }
    // a → b → c → d: the reply to a reply to a reply keeps its own parent (no flattening).
    const parentOf = new Map(body.map((c) => [c.id, c.parent]));
    assert.equal(parentOf.get(parentOf.get(parentOf.get(ids.d))), ids.a);
    assert.equal(parentOf.get(ids.a), 0);
  });

  test('per_page=2 pages through all comments with X-WP-Total and X-WP-TotalPages', async () => {
    const total = seedThread.comments.length;
    const pages = Math.ceil(total / 2);
    const seen = [];
    for (let page = 1; page <= pages + 1; page++) {
      const { status, headers, body } = await request(listUrl(wp, `per_page=2&page=${page}&orderby=id&order=asc`));
      assert.equal(status, 200);
      assert.equal(headers.get('x-wp-total'), String(total));
      assert.equal(headers.get('x-wp-totalpages'), String(pages));
      assert.equal(body.length, page <= pages ? 2 : 0, `page ${page}`);
      seen.push(...body.map((c) => c.id));
    }
    assert.deepEqual(seen, Object.values(ids));
  });

  test('per_page over 100 is a 400 rest_invalid_param', async () => {
    const { status, body } = await request(listUrl(wp, 'per_page=101'));
    assert.equal(status, 400);
    assert.equal(body.code, 'rest_invalid_param');
  });

  test('anonymous posting is 401 rest_comment_login_required unless the site allows it', async () => {
    const { status, headers, body } = await postComment(
      closed,
      { post: closed.postId, author_name: 'Ann', author_email: 'ann@example.org', content: 'Hello there.' },
      { origin: OTHER_ORIGIN },
    );
    assert.equal(status, 401);
    assert.equal(body.code, 'rest_comment_login_required');
    assert.equal(body.data.status, 401);
    assert.equal(typeof body.message, 'string');
    // The widget on another origin can read the error.
    assert.equal(headers.get('access-control-allow-origin'), OTHER_ORIGIN);
    // Reading stays open.
    assert.equal((await request(listUrl(closed, 'per_page=10'))).status, 200);
  });

  test('posting the same comment twice is 409 comment_duplicate', async () => {
    const first = seedThread.comments[0];
    const { status, body } = await postComment(wp, {
      post: wp.postId,
      author_name: first.author,
      author_email: first.email,
      content: first.text,
    });
    assert.equal(status, 409);
    assert.equal(body.code, 'comment_duplicate');
    assert.equal(body.data.status, 409);
  });

  test('a missing email is 400 rest_comment_author_data_required', async () => {
    const { status, body } = await postComment(wp, { post: wp.postId, author_name: 'Ann', content: 'No email.' });
    assert.equal(status, 400);
    assert.equal(body.code, 'rest_comment_author_data_required');
  });

  test('CORS: another origin is echoed, with credentials, on GET and on the POST preflight', async () => {
    const get = await request(listUrl(wp, 'per_page=1'), { headers: { origin: OTHER_ORIGIN } });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('access-control-allow-origin'), OTHER_ORIGIN);
    assert.equal(get.headers.get('access-control-allow-credentials'), 'true');
    assert.match(get.headers.get('access-control-expose-headers'), /X-WP-Total, X-WP-TotalPages/);

    const preflight = await fetch(`${wp.restBase}/comments`, {
      method: 'OPTIONS',
      headers: {
        origin: OTHER_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    await preflight.arrayBuffer();
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), OTHER_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Content-Type/);
  });

  test('a page URL resolves to its post id through /wp/v2/posts?slug=', async () => {
    const slug = seedThread.thread.split('/').filter(Boolean).pop();
    const { status, body } = await request(`${wp.restBase}/posts?slug=${slug}&_fields=id,link,slug`);
    assert.equal(status, 200);
    assert.deepEqual(body.map((p) => [p.id, p.slug]), [[wp.postId, slug]]);
    // The permalink is /<year>/<month>/<slug>/, like the seed thread's path.
    assert.match(body[0].link, new RegExp(`^${wp.url}/\\d{4}/\\d\\d/${slug}/$`));
    const none = await request(`${wp.restBase}/posts?slug=no-such-article`);
    assert.deepEqual([none.status, none.body, none.headers.get('x-wp-total')], [200, [], '0']);
  });

  test('a reply is 201 with the new comment, approved, under its parent', async () => {
    const { status, headers, body } = await postComment(wp, {
      post: wp.postId,
      parent: ids.d,
      author_name: 'Ann Example',
      author_email: 'ann@example.org',
      content: 'Thanks, that answers it.',
    });
    assert.equal(status, 201);
    assert.equal(headers.get('location'), `${wp.restBase}/comments/${body.id}`);
    assert.equal(body.parent, ids.d);
    assert.equal(body.status, 'approved');
    assert.ok(body.id > ids.f);
    const list = await request(listUrl(wp, 'per_page=100&orderby=id&order=asc'));
    assert.equal(list.body.at(-1).id, body.id);
  });
});
