//! Normalisation on evasions, scripts and punctuation.

use super::*;

/// The norms, without the final sentence marker every text gets.
fn words(text: &str) -> Vec<String> {
    let mut w: Vec<String> = normalize(text).tokens.into_iter().map(|t| t.norm).collect();
    assert_eq!(w.pop().as_deref(), Some("."), "{text}");
    w
}

#[test]
fn folds_case_accents_and_compatibility_forms() {
    assert_eq!(words("SCHEISSE Scheiße ＦＵＬＬ ｗｉｄｔｈ"), ["scheisse", "scheisse", "full", "width"]);
    assert_eq!(words("coon con"), ["coon", "con"]);
    assert_eq!(words("Ça café naïve"), ["ca", "cafe", "naive"]);
    assert_eq!(words("İstanbul ığdır çocuğu"), ["istanbul", "igdir", "cocugu"]);
    assert_eq!(words("𝐟𝐮𝐜𝐤"), ["fuck"]);
}

#[test]
fn zero_width_and_tatweel_do_not_split_words() {
    assert_eq!(words("id\u{200B}iot"), ["idiot"]);
    assert_eq!(words("كـــلب"), ["كلب"]);
}

#[test]
fn arabic_marks_variants_and_article() {
    assert_eq!(words("أَنْتَ"), ["انت"]);
    assert_eq!(words("الكلاب والحشرات قذرة"), ["كلاب", "حشرات", "قذره"]);
    assert_eq!(words("اللاجئون"), ["لاجيون"]);
}

#[test]
fn leetspeak_repeats_and_spelled_out_words() {
    assert_eq!(words("1d10t"), ["idiot"]);
    assert_eq!(words("@ss sh!t $hit"), ["ass", "shit", "shit"]);
    assert_eq!(words("iiiidiooooot"), ["idiot"]);
    assert_eq!(words("f u c k you"), ["fuck", "you"]);
    assert_eq!(words("is a f u c k i n g idiot"), ["is", "a", "fucking", "idiot"]);
    assert_eq!(words("bir a p t a l"), ["bir", "aptal"]);
    assert_eq!(words("i.d.i.o.t"), ["idiot"]);
    assert_eq!(words("in 2024, 12 died"), ["in", "2024", ",", "12", "died"]);
}

#[test]
fn evasion_is_noticed_and_plain_text_is_not() {
    for plain in ["I think the council is right.", "Café naïve Straße İstanbul", "Привет, как дела?", "أنت"]
    {
        assert!(!normalize(plain).evasive, "{plain}");
    }
    for hidden in ["f u c k", "id\u{200B}iot", "1d10t", "idiоt", "𝐟𝐮𝐜𝐤", "f*ck", "fuuuuck", "ＦＵＣＫ"]
    {
        assert!(normalize(hidden).evasive, "{hidden}");
    }
}

#[test]
fn mixed_scripts_are_repaired_but_russian_stays_russian() {
    // Cyrillic а and о inside a Latin word.
    assert_eq!(words("idiоt bаstard"), ["idiot", "bastard"]);
    // Latin x and y inside a Cyrillic word.
    assert_eq!(words("xyй"), ["хуи"]);
    assert_eq!(words("Привет, как дела?"), ["привет", ",", "как", "дела"]);
}

#[test]
fn markers_quotes_and_sentences() {
    let n = normalize("He said \"you idiot\". Then: 'no' -- fine");
    let t: Vec<(&str, bool, u32)> =
        n.tokens.iter().map(|t| (t.norm.as_str(), t.quoted, t.sentence)).collect();
    assert_eq!(
        t,
        [
            ("he", false, 0),
            ("said", false, 0),
            ("you", true, 0),
            ("idiot", true, 0),
            (".", false, 0),
            ("then", false, 1),
            (",", false, 1),
            ("no", true, 1),
            (",", false, 1),
            ("fine", false, 1),
            (".", false, 1),
        ]
    );
    assert_eq!(n.joined, " he said you idiot . then , no , fine . ");
}

#[test]
fn apostrophes_split_elisions_without_opening_quotes() {
    let n = normalize("T'es qu'un con, l'idiot. The students' union isn't 'woke'.");
    let t: Vec<(&str, bool)> = n.tokens.iter().map(|t| (t.norm.as_str(), t.quoted)).collect();
    assert!(t.contains(&("es", false)) && t.contains(&("idiot", false)));
    assert!(t.contains(&("union", false)) && t.contains(&("woke", true)));
}

#[test]
fn spans_point_into_the_original() {
    let text = "Tu es un c*nnard, IDIOT!";
    let n = normalize(text);
    let idiot = n.tokens.iter().find(|t| t.norm == "idiot").unwrap();
    assert_eq!(&text[idiot.span.clone()], "IDIOT");
    let at = n.joined.find("idiot").unwrap();
    let r = n.tokens_in(at - 1..at + 6);
    assert_eq!(n.tokens[r.clone()].len(), 1);
    assert_eq!(&text[n.span_of(r)], "IDIOT");
}
