//! One test per rule family of the sixth round (threats with no verb of harm, idioms of
//! stupidity, the commenter in the third person, first-person plural and imperative calls,
//! `@` and `1` as masks, tatweel splits, qualified groups, surnames).

use super::*;

fn held(s: &Screen, text: &str) -> bool {
    s.check(&Submission { text, author: "Reader", website: None }).is_held()
}

fn check(held_texts: &[&str], acceptable: &[&str]) {
    let s = Screen::new(&ScreenConfig::default());
    for text in held_texts {
        assert!(held(&s, text), "not held: {text}");
    }
    for text in acceptable {
        assert!(!held(&s, text), "held: {text}");
    }
}

#[test]
fn presence_without_a_verb_of_harm_is_a_threat() {
    check(
        &[
            "We'll be waiting outside your door, mate",
            "we know your address now",
            "They're coming for you and your family",
            "on connaît ton adresse, fais gaffe",
            "Wir wissen, wo du wohnst",
            "sabemos donde vives",
            "evini biliyoruz",
            "скоро мы за вами придём",
            "راح نجيك",
        ],
        &[
            "The police were waiting outside the courthouse all morning.",
            "Wir kommen gern zum Stadtfest, wenn das Wetter hält.",
        ],
    );
}

#[test]
fn idioms_and_inflections_insult() {
    check(
        &[
            "tu es complètement décérébré",
            "Du hast doch nicht alle Tassen im Schrank",
            "beynin hiç çalışmıyor",
            "que os den por culo a todos",
            "пошла ты на хер",
        ],
        &["Un patient décérébré a été transféré à l'hôpital.", "Er stellte die Tassen in den Schrank."],
    );
}

#[test]
fn calls_in_the_first_person_plural_and_imperative() {
    check(
        &[
            "Expulsons tous ces migrants, maintenant",
            "Zündet ihre Moscheen an",
            "hay que echarlos a patadas",
            "اقتلوهم",
            "suriyelilerin hepsini asın",
        ],
        &[
            "Brûlons les étapes : le budget sera voté demain.",
            "L'État doit expulser les étrangers condamnés.",
        ],
    );
}

#[test]
fn masks_and_splits_are_read_through() {
    check(
        &["sh1t head, f@cking idiot", "you @sshole, what a b@stard", "Arschl0ch, du Arsch1och", "كـ ـس امك"],
        &["Email me at info@example.com", "Frau Fick aus Kassel wurde gewählt."],
    );
}
