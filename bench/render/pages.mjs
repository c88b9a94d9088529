// The benchmark's host pages, all from one loopback origin: an article with one comment system
// below it. Static files:
//   /dist/…      Threadline's dist/ (loader, wasm, glue, css)
//   /waline/…    @waline/client's published dist/ (waline.js, waline.css)
//   /vanilla/…   bench/vanilla/ (the vanilla-DOM floor)
// Host pages (`url(kind, params)`):
//   /page/threadline?api=&backend=&thread=[&pageSize=][&lazy=1]
//   /page/vanilla?api=&thread=[&pageSize=]
//   /page/isso?server=&thread=[&nested=inf]          Isso's own embed, served by Isso
//   /page/waline?server=&thread=[&pageSize=]         Waline's own client
// `long=1` puts a long article (several screens) above the comments, for "bytes before the
// reader reaches the thread".

import { readdir, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_TYPES } from '../../tests/e2e/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VANILLA = path.resolve(HERE, '..', 'vanilla');

const TYPES = CONTENT_TYPES;

const PARAGRAPH =
  'The council met on Tuesday to settle who pays for the floodgates. Residents along Water Street ' +
  'argued that the levee protects the whole valley, not only the riverfront; the county answered ' +
  'that the riverfront gained the most. The vote was postponed to the spring, after the survey.';

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The article around the comments; `long` makes it several screens tall. */
function article(title, comments, { long = false, head = '' } = {}) {
  const paragraphs = new Array(long ? 40 : 3).fill(`<p>${PARAGRAPH}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}</style>
${head}
</head>
<body>
<article><h1>${escape(title)}</h1>
${paragraphs}
</article>
${comments}
</body>
</html>
`;
}

/** Starts the page server. `dist` is Threadline's dist/, `walineClient` @waline/client's dist/. */
export async function startPageServer({ dist, walineClient }) {
  const cssName = (await readdir(dist)).find((n) => /^threadline-[0-9a-f]+\.css$/.test(n));
  if (!cssName) throw new Error(`no threadline-<hash>.css in ${dist}: run \`cargo xtask dist\``);
  const roots = { dist: path.resolve(dist), waline: walineClient && path.resolve(walineClient), vanilla: VANILLA };
  let origin = null;

  const pages = {
    threadline(q) {
      const attrs = [`data-thread="${escape(q.get('thread'))}"`, `data-title="Benchmark"`];
      if (!q.get('lazy')) attrs.push('data-loading="eager"');
      if (q.get('pageSize')) attrs.push(`data-page-size="${escape(q.get('pageSize'))}"`);
      const backend = q.get('backend') ? ` data-backend="${escape(q.get('backend'))}"` : '';
      return article('Threadline', `<div id="threadline" ${attrs.join(' ')}></div>
<script src="/dist/threadline.js" data-api="${escape(q.get('api'))}"${backend} defer></script>`, { long: !!q.get('long') });
    },
    vanilla(q) {
      const size = q.get('pageSize') ? ` data-page-size="${escape(q.get('pageSize'))}"` : '';
      return article('Vanilla floor', `<div id="vanilla-floor" data-api="${escape(q.get('api'))}" data-thread="${escape(q.get('thread'))}" data-css="/dist/${cssName}"${size}></div>
<script src="/vanilla/vanilla.js" defer></script>`, { long: !!q.get('long') });
    },
    isso(q) {
      const server = q.get('server');
      const nested = q.get('nested') ? ` data-isso-max-comments-nested="${escape(q.get('nested'))}"` : '';
      return article('Isso', `<section id="isso-thread" data-isso-id="${escape(q.get('thread'))}" data-title="Benchmark"></section>
<script data-isso="${escape(server)}/" src="${escape(server)}/js/embed.min.js"${nested}></script>`, { long: !!q.get('long') });
    },
    waline(q) {
      const options = { el: '#waline', serverURL: q.get('server'), path: q.get('thread') };
      if (q.get('pageSize')) options.pageSize = Number(q.get('pageSize'));
      // JSON in a script: keep `</script>` and friends out.
      const json = JSON.stringify(options).replace(/</g, '\\u003c');
      return article('Waline', `<div id="waline"></div>
<script type="module">import { init } from '/waline/waline.js'; init(${json});</script>`, {
        long: !!q.get('long'),
        head: '<link rel="stylesheet" href="/waline/waline.css">',
      });
    },
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, origin);
      const [, first, ...rest] = url.pathname.split('/');
      if (first === 'page' && pages[rest[0]]) {
        return send(res, 200, TYPES['.html'], pages[rest[0]](url.searchParams));
      }
      const base = roots[first];
      const file = base && path.resolve(base, `./${decodeURIComponent(rest.join('/'))}`);
      if (!file || !file.startsWith(base + path.sep) || !(await stat(file).catch(() => null))?.isFile()) {
        return send(res, 404, 'text/plain', 'not found');
      }
      return send(res, 200, TYPES[path.extname(file)] || 'application/octet-stream', await readFile(file));
    } catch (error) {
      return send(res, 500, 'text/plain', String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    cssName,
    /** The URL of a host page of `kind` with `params` in its query. */
    url(kind, params = {}) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
      return `${origin}/page/${kind}?${q}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
