// Helpers that speak the widget's DOM contract: the widget renders into an open shadow root on
// `#threadline`; Playwright's CSS selectors pierce open shadow roots, and page-side code reaches
// it through `document.querySelector('#threadline').shadowRoot`.

import { launchBrowser } from './harness.mjs';

/** Selector of the widget's root in a given state: loading, ready or error. */
export const rootInState = (state) => `.tl-root[data-state="${state}"]`;

/** Scrolls the widget container into view, which is what makes the widget load. */
export async function revealWidget(page) {
  await page.locator('#threadline').scrollIntoViewIfNeeded();
}

/**
 * Waits until the widget's root reaches `state`; on timeout the error tells the state it is in
 * and what went wrong in the page.
 */
export async function waitForState(page, state, { problems = [], timeout = 20_000 } = {}) {
  try {
    await page.waitForSelector(rootInState(state), { state: 'attached', timeout });
  } catch (error) {
    const current = await page
      .evaluate(() => {
        const root = document.querySelector('#threadline')?.shadowRoot?.querySelector('.tl-root');
        return root ? root.getAttribute('data-state') : 'no .tl-root in #threadline';
      })
      .catch((e) => `unknown (${e.message})`);
    const details = problems.length ? `\npage problems:\n  ${problems.join('\n  ')}` : '';
    throw new Error(`widget did not reach data-state="${state}" (it is ${current}): ${error.message}${details}`);
  }
}

/** Reveals the widget and waits until the thread is rendered. */
export async function showThread(page, options) {
  await revealWidget(page);
  await waitForState(page, 'ready', options);
}

/**
 * Opens every subtree that starts collapsed (deeper than three levels, or more than five
 * replies: issue 13), clicking each "N replies" until none is left. Returns how many it opened.
 */
export async function expandAll(page) {
  let opened = 0;
  for (;;) {
    const button = page.locator('.tl-collapsed-count').first();
    if ((await button.count()) === 0) return opened;
    await button.click();
    opened += 1;
  }
}

/**
 * Every rendered comment as `{ id, parent, depth, ancestor }`, where `ancestor` is the id of the
 * closest enclosing `article.tl-comment` (null for none).
 */
export async function renderedComments(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#threadline').shadowRoot;
    return [...root.querySelectorAll('article.tl-comment')].map((el) => ({
      id: el.dataset.id,
      domId: el.id,
      parent: el.dataset.parent,
      depth: el.dataset.depth,
      ancestor: el.parentElement?.closest('article.tl-comment')?.dataset.id ?? null,
    }));
  });
}

/**
 * Waits for the comment whose `.tl-body` contains `text` and returns its placement:
 * `{ id, parent, depth, ancestor, inRepliesOf }`; `inRepliesOf` is the id of the comment whose
 * `.tl-replies` element holds it.
 */
export async function commentWithText(page, text, { timeout = 20_000 } = {}) {
  const body = page.locator('article.tl-comment .tl-body', { hasText: text });
  await body.first().waitFor({ state: 'visible', timeout });
  return body.first().evaluate((el) => {
    const article = el.closest('article.tl-comment');
    const replies = article.parentElement?.closest('.tl-replies');
    return {
      id: article.dataset.id,
      domId: article.id,
      parent: article.dataset.parent,
      depth: article.dataset.depth,
      ancestor: article.parentElement?.closest('article.tl-comment')?.dataset.id ?? null,
      inRepliesOf: replies?.closest('article.tl-comment')?.dataset.id ?? null,
    };
  });
}

/** Waits until the shadow root's focused element is `#comment-<id>`. */
export async function waitForCommentFocus(page, id, { timeout = 10_000 } = {}) {
  await page.waitForFunction(
    (domId) => document.querySelector('#threadline').shadowRoot.activeElement?.id === domId,
    `comment-${id}`,
    { timeout },
  );
}

/** Fills the given fields of a `form.tl-form` locator; fields left undefined are untouched. */
export async function fillForm(form, { author, email, website, text }) {
  if (author !== undefined) await form.locator('input[name="author"]').fill(author);
  if (email !== undefined) await form.locator('input[name="email"]').fill(email);
  if (website !== undefined) await form.locator('input[name="website"]').fill(website);
  if (text !== undefined) await form.locator('textarea[name="text"]').fill(text);
}

/** The top-level comment form. */
export function topForm(page) {
  return page.locator('form.tl-form[data-form="top"]');
}

/** The reply form opened under comment `id`. */
export function replyForm(page, id) {
  return page.locator(`form.tl-form[data-form="reply"][data-parent="${id}"]`);
}

/** Clicks the Reply button that belongs to comment `id` itself (not one of its replies). */
export async function clickOwnReply(page, id) {
  const button = await page.evaluateHandle((domId) => {
    const article = document.querySelector('#threadline').shadowRoot.getElementById(domId);
    return [...(article?.querySelectorAll('button.tl-reply') ?? [])].find(
      (b) => b.closest('article.tl-comment') === article,
    );
  }, `comment-${id}`);
  const element = button.asElement();
  if (!element) throw new Error(`comment ${id} has no button.tl-reply of its own`);
  await element.click();
}

/** A text no other comment contains. */
export function uniqueText(label) {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A reader of its own (a fresh browser: its own localStorage and author token) on the demo
 * article of `server`, with the thread shown. `options` go to `launchBrowser`.
 */
export async function openReader(server, options) {
  const browser = await launchBrowser(options);
  await browser.page.goto(`${server.url}/`);
  await showThread(browser.page, { problems: browser.problems });
  return browser;
}
