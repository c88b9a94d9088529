/* Threadline loader: finds containers, renders a placeholder in a shadow root, and fetches the
   widget (wasm) only when a container comes within one viewport height, unless
   data-loading="eager". There is one bundle per backend, and only the one `data-backend` names
   is fetched; a moderator gets the moderator bundle. Files are resolved against this script's
   own URL, so they can sit on a CDN.
   Placeholders __TL_*__ are filled in by `cargo xtask dist`. */
(function (d, w) {
  var me = d.currentScript, base = new URL('.', me.src).href, opts = me.dataset, mods = {};
  var B = __TL_BUNDLES__, alias = { native: 'threadline', wp: 'wordpress' };
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
  function load(kind, api) {
    kind = String(kind || 'threadline').trim().toLowerCase();
    kind = B[alias[kind] || kind] && kind != 'moderator' ? alias[kind] || kind : 'threadline';
    if (kind == 'threadline' && B.moderator && moderator(api)) kind = 'moderator';
    return mods[kind] || (mods[kind] = import(base + B[kind][0]).then(function (m) {
      return m.default({ module_or_path: base + B[kind][1] }).then(function () { return m; });
    }));
  }
  function boot(host) {
    if (host.__tl) return;
    host.__tl = 1;
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
      var o = Object.assign({}, opts, host.dataset);
      o.api = new URL(o.api || 'api', o.api ? d.baseURI : base).href;
      load(o.backend, o.api).then(function (m) {
        o.thread = o.thread || location.pathname;
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
