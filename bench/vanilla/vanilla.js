/* The vanilla-DOM floor of the render benchmark: no framework, no wasm, no virtual DOM.
 *
 * It fetches the same JSON as Threadline's native backend (GET {api}/comments?thread=…&limit=…)
 * and builds the same nested DOM the widget builds (article.tl-comment > div.tl-card > header,
 * body, footer; div.tl-replies for children, flat past the indentation cap), with
 * document.createElement only, in an open shadow root with Threadline's stylesheet. What the
 * widget costs above this floor is the price of Yew + wasm.
 *
 *   <div id="vanilla-floor" data-api="http://127.0.0.1:8080/api" data-thread="/t"
 *        data-css="/dist/threadline-….css" data-page-size="50" data-max-depth="5"></div>
 *   <script src="vanilla.js" defer></script>
 *
 * "Show more comments" (button.tl-more) loads the next page, as in the widget.
 */
(function () {
  'use strict';
  var d = document;
  var host = d.getElementById('vanilla-floor');
  if (!host) return;
  var opts = host.dataset;
  var api = opts.api.replace(/\/$/, '');
  var thread = opts.thread || location.pathname;
  var pageSize = Number(opts.pageSize) || 50;
  var maxDepth = Number(opts.maxDepth) || 5;

  var root = host.attachShadow({ mode: 'open' });
  if (opts.css) {
    var link = el(root, 'link');
    link.rel = 'stylesheet';
    link.href = opts.css;
  }
  var section = el(root, 'section', 'tl-root');
  section.setAttribute('data-state', 'loading');
  section.setAttribute('aria-label', 'Comments');
  var title = el(el(section, 'header', 'tl-header'), 'h2', 'tl-title', 'Comments');
  form(section);
  var list = el(section, 'div', 'tl-list');
  var moreWrap = null;
  var total = 0;

  function el(parent, tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }

  function svg(parent, tag, cls) {
    var e = d.createElementNS('http://www.w3.org/2000/svg', tag);
    if (cls) e.setAttribute('class', cls);
    parent.appendChild(e);
    return e;
  }

  /* The top-level form: the same fields as the widget's. */
  function form(parent) {
    var f = el(parent, 'form', 'tl-form tl-form-top');
    f.setAttribute('data-form', 'top');
    el(f, 'h3', 'tl-form-title', 'Leave a comment');
    var text = el(f, 'div', 'tl-field tl-field-text');
    el(text, 'label', '', 'Comment').htmlFor = 'vf-text';
    var area = el(text, 'textarea');
    area.id = 'vf-text';
    area.name = 'text';
    area.rows = 4;
    var row = el(f, 'div', 'tl-fields-row');
    ['author', 'email', 'website'].forEach(function (name) {
      var field = el(row, 'div', 'tl-field tl-field-' + name);
      el(field, 'label', '', name[0].toUpperCase() + name.slice(1)).htmlFor = 'vf-' + name;
      var input = el(field, 'input');
      input.id = 'vf-' + name;
      input.name = name;
      input.type = name === 'email' ? 'email' : name === 'website' ? 'url' : 'text';
    });
    var actions = el(f, 'div', 'tl-form-actions');
    el(actions, 'button', 'tl-submit tl-button', 'Post comment').type = 'submit';
    f.addEventListener('submit', function (e) { e.preventDefault(); });
  }

  /* FNV-1a 64-bit over UTF-8, as the widget's identicon: a mirrored 5×5 pattern and a hue. */
  function identicon(name) {
    var bytes = new TextEncoder().encode(name.trim().toLowerCase());
    var h = 0xcbf29ce484222325n;
    for (var i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes[i])) * 0x100000001b3n) & 0xffffffffffffffffn;
    var path = '';
    var any = false;
    for (var row = 0; row < 5; row++) {
      for (var col = 0; col < 5; col++) {
        var c = col < 3 ? col : 4 - col;
        if ((h >> BigInt(row * 3 + c)) & 1n) {
          path += 'M' + col + ' ' + row + 'h1v1h-1z';
          any = true;
        }
      }
    }
    return { hue: Number((h >> 32n) % 360n), path: any ? path : 'M2 2h1v1h-1z' };
  }

  function ago(ms) {
    var s = Math.max(0, (Date.now() - ms) / 1000);
    var units = [[31536000, 'year'], [2592000, 'month'], [604800, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(s / units[i][0]);
      if (n >= 1) return n + ' ' + units[i][1] + (n > 1 ? 's' : '') + ' ago';
    }
    return 'just now';
  }

  /* A small markdown subset, as DOM nodes: paragraphs, line breaks, *em*, **strong**,
     `code` and [text](https://…) links. Never innerHTML. */
  function body(parent, text) {
    var div = el(parent, 'div', 'tl-body');
    text.split(/\n{2,}/).forEach(function (para) {
      if (!para.trim()) return;
      var p = el(div, 'p');
      para.split('\n').forEach(function (line, i) {
        if (i > 0) el(p, 'br');
        inline(p, line);
      });
    });
  }

  var INLINE = /(\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\))/g;
  function inline(parent, s) {
    var last = 0;
    var m;
    INLINE.lastIndex = 0;
    while ((m = INLINE.exec(s))) {
      if (m.index > last) parent.appendChild(d.createTextNode(s.slice(last, m.index)));
      if (m[2] !== undefined) el(parent, 'strong', '', m[2]);
      else if (m[3] !== undefined) el(parent, 'em', '', m[3]);
      else if (m[4] !== undefined) el(parent, 'code', '', m[4]);
      else {
        var a = el(parent, 'a', '', m[5]);
        a.href = m[6];
        a.rel = 'nofollow ugc noopener';
        a.target = '_blank';
      }
      last = INLINE.lastIndex;
    }
    if (last < s.length) parent.appendChild(d.createTextNode(s.slice(last)));
  }

  /* One comment and, below it, its replies: nested up to the cap, flat past it. */
  function comment(parent, node, depth, answers) {
    var c = node.comment;
    var article = el(parent, 'article', 'tl-comment');
    article.id = 'comment-' + c.id;
    article.setAttribute('data-id', c.id);
    article.setAttribute('data-parent', c.parent == null ? '' : c.parent);
    article.setAttribute('data-depth', depth);
    article.tabIndex = -1;
    var card = el(article, 'div', 'tl-card');
    var meta = el(card, 'header', 'tl-meta');
    var icon = identicon(c.author);
    var avatar = svg(meta, 'svg', 'tl-avatar');
    avatar.setAttribute('viewBox', '0 0 5 5');
    avatar.setAttribute('aria-hidden', 'true');
    avatar.setAttribute('focusable', 'false');
    var path = svg(avatar, 'path');
    path.setAttribute('fill', 'hsl(' + icon.hue + ' 55% 48%)');
    path.setAttribute('d', icon.path);
    var byline = el(meta, 'span', 'tl-byline');
    if (c.website) {
      var a = el(byline, 'a', 'tl-author', c.author);
      a.href = c.website;
      a.rel = 'nofollow ugc noopener';
      a.target = '_blank';
    } else {
      el(byline, 'span', 'tl-author', c.author);
    }
    var permalink = el(byline, 'a', 'tl-permalink');
    permalink.href = '#comment-' + c.id;
    var ms = Date.parse(c.created_at);
    var time = el(permalink, 'time', 'tl-time', ago(ms));
    time.dateTime = new Date(ms).toISOString();
    time.title = new Date(ms).toLocaleString();
    if (answers) {
      var p = el(card, 'p', 'tl-in-reply-to', '↳ in reply to ');
      el(p, 'span', '', answers);
    }
    body(card, c.text);
    var actions = el(card, 'footer', 'tl-actions');
    var reply = el(actions, 'button', 'tl-reply tl-link-button', 'Reply');
    reply.type = 'button';
    reply.setAttribute('aria-expanded', 'false');
    if (node.replies.length && !answers) {
      var collapse = el(actions, 'button', 'tl-collapse tl-link-button', 'Hide replies');
      collapse.type = 'button';
      collapse.setAttribute('aria-expanded', 'true');
      collapse.setAttribute('aria-label', 'Hide replies to ' + c.author);
    }
    if (!node.replies.length || answers) return;
    if (depth + 1 < maxDepth) {
      var replies = el(article, 'div', 'tl-replies');
      node.replies.forEach(function (r) { comment(replies, r, depth + 1); });
    } else {
      var flat = el(article, 'div', 'tl-replies tl-replies-flat');
      var stack = node.replies.slice().reverse().map(function (r) { return [r, c.author]; });
      while (stack.length) {
        var item = stack.pop();
        comment(flat, item[0], depth + 1, item[1]);
        for (var i = item[0].replies.length - 1; i >= 0; i--) stack.push([item[0].replies[i], item[0].comment.author]);
      }
    }
  }

  /* The page's comments as a forest, in the server's order (parents before children). */
  function forest(comments) {
    var byId = new Map();
    var roots = [];
    comments.forEach(function (c) { byId.set(c.id, { comment: c, replies: [] }); });
    comments.forEach(function (c) {
      var parent = c.parent == null ? null : byId.get(c.parent);
      (parent ? parent.replies : roots).push(byId.get(c.id));
    });
    return roots;
  }

  function load(cursor) {
    var url = api + '/comments?thread=' + encodeURIComponent(thread) + '&limit=' + pageSize;
    if (cursor) url += '&cursor=' + encodeURIComponent(cursor);
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('GET ' + url + ': ' + r.status);
      return r.json();
    });
  }

  function show(page) {
    total = page.total;
    title.textContent = total + (total === 1 ? ' comment' : ' comments');
    var fragment = d.createDocumentFragment();
    forest(page.comments).forEach(function (node) { comment(fragment, node, 0); });
    list.appendChild(fragment);
    if (moreWrap) {
      moreWrap.remove();
      moreWrap = null;
    }
    if (page.next_cursor) {
      moreWrap = el(section, 'div', 'tl-more-wrap');
      var button = el(moreWrap, 'button', 'tl-more tl-button tl-button-quiet', 'Show more comments');
      button.type = 'button';
      button.addEventListener('click', function () {
        button.disabled = true;
        button.textContent = 'Loading…';
        load(page.next_cursor).then(show, fail);
      });
    }
    section.setAttribute('data-state', 'ready');
  }

  function fail(e) {
    section.setAttribute('data-state', 'error');
    el(section, 'p', 'tl-form-error', 'Comments could not be loaded.');
    console.error('vanilla floor:', e);
  }

  load(null).then(show, fail);
})();
