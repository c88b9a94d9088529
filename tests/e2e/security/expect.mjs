// What a payload must still look like on screen. Three ways a field is shown:
//  - plain: the widget shows the string as typed (author names everywhere; native comment text
//    while the widget renders plain text). Compared whole, with whitespace collapsed.
//  - html: a backend's HTML body, shown as its text with the tags dropped. Every word of the
//    text outside tags (script/style/template/raw-text element contents, comments and CDATA
//    left out, entities decoded) must appear in what the widget shows.
//  - markdown: native text once the widget renders markdown: every word outside link
//    destinations (up to the first parenthesis), autolinks, reference definitions and code-fence
//    lines must appear.

/** Collapses whitespace, drops invisible control characters, trims. */
export function normalize(text) {
  return String(text ?? '')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', colon: ':', tab: '\t', newline: '\n' };

/** Decodes numeric and common named entities; other entities and unterminated ones become a space. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (match, name) => {
    if (!match.endsWith(';')) return ' ';
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED[name.toLowerCase()] ?? ' ';
  });
}

/** Words of two or more letters or digits. */
export function words(text) {
  return text.match(/[A-Za-z0-9]{2,}/g) ?? [];
}

/** The text an HTML fragment shows, by the most conservative reading. */
export function htmlVisibleText(html) {
  let s = html;
  s = s.replace(/<plaintext[\s\S]*$/i, ' ');
  s = s.replace(/<!--(?:>|->|[\s\S]*?(?:--!?>|$))/g, ' ');
  s = s.replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, ' ');
  const rawText = 'script|style|template|xmp|iframe|noembed|noframes|noscript|textarea|title';
  s = s.replace(new RegExp(`<(${rawText})\\b[\\s\\S]*?(?:<\\/\\1\\s*>|$)`, 'gi'), ' ');
  s = s.replace(/<[A-Za-z/!?](?:"[^"]*"|'[^']*'|[^'">])*(?:>|$)/g, ' ');
  return decodeEntities(s);
}

/** The text a markdown source shows at least, by the most conservative reading. */
export function markdownVisibleText(source) {
  let s = source;
  s = s.replace(/^ {0,3}\[[^\]]+\]:.*$/gm, ' ');
  s = s.replace(/^ {0,3}(?:```|~~~).*$/gm, ' ');
  s = s.replace(/\]\([^)]*\)?/g, '] ');
  s = s.replace(/<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>/g, ' ');
  return decodeEntities(s);
}

/**
 * Checks what a field shows against its payload; returns null when it is fine, or a sentence
 * saying what is missing.
 */
export function checkShown(mode, payload, shown) {
  if (shown === null || shown === undefined) return 'the field is not rendered';
  if (mode === 'plain') {
    const want = normalize(payload);
    const got = normalize(shown);
    return got === want ? null : `shows ${JSON.stringify(got.slice(0, 200))}, not the payload as text`;
  }
  const source = mode === 'html' ? htmlVisibleText(payload) : markdownVisibleText(payload);
  // Code spans show entities undecoded; either reading of what is shown will do.
  const raw = String(shown);
  const decoded = decodeEntities(raw);
  const missing = words(source).filter((w) => !raw.includes(w) && !decoded.includes(w));
  if (missing.length === 0) return null;
  return `the words ${JSON.stringify(missing)} are missing from ${JSON.stringify(raw.slice(0, 200))}`;
}
