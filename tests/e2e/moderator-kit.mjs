// What the moderator-mode end-to-end tests share: opening the demo article, the demo
// moderator's sign-in token, posting and reading the audit log through the API, and selectors
// of the moderator's tools.

import assert from 'node:assert/strict';
import { launchBrowser, THREAD } from './harness.mjs';
import { showThread } from './widget.mjs';

/** Abuse from the starting article's thread, which the server's screening holds by default. */
export const ABUSE = 'you little dumb hoe you need a life and you will go to hell';

/** A selector for something in comment `id`'s own card, not in one of its replies. */
export const own = (id, selector) => `#comment-${id} > .tl-card ${selector}`;

/** The moderator's open dialog (reject, edit or ban). */
export const OPEN_DIALOG = 'dialog.tl-mod-dialog[open]';

/** The moderator bundle's files, and the reader's (Threadline) bundle's. */
export const MODERATOR_BUNDLE = /\/threadline-moderator-[0-9a-f]+(\.js|_bg\.wasm)$/;
// Trunk names the reader bundle with a hash that drops leading zeros: 8 to 16 digits.
export const READER_BUNDLE = /\/threadline-[0-9a-f]{8,16}(\.js|_bg\.wasm)$/;

/** Opens the demo article (at `hash`) in a browser of its own, recording every request. */
export async function open(server, { hash = '', viewport } = {}) {
  const browser = await launchBrowser(viewport ? { viewport } : undefined);
  browser.requests = [];
  browser.page.on('request', (request) => browser.requests.push(new URL(request.url()).pathname));
  await browser.page.goto(`${server.url}/${hash}`);
  await showThread(browser.page, { problems: browser.problems });
  return browser;
}

/** The one-time token of the demo moderator's sign-in link, from the server's output. */
export async function signInToken(server) {
  const deadline = Date.now() + 10_000;
  let line;
  while (!(line = server.log.find((l) => l.includes('#threadline-signin=')))) {
    assert.ok(Date.now() < deadline, `no demo moderator sign-in link in the server output:\n${server.log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return line.split('#threadline-signin=')[1].trim();
}

/** Posts a comment straight to the API, as another reader would; the raw answer. */
export async function tryPost(server, text, { email, parent = null } = {}) {
  return fetch(`${server.api}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: THREAD, parent, author: 'Poster', email, text }),
  });
}

/** Posts a comment straight to the API and returns it. */
export async function postByApi(server, text, options) {
  const response = await tryPost(server, text, options);
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

/** The audit log, read with the session the widget keeps. */
export async function audit(server, session) {
  const response = await fetch(`${server.api}/moderation/audit?site=default`, {
    headers: { authorization: `Bearer ${session}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).items;
}

/** The element focused inside the widget's shadow root, as `{ tag, name, className }`. */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.querySelector('#threadline').shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), name: el.getAttribute('name'), className: el.className } : null;
  });
}
