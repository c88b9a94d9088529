// Reply notifications in the form (issue 13): "Email me when someone replies" shows only when
// the server sends mail, needs an email address, and asks the server for it, which sends the
// reader a confirmation email. The mail goes to a small SMTP sink on loopback, written here.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fetchThread, launchBrowser, startServer } from './harness.mjs';
import { commentWithText, fillForm, showThread, topForm, uniqueText } from './widget.mjs';

const LIMIT = { timeout: 90_000 };

/** Accepts every message; `messages` holds each one's DATA. Enough SMTP for lettre. */
async function startSmtpSink() {
  const messages = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let data = null;
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            messages.push(data.join('\n'));
            data = null;
            socket.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          data = [];
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { messages, url: `smtp://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

describe('reply notifications in the form', () => {
  let sink;
  let server;
  let plain;
  let browser;

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ extraArgs: ['--smtp-url', sink.url, '--mail-retry-ms', '200'] });
    plain = await startServer();
    browser = await launchBrowser();
  }, LIMIT);

  after(async () => {
    await browser?.close();
    await server?.dispose();
    await plain?.dispose();
    sink?.close();
  });

  test('no offer when the server sends no mail', LIMIT, async () => {
    const { page, problems } = browser;
    await page.goto(`${plain.url}/`);
    await showThread(page, { problems });
    assert.equal(await topForm(page).locator('input[name="notify"]').count(), 0);
  });

  test('ticking the box needs an email, then asks for notifications and a confirmation is sent', LIMIT, async () => {
    const { page, problems } = browser;
    await page.goto(`${server.url}/`);
    await showThread(page, { problems });
    const form = topForm(page);
    const box = form.locator('input[name="notify"]');
    assert.equal(await box.isChecked(), false, 'off until the reader asks');
    const text = uniqueText('Tell me when someone answers.');
    await fillForm(form, { author: 'Ann', text });
    await box.check();
    await form.locator('button.tl-submit').click();
    const error = form.locator('[aria-invalid="true"][name="email"]');
    await error.waitFor();
    assert.equal(await form.locator('textarea[name="text"]').inputValue(), text, 'nothing typed is lost');

    const posts = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/comments') posts.push(r.postDataJSON());
    });
    await form.locator('input[name="email"]').fill('ann@example.org');
    await form.locator('button.tl-submit').click();
    const mine = await commentWithText(page, text);
    assert.equal(posts.at(-1).notify, true, 'the post asks for notifications');
    assert.equal(posts.at(-1).email, 'ann@example.org');
    for (let i = 0; i < 100 && !sink.messages.some((m) => m.includes('ann@example.org')); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const confirmation = sink.messages.find((m) => m.includes('ann@example.org'));
    assert.ok(confirmation, 'a confirmation email went out');
    assert.match(confirmation, /List-Unsubscribe:/i);
    assert.ok((await fetchThread(server.api)).comments.some((c) => String(c.id) === mine.id));

    // The choice is kept for the next comment, after a reload too.
    await page.reload();
    await showThread(page, { problems });
    assert.equal(await topForm(page).locator('input[name="notify"]').isChecked(), true);
    assert.deepEqual(problems, []);
  });
});
