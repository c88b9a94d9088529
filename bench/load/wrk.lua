-- The load of `cargo xtask bench` (part 3, "the server under load"), for Debian's wrk 4.1:
--
--   BENCH_SCENARIO=list|post|mix BENCH_LIST_PATH=… BENCH_POST_PATH=… BENCH_POST_KIND=native|isso \
--   BENCH_POST_THREAD=… BENCH_MAX_REQUESTS=N BENCH_RUN=ID wrk -s bench/load/wrk.lua -t T -c C -d 10s http://127.0.0.1:PORT
--
-- list: every request is GET BENCH_LIST_PATH (one 50-comment page).
-- post: every request is a new top-level comment: POST BENCH_POST_PATH with a JSON body in the
--       native shape (Threadline and the floor: thread, parent, author, email, text) or Isso's
--       (text, author, email, title; the thread is in BENCH_POST_PATH's `uri`). Every text is
--       an ordinary comment made unique by words that spell out the run, the wrk thread and a
--       counter, and every post carries a unique Idempotency-Key as the widget sends one.
-- mix:  19 of every 20 requests of a connection thread are the list, the 20th is a post: 95 % / 5 %.
--
-- Bounded in count as well as by wrk's -d: each wrk thread stops after BENCH_MAX_REQUESTS
-- answers. done() prints one line that xtask/src/bench/load.rs parses:
--   BENCH requests=… duration_us=… p50_us=… p99_us=… non2xx=… s5xx=… connect=… read=… write=… timeout=… statuses=201:5,500:1

local scenario = os.getenv("BENCH_SCENARIO") or "list"
local list_path = os.getenv("BENCH_LIST_PATH") or "/"
local post_path = os.getenv("BENCH_POST_PATH") or "/"
local post_kind = os.getenv("BENCH_POST_KIND") or "native"
local post_thread = os.getenv("BENCH_POST_THREAD") or "/bench/post"
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "1000000")
-- Unique per run (xtask passes the cell and a timestamp): keys and texts never repeat across
-- runs against one server, or Threadline would answer a reused Idempotency-Key with 422.
local run_id = os.getenv("BENCH_RUN") or tostring(os.time())

-- Main state: one entry per wrk thread, to sum their counters in done().
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

-- Per wrk thread (each has its own Lua state); globals, so that done() can read them with
-- thread:get().
sent = 0
answered = 0
non2xx = 0
s5xx = 0
statuses = {}

local filler = "This is a benchmark comment with a sentence or two of ordinary text, about as long "
  .. "as a typical reader's reply below an article, so that parsing and storing it costs what "
  .. "a real comment costs."

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

-- The seeded thread's words. A run id such as `post-c16-1764084000123123` in the text would
-- look like evasion to Threadline's screen (letters mixed with digits, a long number) and send
-- every post down its slowest path, which ordinary comments do not take.
local words = {
  "the", "article", "server", "really", "comment", "thread", "because", "reply", "fast", "sqlite",
  "page", "agree", "point", "about", "which", "would", "however", "widget", "reader", "think", "data",
  "load", "with", "more", "than", "that", "this", "and", "not", "good", "question", "example",
}

-- `k` (a whole number) in base 32, one word per digit.
local function spell(k)
  local out = {}
  repeat
    out[#out + 1] = words[(k % 32) + 1]
    k = math.floor(k / 32)
  until k == 0
  return table.concat(out, " ")
end

-- The run id as a number (a 20-bit hash), so that texts differ between runs too.
local run_words = 0
for i = 1, #run_id do
  run_words = (run_words * 31 + run_id:byte(i)) % 1048576
end

local function post_request()
  local n = string.format("%s-%d-%d", run_id, id, sent)
  local text = "I read this " .. spell(run_words) .. ", then " .. spell(id) .. " and " .. spell(sent) .. ". "
    .. filler
  local body
  if post_kind == "isso" then
    body = '{"text":' .. json_string(text) .. ',"author":"Bench ' .. id .. '","email":"bench@example.org",'
      .. '"website":null,"title":"Benchmark"}'
  else
    body = '{"thread":' .. json_string(post_thread) .. ',"parent":null,"author":"Bench ' .. id .. '",'
      .. '"email":"bench@example.org","text":' .. json_string(text) .. '}'
  end
  return wrk.format("POST", post_path,
    { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. n }, body)
end

function init(args)
  if scenario == "list" then
    -- A static request: wrk sends the same bytes without calling into Lua.
    wrk.method = "GET"
    wrk.path = list_path
    wrk.headers["Accept"] = "application/json"
  end
end

if scenario ~= "list" then
  function request()
    sent = sent + 1
    if scenario == "post" or sent % 20 == 0 then
      return post_request()
    end
    return wrk.format("GET", list_path, { ["Accept"] = "application/json" })
  end
end

function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if status >= 500 then s5xx = s5xx + 1 end
    statuses[status] = (statuses[status] or 0) + 1
  end
  if answered >= max_requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total_non2xx, total_5xx, codes = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    total_5xx = total_5xx + (thread:get("s5xx") or 0)
    local st = thread:get("statuses") or {}
    for code, count in pairs(st) do
      codes[#codes + 1] = code .. ":" .. count
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d s5xx=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    total_non2xx, total_5xx, e.connect, e.read, e.write, e.timeout, table.concat(codes, ",")))
end
