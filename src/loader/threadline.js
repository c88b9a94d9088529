/* Threadline loader: finds containers, renders a placeholder in a shadow root, and fetches the
   widget (wasm) only when a container comes within one viewport height, unless
   data-loading="eager". There is one bundle per backend, and only the one `data-backend` names
   is fetched; a moderator gets the moderator bundle. Files are resolved against this script's
   own URL, so they can sit on a CDN. The reader's language (data-lang, else the page's
   <html lang>, else English) comes as one small file of messages, fetched beside the bundle.
   Placeholders __TL_*__ are filled in by `cargo xtask dist`. */
(function (d, w) {
  var me = d.currentScript, base = new URL('.', me.src).href, opts = me.dataset, mods = {};
  var B = __TL_BUNDLES__, L = __TL_LANGS__, alias = { native: 'threadline', wp: 'wordpress' }, words = {};
  function el(parent, cls, tag) {
    var e = d.createElement(tag || 'div');
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  // A moderator of this API: a session kept for it, or a sign-in link in the page URL.
  function moderator(api) {
    try {
      return /^#threadline-signin=./.test(location.hash) ||
        !!localStorage.getItem('threadline:moderator:' + api.replace(/\/+$/, ''));
    } catch (e) { return false; }
  }
  // An unknown backend gets Threadline's bundle, whose configuration check names the mistake.
  // Readers never fetch the moderator bundle.
  function bundle(kind, api) {
    kind = String(kind || 'threadline').trim().toLowerCase();
    kind = B[alias[kind] || kind] && kind != 'moderator' ? alias[kind] || kind : 'threadline';
    return kind == 'threadline' && B.moderator && moderator(api) ? 'moderator' : kind;
  }
  // A reader on Threadline's own server: ask for the first page now, while the wasm loads, as
  // the widget would (src/api/prefetch.rs takes the answer over when it is the same request).
  function first(o) {
    var t = (o.thread || '').trim(), api = o.api.replace(/\/+$/, ''), h = {}, s, a;
    var q = new URLSearchParams({ site: (o.site || '').trim() || 'default', thread: t, limit: (o.pageSize || '').trim() || '50' });
    try { s = localStorage.getItem('threadline:sort'); a = localStorage.getItem('threadline:author:' + api); } catch (e) {}
    if (s && s != 'oldest') q.append('sort', s);
    q.append('replies', '20');
    if (a) h['X-Threadline-Author'] = a;
    var r = new Request(api + '/comments?' + q, { headers: h });
    return { url: r.url, author: a || '', answer: fetch(r).then(function (res) {
      return res.text().then(function (b) { return [res.status, b]; });
    }).catch(function () { return null; }) };
  }
  // [language with a catalogue, the tag it came from]: data-lang first, then the page's lang.
  function language(o) {
    var tags = [o.lang, d.documentElement.lang], i, t, p;
    for (i = 0; i < 2; i++) {
      t = String(tags[i] || '').trim();
      p = t.toLowerCase().split(/[-_]/)[0];
      if (p == 'iw') p = 'he';
      if (p && L[1].indexOf(' ' + p + ' ') >= 0) return [p, t];
    }
    return ['en', 'en'];
  }
  // The messages of `lang` (and the moderator's for the moderator bundle, which continue the
  // reader's array), parsed; English when that file cannot be had, else the load fails.
  function messages(lang, mod) {
    var key = lang + (mod ? '+' : '');
    return words[key] || (words[key] = Promise.all([''].concat(mod ? ['.mod'] : []).map(function (f) {
      return fetch(base + 'lang/' + lang + f + '-' + L[0] + '.json').then(function (r) { if (!r.ok) throw r.status; return r.json(); });
    })).then(function (parts) { return [].concat.apply([], parts); }).catch(function (e) {
      if (lang == 'en') throw e;
      return messages('en', mod);
    }));
  }
  function load(kind) {
    return mods[kind] || (mods[kind] = import(base + B[kind][0]).then(function (m) {
      return m.default({ module_or_path: base + B[kind][1] }).then(function () { return m; });
    }));
  }
  function boot(host) {
    if (host.__tl) return;
    host.__tl = 1;
    // The script's theme applies to every container that names none (the CSS reads it there).
    if (opts.theme && !host.dataset.theme) host.setAttribute('data-theme', opts.theme);
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' }), css = base + '__TL_CSS__';
    var link = el(root, '', 'link');
    link.rel = 'stylesheet';
    link.href = css;
    link.setAttribute('data-tl-css', '');
    var ph = el(root, 'tl-boot tl-root');
    ph.setAttribute('data-state', 'loading');
    var sk = el(ph, 'tl-skeleton');
    sk.setAttribute('aria-busy', 'true');
    for (var i = 0; i < 3; i++) {
      var it = el(sk, 'tl-skeleton-item');
      el(it, 'tl-skeleton-avatar', 'span');
      var ls = el(it, 'tl-skeleton-lines', 'span');
      el(ls, '', 'span'); el(ls, '', 'span'); el(ls, '', 'span');
    }
    function go() {
      var o = Object.assign({}, opts, host.dataset), k;
      o.api = new URL(o.api || 'api', o.api ? d.baseURI : base).href;
      o.thread = o.thread || location.pathname;
      k = bundle(o.backend, o.api);
      if (k == 'threadline') o.firstPage = first(o);
      var l = language(o);
      o.lang = l[0];
      o.locale = l[1].toLowerCase().split(/[-_]/)[0] == l[0] ? l[1] : l[0];
      Promise.all([load(k), messages(l[0], k == 'moderator')]).then(function (r) {
        var m = r[0];
        o.messages = r[1];
        o.title = o.title || d.title;
        o.url = location.href;
        o.css = css;
        m.mount(host, o);
      }).catch(function (e) {
        ph.setAttribute('data-state', 'error');
        ph.textContent = 'Comments could not be loaded.';
        console.error('threadline:', e);
      });
    }
    if ((host.dataset.loading || opts.loading) === 'eager' || !w.IntersectionObserver) return go();
    var io = new IntersectionObserver(function (es) {
      if (es.some(function (e) { return e.isIntersecting; })) { io.disconnect(); go(); }
    }, { rootMargin: '100% 0px' });
    io.observe(host);
  }
  function start() {
    d.querySelectorAll(opts.target || '#threadline').forEach(boot);
  }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', start); else start();
})(document, window);
