//! One test per rule family of the fifth round (exclamations, pointers to the commenter,
//! star runs, arson calls, finding threats in every person, deserved bullets, abbreviations,
//! Turkish threats and comparisons, sanctions as condemnation, qualified groups, expulsion).

use super::*;

fn screen() -> Screen {
    Screen::new(&ScreenConfig::default())
}

fn held(s: &Screen, text: &str) -> bool {
    s.check(&Submission { text, author: "Reader", website: None }).is_held()
}

fn all_held(s: &Screen, texts: &[&str]) {
    for text in texts {
        assert!(held(s, text), "not held: {text}");
    }
}

fn none_held(s: &Screen, texts: &[&str]) {
    for text in texts {
        assert!(!held(s, text), "held: {text}");
    }
}

#[test]
fn an_exclamation_aims_the_insult_that_ends_its_clause() {
    let s = screen();
    all_held(&s, &["What an idiot.", "Was für ein Hohlkopf, unglaublich", "какой дебил!", "Menudo imbécil."]);
    none_held(
        &s,
        &["What a stupid decision by the council.", "Quelle idée stupide.", "So ein dummer Zufall."],
    );
}

#[test]
fn pointers_to_the_commenter_above_aim_the_insult() {
    let s = screen();
    all_held(
        &s,
        &[
            "quel crétin ce mec au-dessus",
            "Der Typ über mir ist doch komplett bescheuert",
            "dieser Depp da oben",
            "this moron above",
            "bu yorumu yazan salak",
            "the muppet who posted this should be banned",
            "Wer so einen Mist schreibt, ist einfach nur strunzdumm",
        ],
    );
    none_held(&s, &["Above all, the plan is stupid.", "Yazan gazeteci ödül aldı."]);
}

#[test]
fn a_run_of_stars_masks_letters() {
    let s = screen();
    all_held(&s, &["Fi**t euch alle", "du H**ensohn"]);
    none_held(&s, &["Rated 4**** by critics", "See note ** below"]);
}

#[test]
fn calls_to_burn_places_of_worship_and_homes() {
    let s = screen();
    all_held(
        &s,
        &[
            "il faut brûler leurs mosquées",
            "Man sollte die Flüchtlingsheime abfackeln",
            "hay que quemar todas las mezquitas",
            "camilerini yakın",
            "сжечь их мечети",
        ],
    );
    none_held(
        &s,
        &[
            "Le terroriste voulait incendier une mosquée, selon le parquet.",
            "Der Angeklagte soll gedroht haben, das Asylheim anzuzünden.",
            "Террористы планировали поджечь синагогу.",
            "Teröristler camiyi yakmayı planlamış.",
        ],
    );
}

#[test]
fn knowing_where_someone_lives_in_every_person() {
    let s = screen();
    all_held(
        &s,
        &[
            "On sait où tu habites",
            "Wir wissen, wo deine Kinder zur Schule gehen",
            "мы знаем где ты живешь",
            "نعرف وين ساكن",
        ],
    );
    none_held(&s, &["We know where the suspect lived, police said.", "On sait où se trouve la mairie."]);
}

#[test]
fn deserving_a_bullet_or_a_wished_death() {
    let s = screen();
    all_held(
        &s,
        &[
            "tu mérites une balle",
            "Du verdienst eine Kugel",
            "mereces un tiro",
            "kurşunu hak ediyorsun",
            "je te souhaite de crever",
        ],
    );
    none_held(&s, &["Il mérite une médaille.", "Sie verdient eine Gehaltserhöhung."]);
}

#[test]
fn abbreviations_and_new_words() {
    let s = screen();
    all_held(
        &s,
        &[
            "stfu nobody asked you",
            "fdp va",
            "s.g lan",
            "ananı avradını",
            "иди проспись, алкаш",
            "go away you weasel",
        ],
    );
    none_held(
        &s,
        &["The statement was full of weasel words.", "Die FDP hat dagegen gestimmt.", "SPD, Grüne und FDP"],
    );
}

#[test]
fn turkish_threats_and_comparisons() {
    let s = screen();
    all_held(
        &s,
        &[
            "ağzını kırarım senin",
            "hepsini kurşuna dizin",
            "mülteciler hayvandan farksız",
            "kürtler bu ülkenin mikrobu",
        ],
    );
    none_held(&s, &["Mikrobu bulaştıran hasta tedavi edildi.", "Ağzını kapatarak öksür."]);
}

#[test]
fn sanctions_condemn_what_they_quote() {
    let s = screen();
    none_held(
        &s,
        &[
            "The banner read 'kill all traitors' and the club has rightly been fined.",
            "Wer Menschen als Kanaken beschimpft, gehört angezeigt.",
            "Его оштрафовали за слово «чурка» в адрес водителя.",
            "Suç işleyen yabancılar sınır dışı edilmeli, yasa bu.",
        ],
    );
}

#[test]
fn expulsion_and_insults_in_other_wordings() {
    let s = screen();
    all_held(
        &s,
        &[
            "Kick every last muslim out of Britain",
            "Sie sind ein ahnungsloser Dummschwätzer",
            "Are you always this dense or is today special?",
            "T'es vraiment trop con mon pauvre",
        ],
    );
}
