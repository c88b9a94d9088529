// Crafted backend answers: the recorded fixtures of WordPress, Isso and Waline, a native
// ThreadPage and a custom backend through the Commento++ mapping, with a payload put into one field of every comment, served to the page through
// page.route, so the widget itself sees every payload in every field without a live peer.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../harness.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const DROP = new Set(['connection', 'host', 'date', 'content-length', 'transfer-encoding', 'link', 'vary']);

async function recorded(backend, name) {
  const dir = path.join(FIXTURES, backend);
  const body = JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8'));
  const meta = JSON.parse(await readFile(path.join(dir, `${name}.meta.json`), 'utf8'));
  const headers = Object.fromEntries(
    Object.entries(meta.headers).filter(([k]) => !DROP.has(k) && !k.startsWith('access-control-')),
  );
  return { body, status: meta.status, headers };
}

const clone = (value) => JSON.parse(JSON.stringify(value));

/**
 * The backends, each with the fields it has, where its API lives for a host page on `host`
 * (the native one on the real server), which requests to intercept, and the answer for a list
 * of `{ id, field, value }`: one comment per item, with `value` in `field` and plain markers
 * in the others.
 */
export async function backends({ host, server }) {
  const [wp, isso, waline] = await Promise.all([
    recorded('wordpress', 'list'),
    recorded('isso', 'list'),
    recorded('waline', 'list'),
  ]);
  // The custom backend: the Commento++ worked mapping from docs/backends.md.
  const commento = path.join(FIXTURES, 'custom', 'commento');
  // With a content warning read from each comment's `warning` (issue 12).
  const worked = JSON.parse(await readFile(path.join(commento, 'mapping.json'), 'utf8'));
  worked.comment.warning = '/warning';
  const mapping = JSON.stringify(worked);
  const marker = (id) => `Reader ${id}`;
  const text = (id) => `Marker text ${id}`;
  return [
    {
      name: 'native',
      fields: ['text', 'author', 'website'],
      textMode: 'plain',
      page: (thread) => host.pageUrl({ api: server.api, thread }),
      matches: (url) => url.startsWith(`${server.api}/comments?`),
      answer: (items, thread) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          comments: items.map(({ id, field, value }) => ({
            id,
            thread,
            parent: null,
            author: field === 'author' ? value : marker(id),
            ...(field === 'website' ? { website: value } : {}),
            text: field === 'text' ? value : text(id),
            created_at: '2026-11-25T15:46:47Z',
          })),
          next_cursor: null,
          total: items.length,
        },
      }),
    },
    {
      name: 'wordpress',
      fields: ['text', 'author', 'website', 'avatar'],
      textMode: 'html',
      page: (thread) => host.pageUrl({ api: `${host.origin}/wp-json`, backend: 'wordpress', postId: 4, thread }),
      matches: (url) => url.startsWith(`${host.origin}/wp-json/wp/v2/comments?`),
      answer: (items) => ({
        status: wp.status,
        headers: { ...wp.headers, 'x-wp-total': String(items.length), 'x-wp-totalpages': '1' },
        body: items.map(({ id, field, value }) => {
          const c = clone(wp.body[0]);
          Object.assign(c, { id, parent: 0, author_name: marker(id), author_url: '' });
          c.content.rendered = `<p>${text(id)}</p>\n`;
          if (field === 'text') c.content.rendered = value;
          if (field === 'author') c.author_name = value;
          if (field === 'website') c.author_url = value;
          if (field === 'avatar') c.author_avatar_urls = { 24: value, 48: value, 96: value };
          return c;
        }),
      }),
    },
    {
      name: 'isso',
      fields: ['text', 'author', 'website', 'avatar'],
      textMode: 'html',
      page: (thread) => host.pageUrl({ api: `${host.origin}/isso`, backend: 'isso', thread }),
      matches: (url) => url.startsWith(`${host.origin}/isso/?`),
      answer: (items) => {
        const body = clone(isso.body);
        const base = body.replies[0];
        delete base.replies;
        body.config.gravatar = true;
        body.total_replies = items.length;
        body.hidden_replies = 0;
        body.replies = items.map(({ id, field, value }) => ({
          ...clone(base),
          id,
          parent: null,
          text: field === 'text' ? value : `<p>${text(id)}</p>`,
          author: field === 'author' ? value : marker(id),
          website: field === 'website' ? value : '',
          gravatar_image: field === 'avatar' ? value : 'https://seccdn.libravatar.org/avatar/0',
          total_replies: 0,
          hidden_replies: 0,
          replies: [],
        }));
        return { status: isso.status, headers: isso.headers, body };
      },
    },
    {
      name: 'waline',
      fields: ['text', 'author', 'website', 'avatar'],
      textMode: 'html',
      page: (thread) => host.pageUrl({ api: `${host.origin}/waline`, backend: 'waline', thread }),
      matches: (url) => url.startsWith(`${host.origin}/waline/api/comment?`),
      answer: (items) => {
        const body = clone(waline.body);
        const base = body.data.data[0];
        delete base.children;
        Object.assign(body.data, { page: 1, totalPages: 1, count: items.length, pageSize: items.length });
        body.data.data = items.map(({ id, field, value }) => ({
          ...clone(base),
          objectId: id,
          pid: null,
          rid: null,
          comment: field === 'text' ? value : `<p>${text(id)}</p>\n`,
          orig: field === 'text' ? value : text(id),
          nick: field === 'author' ? value : marker(id),
          link: field === 'website' ? value : '',
          avatar: field === 'avatar' ? value : base.avatar,
          children: [],
        }));
        return { status: waline.status, headers: waline.headers, body };
      },
    },
    {
      name: 'custom',
      fields: ['text', 'author', 'website', 'avatar', 'warning'],
      textMode: 'html',
      page: (thread) => host.pageUrl({ api: `${host.origin}/commento`, backend: 'custom', mapping, thread }),
      matches: (url) => url.startsWith(`${host.origin}/commento/api/comment/list`),
      answer: (items) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          success: true,
          comments: items.map(({ id, field, value }) => ({
            commentHex: String(id),
            commenterHex: `c${id}`,
            html: field === 'text' ? value : `<p>${text(id)}</p>`,
            markdown: '',
            parentHex: 'root',
            state: '',
            deleted: false,
            creationDate: '2026-11-25T15:46:47Z',
            ...(field === 'warning' ? { warning: value } : {}),
          })),
          commenters: Object.fromEntries(
            items.map(({ id, field, value }) => [
              `c${id}`,
              {
                commenterHex: `c${id}`,
                name: field === 'author' ? value : marker(id),
                link: field === 'website' ? value : '',
                photo: field === 'avatar' ? value : '',
              },
            ]),
          ),
        },
      }),
    },
  ];
}

/**
 * Serves `spec`'s answer for `list` (items `{ id, field, value }`) on `thread` to the page at
 * `origin`; returns a function that removes the route.
 */
export async function serve(page, spec, list, thread, origin) {
  const { matches } = spec;
  const answer = () => spec.answer(list, thread);
  const handler = async (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') {
      return route.fulfill({
        status: 204,
        headers: { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type' },
      });
    }
    const { status, headers, body } = answer();
    return route.fulfill({
      status,
      headers: { ...headers, 'access-control-allow-origin': origin, 'cache-control': 'no-store' },
      body: JSON.stringify(body),
    });
  };
  const predicate = (url) => matches(url.href);
  await page.route(predicate, handler);
  return () => page.unroute(predicate, handler);
}
