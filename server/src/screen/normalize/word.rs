//! Repairs of one folded word: script mix, leetspeak, Arabic article, letter runs.

/// A letter masked by the writer (`f*ck`).
pub(crate) const MASK: char = '*';

/// Script repair, leetspeak, squeezing and Arabic prefixes for one folded word; and whether
/// any of the first three changed it.
pub(super) fn finish_word(word: &str) -> (String, bool) {
    // The common case: plain lower-case ASCII letters, nothing to repair.
    if word.bytes().all(|b| b.is_ascii_lowercase()) && !has_triple(word.as_bytes()) {
        return (word.to_owned(), false);
    }
    // Letters with no look-alike in the other script decide which script a mixed word is in.
    let (mut latin, mut cyrillic, mut letters, mut latin_only, mut cyrillic_only) = (0, 0, 0, 0, 0);
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
            latin_only += usize::from(!PAIRS.iter().any(|p| p.0 == c));
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
            cyrillic_only += usize::from(!PAIRS.iter().any(|p| p.1 == c));
        }
        letters += usize::from(c.is_alphabetic());
    }
    let leet = letters > 0 && word.chars().any(|c| !c.is_alphabetic() && c != MASK);
    let to_cyrillic = cyrillic > 0
        && match cyrillic_only.cmp(&latin_only) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => cyrillic >= latin,
        };
    let mixed = cyrillic > 0 && latin > 0 || letters > latin + cyrillic;
    let mut out = String::with_capacity(word.len());
    let all: Vec<char> = word.chars().collect();
    let between_letters =
        |k: usize| k > 0 && all[k - 1].is_alphabetic() && all.get(k + 1).is_some_and(|n| n.is_alphabetic());
    for (k, &c) in all.iter().enumerate() {
        // `@` or `1` inside a Latin word stands for a letter we cannot know (`f@ck` has `u`,
        // `Arsch1och` has `l`): it masks one, like `*`.
        if matches!(c, '@' | '1') && !to_cyrillic && between_letters(k) {
            out.push(MASK);
            continue;
        }
        // Digits that look like Cyrillic letters (`е6лан`, `3ачем`) in a Cyrillic word.
        let c = match c {
            '6' if leet && to_cyrillic => 'б',
            '3' if leet && to_cyrillic => 'з',
            '4' if leet && to_cyrillic => 'ч',
            _ if leet => unleet(c),
            _ => c,
        };
        let c = if mixed || leet { same_script(c, to_cyrillic) } else { c };
        // `*` masks one letter (`f*ck`); the word lists know the masked spellings.
        if c.is_alphanumeric() || c == MASK {
            out.push(c);
        }
    }
    // The article first: squeezing would merge its `ل` with a following one (`اللاجئون`).
    let stripped = strip_arabic_article(out);
    let squeezed = squeeze(&stripped);
    let evasive = leet || mixed && (latin > 0 || cyrillic > 0) || squeezed.len() != stripped.len();
    (squeezed, evasive)
}

fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '8' => 'b',
        '|' => 'l',
        _ => c,
    }
}

/// Maps look-alike letters into the word's main script (Latin, or Cyrillic).
/// Latin letters and their Cyrillic look-alikes (lower case).
const PAIRS: &[(char, char)] = &[
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('y', 'у'),
    ('x', 'х'),
    ('k', 'к'),
    ('m', 'м'),
    ('t', 'т'),
    ('h', 'н'),
    ('b', 'в'),
    ('i', 'і'),
    ('s', 'ѕ'),
];

fn same_script(c: char, to_cyrillic: bool) -> char {
    const GREEK: &[(char, char)] = &[
        ('α', 'a'),
        ('β', 'b'),
        ('ε', 'e'),
        ('ι', 'i'),
        ('κ', 'k'),
        ('ν', 'v'),
        ('ο', 'o'),
        ('ρ', 'p'),
        ('τ', 't'),
        ('υ', 'u'),
        ('χ', 'x'),
        ('γ', 'y'),
        ('μ', 'u'),
        ('η', 'n'),
    ];
    let c = GREEK.iter().find(|p| p.0 == c).map_or(c, |p| p.1);
    if to_cyrillic {
        PAIRS.iter().find(|p| p.0 == c && p.1 != 'і' && p.1 != 'ѕ').map_or(c, |p| p.1)
    } else {
        PAIRS.iter().find(|p| p.1 == c).map_or(c, |p| p.0)
    }
}

/// Removes the Arabic definite article and the prefixes fused with it (`والكلاب` → `كلاب`).
pub(crate) fn strip_arabic_article(word: String) -> String {
    if !word.starts_with(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return word;
    }
    for prefix in ["وال", "بال", "فال", "كال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest.to_owned();
            }
        }
    }
    word
}

fn has_triple(b: &[u8]) -> bool {
    b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// Collapses runs of three or more of the same letter to one (`fuuuck`, `idiooooot`);
/// patterns are squeezed the same way so they match.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut last, mut run) = (None, 0);
    for c in s.chars() {
        run = if last == Some(c) { run + 1 } else { 1 };
        last = Some(c);
        match run {
            // The third of a run: take back the second and keep one.
            3 if c.is_alphabetic() => {
                out.pop();
            }
            n if n > 3 && c.is_alphabetic() => {}
            _ => out.push(c),
        }
    }
    out
}
