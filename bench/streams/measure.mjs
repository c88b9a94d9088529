// Live updates at scale (issue 13): 1,000 open Server-Sent Event streams on one threadline-server
// (the release build, a fresh SQLite file), the server's memory with them open, and the delay from
// a post to its event on every stream.
//
//   node bench/streams/measure.mjs --out FILE [--streams N] [--posts N]
//
// The streams are plain HTTP requests from this process (no browser): each counts the comment
// events it receives, so a stream that misses one is counted. A post is timed from the moment
// its request is sent to the moment each stream has its event; posts go one at a time, 200 ms
// apart. The server's resident memory is read from /proc before and after the streams open.
// THREADLINE_SERVER_BIN: the server binary.

import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    streams: { type: 'string', default: '1000' },
    posts: { type: 'string', default: '30' },
  },
});
if (!args.out) throw new Error('--out FILE is required');
const STREAMS = Number(args.streams);
const POSTS = Number(args.posts);
const THREAD = '/bench/live';
/** The goal: a post's event reaches every stream within this, at the 99th percentile. */
const DELAY_P99_GOAL_MS = 50;

const server = process.env.THREADLINE_SERVER_BIN;
if (!server) throw new Error('THREADLINE_SERVER_BIN is not set');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory of `pid` in bytes, from /proc. */
async function rss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb * 1024;
}

async function startServer(dir) {
  const port = await freePort();
  const child = spawn(
    server,
    [
      '--listen', `127.0.0.1:${port}`,
      '--db', path.join(dir, 'threadline.db'),
      '--streams-per-client', String(STREAMS + 10),
      '--exempt-loopback', '--post-rate', '0', '--duplicate-window-mins', '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return { child, url, log: () => log };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start:\n${log}`);
}

/** One open stream: resolves once its headers came; `seen` maps comment id to arrival time. */
function openStream(url) {
  return new Promise((resolve, reject) => {
    const seen = new Map();
    const req = http.get(
      `${url}/api/comments/stream?thread=${encodeURIComponent(THREAD)}`,
      { agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          const now = performance.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!/^event: comment$/m.test(event)) continue;
            const data = /^data: (.*)$/m.exec(event)?.[1];
            const id = data ? JSON.parse(data).id : undefined;
            if (id !== undefined && !seen.has(id)) seen.set(id, now);
          }
        });
        resolve({ req, seen });
      },
    );
    req.on('error', reject);
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n) => (n === null ? null : Math.round(n * 100) / 100);

async function main() {
  const started = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'threadline-bench-streams-'));
  const s = await startServer(dir);
  try {
    await sleep(300);
    const idle = await rss(s.child.pid);
    const streams = [];
    // Open them in batches, as a thousand readers arriving would.
    for (let i = 0; i < STREAMS; i += 100) {
      const batch = await Promise.all(Array.from({ length: Math.min(100, STREAMS - i) }, () => openStream(s.url)));
      streams.push(...batch);
    }
    await sleep(500);
    const open = await rss(s.child.pid);

    const sent = new Map();
    const answers = [];
    for (let i = 0; i < POSTS; i += 1) {
      const at = performance.now();
      const r = await fetch(`${s.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: THREAD, author: 'Bench', text: `Live update number ${i} of the stream benchmark.` }),
      });
      if (r.status !== 201) throw new Error(`post answered ${r.status}: ${await r.text()}`);
      answers.push(performance.now() - at);
      sent.set((await r.json()).id, at);
      await sleep(200);
    }
    // Give the last events time to arrive before counting what is missing.
    const deadline = performance.now() + 5000;
    const complete = () => streams.every((st) => [...sent.keys()].every((id) => st.seen.has(id)));
    while (!complete() && performance.now() < deadline) await sleep(50);

    const delays = [];
    let missed = 0;
    for (const st of streams) {
      for (const [id, at] of sent) {
        const got = st.seen.get(id);
        if (got === undefined) missed += 1;
        else delays.push(got - at);
      }
    }
    delays.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    const p99 = percentile(delays, 99);
    const result = {
      what: `${STREAMS} open SSE streams of one thread on one threadline-server (release build, SQLite), ${POSTS} posts one at a time`,
      generated_at: new Date().toISOString(),
      streams: STREAMS,
      posts: POSTS,
      deliveries: delays.length,
      missed,
      rss_idle_bytes: idle,
      rss_streams_bytes: open,
      bytes_per_stream: Math.round((open - idle) / STREAMS),
      delay_ms: {
        p50: round(percentile(delays, 50)),
        p90: round(percentile(delays, 90)),
        p99: round(p99),
        max: round(delays.at(-1) ?? null),
      },
      post_answer_ms: { p50: round(percentile(answers, 50)), max: round(answers.at(-1) ?? null) },
      goals: [
        {
          name: `post → event delay p99 with ${STREAMS} open streams (ms)`,
          value: round(p99),
          target: DELAY_P99_GOAL_MS,
          met: p99 !== null && p99 <= DELAY_P99_GOAL_MS,
        },
        { name: 'events missed by open streams', value: missed, target: '== 0', met: missed === 0 },
      ],
      notes: [
        'Delay: from sending the POST to a stream having the comment\'s event, for every stream and post (the post\'s own answer time is inside it). The streams are read by one Node.js process, whose own event loop is part of the delay.',
        'Memory: the server\'s VmRSS from /proc, after start (idle) and with every stream open; bytes per stream is their difference divided by the streams.',
      ],
    };
    result.duration_s = Math.round((Date.now() - started) / 1000);
    await mkdir(path.dirname(args.out), { recursive: true });
    await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`${STREAMS} streams: server RSS ${(idle / 1048576).toFixed(1)} MB idle, ${(open / 1048576).toFixed(1)} MB with them open (${result.bytes_per_stream} B each)`);
    console.log(`post answered in ${result.post_answer_ms.p50} ms (median)`);
    console.log(`post → event over ${delays.length} deliveries: p50 ${result.delay_ms.p50} ms, p99 ${result.delay_ms.p99} ms, max ${result.delay_ms.max} ms; missed ${missed}`);
    console.log(`wrote ${args.out}`);
    for (const st of streams) st.req.destroy();
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
