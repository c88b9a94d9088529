//! One pass from raw text to the tokens every other signal matches on.
//!
//! Each character is folded (compatibility decomposition, accents and Arabic vowel marks
//! dropped, lower case, `ß` → `ss`, Arabic letter variants unified); zero-width, bidi and
//! tatweel characters vanish without splitting a word. Words then get their script mix
//! repaired (Cyrillic look-alikes in a Latin word and the reverse), leetspeak undone, Arabic
//! article prefixes removed, and runs of three or more of the same letter squeezed to one
//! (`fuuuck`; a double letter stays, or `coon` would become `con`). Runs of three or more
//! single letters (`f u c k`, `i.d.i.o.t`) become one word.
//!
//! Word lists and rule patterns go through the same folding, so `scheiße`, `SCHEISSE` and
//! `sch3isse` all meet as `scheisse`. Punctuation survives as two markers, `,` (clause) and
//! `.` (sentence), so that rules can see clause boundaries. Every token keeps its byte range
//! in the original text, whether it was inside quotation marks, and its sentence number.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

mod word;

use word::finish_word;
pub(crate) use word::{squeeze, strip_arabic_article, MASK};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A word.
    Word,
    /// A clause boundary (comma, colon, dash, bracket).
    Comma,
    /// A sentence boundary (full stop, question mark, line break).
    Stop,
}

/// One word or boundary marker.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The folded form that lists and patterns match (`,` or `.` for markers).
    pub norm: String,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Word or marker.
    pub mark: Mark,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Number of the sentence, counted from 0.
    pub sentence: u32,
    /// Written with a capital first letter (names).
    pub capital: bool,
    /// Spelled out letter by letter (`f u c k`): its span does not follow word boundaries.
    pub spelled: bool,
}

/// A text as tokens, and the tokens joined as ` a b , c . ` for lists and patterns.
#[derive(Debug, Clone)]
pub(crate) struct Normalized {
    /// All tokens in order.
    pub tokens: Vec<Token>,
    /// The norms joined by single spaces, with a space before the first and after the last.
    pub joined: String,
    /// Byte offset of each token's norm in `joined`.
    offsets: Vec<usize>,
    /// The text hides words: zero-width characters, spelled-out or leetspeak words, mixed
    /// scripts, look-alike forms (`𝐟𝐮𝐜𝐤`), long letter runs, `*` inside a word.
    pub evasive: bool,
}

impl Normalized {
    /// The tokens that a byte range of `joined` touches (boundary spaces touch none).
    pub fn tokens_in(&self, range: Range<usize>) -> Range<usize> {
        let first = self.offsets.partition_point(|&o| o < range.start).saturating_sub(1);
        let first =
            if self.offsets.get(first).is_some_and(|&o| o + self.tokens[first].norm.len() <= range.start) {
                first + 1
            } else {
                first
            };
        let last = self.offsets.partition_point(|&o| o < range.end);
        first..last.max(first)
    }

    /// The original text of a token range, from the first token's start to the last's end.
    pub fn span_of(&self, tokens: Range<usize>) -> Range<usize> {
        match (self.tokens.get(tokens.start), tokens.end.checked_sub(1).and_then(|e| self.tokens.get(e))) {
            (Some(a), Some(b)) if tokens.start < tokens.end => a.span.start..b.span.end,
            _ => 0..0,
        }
    }
}

/// Characters that are dropped without splitting a word: evasion hides in them.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{0640}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FC60}')
}

/// Folds one character into zero or more lower-case base characters.
pub(crate) fn fold(c: char, out: &mut String) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            match l {
                'ß' => out.push_str("ss"),
                'ı' => out.push('i'),
                'ة' => out.push('ه'),
                'ى' | 'ی' | 'ې' => out.push('ي'),
                'ٱ' => out.push('ا'),
                'ک' => out.push('ك'),
                'ς' => out.push('σ'),
                _ => out.push(l),
            }
        }
    });
}

enum Class {
    Word,
    Apostrophe,
    Quote,
    Joiner,
    Stop,
    Comma,
    Newline,
    Break,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '‛' => Class::Apostrophe,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' | '＂' => {
            Class::Quote
        }
        '.' | '-' | '_' | '*' | '·' | '/' | '@' | '$' | '!' | '|' => Class::Joiner,
        '?' | '؟' | '…' | '。' | '！' | '？' => Class::Stop,
        ',' | '،' | ';' | '؛' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '–' | '—' => Class::Comma,
        _ if c.is_alphanumeric() => Class::Word,
        _ => Class::Break,
    }
}

/// The `*` at `k` belongs to a run of at most three stars with a letter on each side.
fn star_run_between_letters(chars: &[(usize, char)], k: usize) -> bool {
    let start = (0..=k).rev().take_while(|&j| chars[j].1 == '*').last().unwrap_or(k);
    let end = (k..chars.len()).take_while(|&j| chars[j].1 == '*').last().unwrap_or(k) + 1;
    end - start <= 3
        && start.checked_sub(1).is_some_and(|j| chars[j].1.is_alphabetic())
        && chars.get(end).is_some_and(|x| x.1.is_alphabetic())
}

/// Normalises a text into tokens.
pub(crate) fn normalize(text: &str) -> Normalized {
    let raw: Vec<(usize, char)> = text.char_indices().collect();
    // Spaces next to a tatweel split a word on purpose (`كـ ـس`): they join instead.
    let by_tatweel = |j: usize| {
        let near = |mut it: Box<dyn Iterator<Item = &(usize, char)> + '_>| {
            it.find(|p| !p.1.is_whitespace()).is_some_and(|p| p.1 == '\u{0640}')
        };
        near(Box::new(raw[..j].iter().rev())) || near(Box::new(raw[j + 1..].iter()))
    };
    let tatweel = text.contains('\u{0640}');
    let chars: Vec<(usize, char)> = (0..raw.len())
        .filter(|&j| !(is_ignorable(raw[j].1) || raw[j].1.is_whitespace() && tatweel && by_tatweel(j)))
        .map(|j| raw[j])
        .collect();
    let mut b = Builder { evasive: chars.len() != text.chars().count(), ..Builder::default() };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let prev_alnum = prev.is_some_and(char::is_alphanumeric);
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let end = i + c.len_utf8();
        match classify(c) {
            Class::Word => b.push_char(i, end, c),
            // A vowel mark between letters must not split the word (fold drops it).
            _ if is_combining_mark(c) => b.push_char(i, end, c),
            // Leetspeak (`sh!t`, `@ss`, `$hit`) only counts when glued to a word; a `*`
            // between two letters masks one (`f*ck`, `p*ta`) and stays in the word.
            Class::Joiner if glued_leet(c, prev_alnum, next_alnum) => b.push_char(i, end, c),
            // A run of up to three stars masks as one (`fi**t`).
            Class::Joiner if c == '*' && star_run_between_letters(&chars, k) => {
                b.evasive = true;
                if prev != Some('*') {
                    b.push_char(i, end, c)
                }
            }
            // `i.d.i.o.t`, `e-mail`, `and/or`: a break inside a word, not a boundary.
            Class::Joiner if prev_alnum && next_alnum => {
                b.evasive |= c == '*';
                b.flush()
            }
            Class::Joiner if matches!(c, '.' | '!') => b.marker(Mark::Stop),
            Class::Joiner if c == '-' => b.marker(Mark::Comma),
            Class::Joiner | Class::Break => b.flush(),
            Class::Apostrophe if prev_alnum && next_alnum => b.flush(),
            Class::Apostrophe if b.quoted && prev_alnum => {
                b.flush();
                b.quoted = false;
            }
            Class::Apostrophe if !prev_alnum && next_alnum => {
                b.flush();
                b.quoted = true;
            }
            Class::Apostrophe => b.flush(),
            Class::Quote => {
                b.flush();
                b.quoted = c == '„' || !b.quoted;
            }
            Class::Stop => b.marker(Mark::Stop),
            Class::Comma => b.marker(Mark::Comma),
            Class::Newline => {
                b.marker(Mark::Stop);
                b.quoted = false;
            }
        }
    }
    // A final sentence marker lets patterns require the end of a clause (`… out .`).
    b.marker(Mark::Stop);
    b.finish()
}

fn glued_leet(c: char, prev_alnum: bool, next_alnum: bool) -> bool {
    match c {
        '@' | '$' => next_alnum,
        '!' | '|' => prev_alnum && next_alnum,
        _ => false,
    }
}

#[derive(Default)]
struct Builder {
    tokens: Vec<Token>,
    word: String,
    word_span: Range<usize>,
    capital: bool,
    quoted: bool,
    sentence: u32,
    scratch: String,
    evasive: bool,
}

impl Builder {
    fn push_char(&mut self, start: usize, end: usize, c: char) {
        if self.word.is_empty() {
            self.word_span = start..end;
            self.capital = c.is_uppercase();
        }
        self.word_span.end = end;
        // Most text is ASCII: no decomposition needed.
        if c.is_ascii() {
            self.word.push(c.to_ascii_lowercase());
            return;
        }
        self.scratch.clear();
        fold(c, &mut self.scratch);
        // A compatibility form (full-width, mathematical, circled letters) that folds to
        // plain letters is a look-alike, not an accent.
        if self.scratch.is_ascii() && c.is_alphabetic() {
            let (mut compatible, mut canonical) = (String::new(), String::new());
            decompose_compatible(c, |d| compatible.push(d));
            unicode_normalization::char::decompose_canonical(c, |d| canonical.push(d));
            self.evasive |= compatible != canonical;
        }
        for f in self.scratch.chars() {
            if f.is_alphanumeric() || matches!(f, '@' | '$' | '!' | '|' | '*') {
                self.word.push(f);
            }
        }
    }

    fn flush(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let (norm, evasive) = finish_word(&self.word);
        self.evasive |= evasive;
        self.word.clear();
        if norm.is_empty() {
            return;
        }
        self.tokens.push(Token {
            norm,
            span: self.word_span.clone(),
            mark: Mark::Word,
            quoted: self.quoted,
            sentence: self.sentence,
            capital: self.capital,
            spelled: false,
        });
    }

    fn marker(&mut self, mark: Mark) {
        self.flush();
        let Some(last) = self.tokens.last_mut() else { return };
        match (last.mark, mark) {
            (Mark::Word, _) => {}
            (Mark::Comma, Mark::Stop) => {
                last.mark = Mark::Stop;
                last.norm = ".".into();
                self.sentence += 1;
                return;
            }
            _ => return,
        }
        let at = last.span.end;
        self.tokens.push(Token {
            norm: if mark == Mark::Stop { "." } else { "," }.into(),
            span: at..at,
            mark,
            quoted: self.quoted,
            sentence: self.sentence,
            capital: false,
            spelled: false,
        });
        if mark == Mark::Stop {
            self.sentence += 1;
        }
    }

    fn finish(self) -> Normalized {
        let tokens = join_spelled_out(self.tokens);
        let evasive = self.evasive || tokens.iter().any(|t| t.spelled);
        let mut joined = String::with_capacity(tokens.iter().map(|t| t.norm.len() + 1).sum::<usize>() + 1);
        let mut offsets = Vec::with_capacity(tokens.len());
        joined.push(' ');
        for t in &tokens {
            offsets.push(joined.len());
            joined.push_str(&t.norm);
            joined.push(' ');
        }
        Normalized { tokens, joined, offsets, evasive }
    }
}

/// English words after which a spelled-out run's leading `a` is the article.
const COPULAS: &[&str] =
    &["are", "is", "was", "were", "re", "s", "such", "what", "quite", "be", "being", "m", "r", "you", "u"];

/// Merges runs of three or more one-letter words: `f u c k` is one word spelled out. A
/// leading `a`, `r` or `u` after a copula or `you` is a word of its own (`you r a l o s e r`).
fn join_spelled_out(tokens: Vec<Token>) -> Vec<Token> {
    let single = |t: &Token| {
        t.mark == Mark::Word && t.norm.chars().count() == 1 && t.norm.chars().all(char::is_alphabetic)
    };
    if tokens.windows(3).all(|w| !w.iter().all(single)) {
        return tokens;
    }
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        // A wider gap between two letters separates spelled-out words (`Y O U  A R E`).
        let mut run = tokens[i..].iter().take_while(|t| single(t)).count();
        if let Some(gap) = tokens[i..i + run].windows(2).position(|w| w[1].span.start - w[0].span.end >= 2) {
            run = gap + 1;
        }
        // `you r a l o s e r`: the copula `r` and the article `a` stay words.
        while run >= 5
            && i > 0
            && COPULAS.contains(&tokens[i - 1].norm.as_str())
            && matches!(tokens[i].norm.as_str(), "a" | "r" | "u")
        {
            out.push(tokens[i].clone());
            i += 1;
            run -= 1;
        }
        if run >= 3 {
            let letters: String = tokens[i..i + run].iter().map(|t| t.norm.as_str()).collect();
            let mut merged = tokens[i].clone();
            merged.norm = squeeze(&letters);
            merged.span.end = tokens[i + run - 1].span.end;
            merged.spelled = true;
            out.push(merged);
            i += run;
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
