/* Threadline comment counts for index pages: fills every <span data-threadline-count="/thread">
   with its thread's number of comments, in one POST /api/counts per 100 threads.
   <script src="…/threadline-count.js" data-api="https://comments.example/api" data-site="…"
   data-one="1 comment" data-other="{n} comments" async></script> */
(function (d) {
  var me = d.currentScript, o = me.dataset, api = (o.api || '').replace(/\/+$/, '');
  function words(n) {
    return (n == 1 ? o.one || '1 comment' : o.other || '{n} comments').replace('{n}', n);
  }
  function fill() {
    var spans = d.querySelectorAll('[data-threadline-count]'), by = {}, keys = [], i;
    for (i = 0; i < spans.length; i++) {
      var k = spans[i].getAttribute('data-threadline-count').trim();
      if (!k) continue;
      if (!by[k]) { by[k] = []; keys.push(k); }
      by[k].push(spans[i]);
    }
    for (i = 0; i < keys.length; i += 100) ask(keys.slice(i, i + 100));
    function ask(threads) {
      var body = { threads: threads };
      if (o.site) body.site = o.site;
      fetch(api + '/counts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (a) {
          // A failed request leaves each span as the page wrote it.
          if (!a || !a.counts) return;
          threads.forEach(function (t) {
            var n = a.counts[t];
            if (typeof n == 'number') by[t].forEach(function (s) { s.textContent = words(n); s.setAttribute('data-count', n); });
          });
        })['catch'](function () {});
    }
  }
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', fill); else fill();
})(document);
