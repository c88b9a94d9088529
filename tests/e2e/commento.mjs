// A Commento++ API played by request interception on the page's origin, for the custom-backend
// tests: the answers are the hand-written fixtures of tests/fixtures/custom/commento/, and the
// mapping is the worked Commento++ mapping from docs/backends.md.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'custom', 'commento');

/** The worked Commento++ mapping and a fresh copy of the list answer. */
export async function commentoFixtures() {
  const [mapping, list] = await Promise.all(
    ['mapping.json', 'list.json'].map(async (name) => JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8'))),
  );
  return { mapping, list };
}

/**
 * Answers `POST …/api/comment/list` with `list` and `POST …/api/comment/new` as Commento does,
 * adding the new comment to `list`. Returns the bodies posted, in order.
 */
export async function playCommento(page, list) {
  const posted = [];
  await page.route('**/api/comment/list', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(list) }),
  );
  await page.route('**/api/comment/new', async (route) => {
    const body = route.request().postDataJSON();
    posted.push(body);
    const hex = 'f'.repeat(63) + String(posted.length);
    // Commento answers the new comment's hex; the next list contains the comment itself.
    list.comments.push({
      commentHex: hex,
      commenterHex: 'anonymous',
      markdown: body.markdown,
      html: `<p>${body.markdown}</p>`,
      parentHex: body.parentHex,
      state: '',
      deleted: false,
      creationDate: new Date().toISOString(),
    });
    const answer = { success: true, commentHex: hex, state: '', html: `<p>${body.markdown}</p>` };
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(answer) });
  });
  return posted;
}
