// Page-side checks of the widget's shadow DOM: the whitelist of elements and attributes, the
// link schemes, and what each comment shows. Every function here is passed to page.evaluate,
// so each is self-contained.

/** Elements and attributes the widget may render; everything else is a finding. */
export const WHITELIST = {
  elements: `section header footer h2 h3 form div label input textarea button p article span a time svg
    path br strong em code pre blockquote ul ol li link bdi`.split(/\s+/),
  attributes: `class id href rel target datetime title viewBox fill d focusable tabindex name type rows
    placeholder value for autocomplete novalidate disabled role hidden lang dir`.split(/\s+/),
};

/**
 * Every element or attribute outside the whitelist, every `style` or `on*` attribute, every link
 * whose resolved scheme is not http, https or mailto (or a fragment other than #comment-…),
 * every nested shadow root, and any element added to the light DOM.
 */
export function auditWidget(whitelist) {
  const root = document.querySelector('#threadline')?.shadowRoot;
  if (!root) return [{ where: 'page', what: 'no shadow root on #threadline' }];
  const elements = new Set(whitelist.elements);
  const attributes = new Set(whitelist.attributes.map((a) => a.toLowerCase()));
  const SVG = 'http://www.w3.org/2000/svg';
  const HTML = 'http://www.w3.org/1999/xhtml';
  const findings = [];
  const where = (el) => el.closest('article.tl-comment')?.id ?? (el.closest('form') ? 'form' : 'widget');
  const add = (el, what) => findings.push({ where: where(el), what });
  // The one image the widget may show: a remote avatar (`data-avatars="remote"`), loaded lazily,
  // without a referrer, from an http(s) URL, with no attribute beyond these.
  const AVATAR = new Set(['class', 'src', 'alt', 'loading', 'referrerpolicy', 'decoding']);
  for (const el of root.querySelectorAll('img.tl-avatar')) {
    if (el.namespaceURI !== HTML) continue;
    for (const { name, value } of el.attributes) {
      if (!AVATAR.has(name.toLowerCase())) add(el, `attribute ${name}=${JSON.stringify(value.slice(0, 120))} on an avatar`);
    }
    if (el.loading !== 'lazy' || el.referrerPolicy !== 'no-referrer' || el.alt !== '') {
      add(el, `an avatar with loading=${el.loading}, referrerpolicy=${el.referrerPolicy}, alt=${JSON.stringify(el.alt)}`);
    }
    let protocol;
    try {
      protocol = new URL(el.src).protocol;
    } catch {
      protocol = 'unparsable';
    }
    if (!['http:', 'https:'].includes(protocol)) add(el, `an avatar with scheme ${protocol}: ${JSON.stringify(el.src.slice(0, 120))}`);
  }
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (tag === 'img' && el.classList.contains('tl-avatar') && el.namespaceURI === HTML) continue;
    const ns = tag === 'svg' || tag === 'path' ? SVG : HTML;
    if (!elements.has(tag) || el.namespaceURI !== ns) add(el, `element <${tag}> in ${el.namespaceURI}`);
    if (el.shadowRoot) add(el, `a shadow root inside <${tag}>`);
    for (const { name, value } of el.attributes) {
      const n = name.toLowerCase();
      const shown = `${name}=${JSON.stringify(value.slice(0, 120))} on <${tag}>`;
      if (n.startsWith('on')) add(el, `event handler attribute ${shown}`);
      else if (n === 'style') add(el, `style attribute ${shown}`);
      // The widget's own values only: a direction, and a language of its catalogues.
      else if (n === 'dir' && !['ltr', 'rtl', 'auto'].includes(value)) add(el, `attribute ${shown}`);
      else if (n === 'lang' && !/^[a-z]{2}$/.test(value)) add(el, `attribute ${shown}`);
      else if (!attributes.has(n) && !n.startsWith('aria-') && !n.startsWith('data-')) {
        add(el, `attribute ${shown}`);
      }
    }
    if (!el.hasAttribute('href')) continue;
    const raw = el.getAttribute('href');
    if (tag === 'link') {
      const ok = el.rel === 'stylesheet' && el.hasAttribute('data-tl-css') && /\.css$/.test(new URL(el.href).pathname);
      if (!ok) add(el, `link rel=${el.rel} href=${JSON.stringify(raw)} is not the widget's stylesheet`);
    } else if (tag !== 'a') {
      add(el, `href=${JSON.stringify(raw)} on <${tag}>`);
    } else if (raw.startsWith('#')) {
      if (!/^#comment-\S+$/.test(raw)) add(el, `fragment link href=${JSON.stringify(raw)}`);
    } else {
      let protocol;
      try {
        protocol = new URL(el.href).protocol;
      } catch {
        protocol = 'unparsable';
      }
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) {
        add(el, `link with scheme ${protocol}: href=${JSON.stringify(raw.slice(0, 120))}`);
      }
    }
  }
  for (const el of root.querySelectorAll('link')) {
    if (el.rel !== 'stylesheet') add(el, `link rel=${el.rel}`);
  }
  const light = document.getElementsByTagName('*').length;
  if (window.__tlLightDomSize !== undefined && light !== window.__tlLightDomSize) {
    findings.push({ where: 'page', what: `light DOM went from ${window.__tlLightDomSize} to ${light} elements` });
  }
  return findings;
}

/**
 * Moves a pretend pointer and focus over every element of the widget, so that handlers that
 * need an interaction (onmouseover, onfocus, onpointerenter …) would run if they existed.
 */
export function sweepWidget() {
  const root = document.querySelector('#threadline')?.shadowRoot;
  if (!root) return 0;
  const mouse = ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'pointerenter'];
  let n = 0;
  for (const el of root.querySelectorAll('*')) {
    for (const type of mouse) el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    el.dispatchEvent(new FocusEvent('focus'));
    el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    n++;
  }
  return n;
}

/**
 * What each rendered comment shows, by DOM id: the author's text and link, the body's text,
 * markup in the body, and the name in an open reply form's heading.
 */
export function readComments() {
  const root = document.querySelector('#threadline').shadowRoot;
  const out = {};
  for (const article of root.querySelectorAll('article.tl-comment')) {
    const card = article.querySelector(':scope > .tl-card');
    const author = card?.querySelector('.tl-author');
    const warning = card?.querySelector('.tl-warning-text');
    const body = card?.querySelector('.tl-body');
    const form = article.querySelector(':scope > form.tl-form');
    out[article.id] = {
      author: author?.textContent ?? null,
      authorVisible: author ? author.checkVisibility() : false,
      authorHref: author?.localName === 'a' ? author.href : null,
      body: body?.innerText ?? null,
      bodyVisible: body ? body.checkVisibility() : false,
      markdown: body ? body.querySelector('em, strong, code, pre, blockquote, ul, ol, a') !== null : false,
      replyingTo: form?.querySelector('.tl-form-title strong')?.textContent ?? null,
      warning: warning?.textContent ?? null,
      warningVisible: warning ? warning.checkVisibility() : false,
      avatar: card?.querySelector('.tl-meta > .tl-avatar')?.localName ?? null,
    };
  }
  return out;
}
