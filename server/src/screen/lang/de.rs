//! German. Compounds carry insults at either end (`Vollidiot`, `Drecksau`), hence the
//! `*idiot` and `dreck*` entries.

use super::Kind::{self, *};
use super::{rule, Lang, RuleDef};
use crate::screen::verdict::Category::{Dehumanising, Insult, Profanity, Sexual, Slur, Threat};
use crate::screen::verdict::Severity::{Mild, Moderate, Severe};

const WORDS: &[(Kind, &str)] = &[
    (
        Abuse(Slur, Severe),
        "neger negern negerin* kanake* kanacke* kameltreiber* schlitzauge* zigeuner* \
        schwuchtel* judensau* itaker* polacke* kummelturke* ziegenficker* musel musels bimbos judenpresse judenpack \
        judenschwein* judenbengel*",
    ),
    (
        Abuse(Profanity, Moderate),
        "fick ficken fickt fickst fick_dich fickt_euch gefickt *ficker hurensohn* \
        hurensohne* hure huren *arschloch *arschlocher wichser* *wichser fotze* missgeburt* drecksau* \
        drecksack* dreckschwein* dreckstuck* spast spasti spastis scheisskerl* leck_mich halt_die_fresse \
        halts_maul halt_s_maul verpiss_dich verpisst_euch schlampe* miststuck*",
    ),
    (Abuse(Profanity, Mild), "scheisse scheiss kacke mist verdammt verdammte arsch kotzen"),
    (Abuse(Insult, Moderate), "untermensch* abschaum gesindel behindi* mongo mongos du_arsch ihr_arsche \
        arschgesicht* arschgeige* arschkriecher* arschkrampe* du_sau du_schwein ihr_schweine"),
    (
        Abuse(Insult, Mild),
        "nicht_alle_tassen_im_schrank einen_an_der_waffel nicht_alle_latten_am_zaun geistiger_tiefflieger \
        idiot idioten *idiot *idioten dummkopf* trottel* depp deppen blodman* vollpfosten* \
        spinner versager* penner* dumm dumme dummer dummes doof blod blode blöder bescheuert* behindert* \
        erbarmlich* schwachkopf* hirnlos* dumpfbacke* armleuchter witzfigur* clown clowns loser nichtsnutz* \
        hohlkopf* dummschwatzer* lappen lachnummer volltrottel* pfeife damlich* strunzdumm* stockdumm* grottendumm* saublod* \
        hirnverbrannt* nazi_schwein* opfer \
        dummste dummsten dummster dummstes dummer dummen dummbeutel* dummbatz* vollhonk* honk honks hirni hirnis \
        spacko* spacken dulli dullis dodel knalltute* pappnase* hohlbirne* flachpfeife* evolutionsbremse* \
        nullnummer schwachmat* kackbratze* lauch vollspast* idiotisch* bekloppt* beknackt* geistig_behindert* \
        erbarmliche erbarmlicher erbarmliches erbarmlichen vollpfosten hinterwaldler* dorftrottel* \
        hirnamputiert* strohdumm* saudumm* vollidiot* volldepp*",
    ),
    (Abuse(Sexual, Moderate), "titten mopse muschi nacktbilder"),
    (Addressee, "du dich dir euch bist seid uber_mir *oben wer_so_was_schreibt wer_sowas_schreibt \
        wer_so_einen_mist_schreibt wer_so_einen_quatsch_schreibt wer_so_einen_schwachsinn_schreibt wer_das_schreibt \
        labert_dieser labert_der schreibt_dieser der_verfasser"),
    (Vocative, "hey ey hor_zu horzu halt_die_klappe junge verschwinde halts_maul"),
    (Exclamative, "was_fur_ein was_fur_eine was_fur_einen so_ein so_eine"),
    (
        Condemn,
        "inakzeptabel unakzeptabel beschamend schande widerlich rassistisch* rassismus beleidigung* \
        verurteil* unertraglich menschenverachtend* hetze hetzerisch* homophob* antisemitisch* \
        fremdenfeindlich* abscheulich* keinen_platz skandal* nicht_hinnehmbar geht_gar_nicht \
        diskriminierend* entsetzlich* schlimm angezeigt anzeige bestraft geldstrafe",
    ),
    (
        Report,
        "sagte sagten sagt erklarte angeklagt beschuldigt verurteilt drohte gedroht droht drohten schwor angekundigt kundigte \
        festgenommen verhaftet skandierten skandiert riefen rief angeblich laut nicht nie niemals niemand \
        kein keine keiner gegen",
    ),
    (Naming, "nannte nannten genannt nennen bezeichnet* beschimpft* wort begriff als"),
    (
        Safe,
        "die_fdp der_fdp fdp_und und_fdp fdp_chef* fdp_politiker* fdp_fraktion schwarze schwarzen wixhausen fickmuhle* titting petting penis vagina scheide brust* brustkrebs \
        sexuell* vergewaltig* schwul* lesbisch* lesbe lesben juden judisch* muslime muslimisch* \
        geschlechtsverkehr hoden* prostata kondom* missbrauch* padophil* prostitu* porno* after_krebs",
    ),
    // A surname (`Frau Fick`) next to another capitalised word.
    (NameWord, "fick"),
    (Common, "der das und ist nicht ein eine ich wir mit auf für den dem auch sind"),
];

const SETS: &[(&str, &str)] = &[
    ("be", "sind|ist|bist|seid|waren|war|bleiben|bleibt|werden|wird"),
    ("group", "auslander|migranten|fluchtlinge|asylanten|asylbewerber|muslime|moslems|juden|araber|afrikaner|\
        schwarze|turken|kurden|syrer|afghanen|roma|sinti|zigeuner|schwule|lesben|homosexuelle|frauen|\
        feministinnen|russen|ukrainer|polen|rumanen|albaner|chinesen|asiaten|kanaken|fremde|nordafrikaner"),
    ("ref", "sie|die|diese|solche|du|ihr|(?:die |alle |diese |solche )?(?:{group}|linke|grune|antifa|afd|rechte|nazis|sozis|kommunisten|politiker|journalisten|\
        medien|islamisten|leute|menschen|typen|\
        kerle|gestalten)n?|(?:diese|solche) (?:leute|typen|kerle|gestalten|menschen|weiber)|leute wie (?:du|dich|euch|ihr|die)|(?:dieses|das) (?:pack|gesindel)"),
    ("mod", "doch|nur|alle|wie|nichts als|echte|richtige|dreckige|widerliche|elende|verdammte|einfach|halt|eben|ja|\
        schon|wirklich|die reinsten|reine|wahre|eine|ein|mehr|als|wertlose|bloss|lauter|absolut|\
        total|schlimmer als|genau wie|auch"),
    ("dehum", "ratten|ratte|kakerlaken|ungeziefer|parasiten|parasit|schmarotzer|tiere|tier|viecher|vieh|affen|affe|\
        schweine|schwein|karnickel|kaninchen|heuschrecken|gewurm|brut|untermenschen|untermensch|abschaum|gesindel|geschmeiss|pest|seuche|krebsgeschwur|lause|\
        zecken|maden|made|wurmer|bakterien|viren|virus|keine menschen|bestien|koter|hunde|mull|dreck|unrat"),
    ("tail", "[,.]|und|oder|aber|die|der|das|wie|mit|von|aus|in|im|auf|fur|alle|sonst|nichts|mehr|nur|eben|halt|\
        doch|ja|uberall|hier|da|mal|echt|punkt"),
    ("must", "gehoren|gehort|sollte|sollten|sollen|soll|musste|mussten|muss|mussen|man sollte|man muss|man musste|\
        muss man|sollte man|musste man"),
    ("pron", "alle|die|sie|euch|dich|ihn|sofort|einfach|endlich|doch|man|allesamt|samt|und|gleich|direkt|auch|\
        diese [^ ,.]+|solche [^ ,.]+|den [^ ,.]+|die [^ ,.]+|offentlich|am besten"),
    ("insult", "idiot|idiotin|trottel|depp|versager|versagerin|witzfigur|clown|schwachkopf|dummkopf|hohlkopf|\
        spinner|lugner|heuchler|hetzer|vollidiot|vollpfosten|troll|dummschwatzer|nichtsnutz|penner|loser|lappen|\
        (?:erbarmliche|erbarmlicher|erbarmliches|dumme|dummer|blode|bloder|hirnlose|hirnloser|verlogener|verlogene) [^ ,.]+"),
];

const RULES: &[RuleDef] = &[
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "{ref} (?:{be})(?: (?:{mod})){0,4} (?:{dehum}) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "das sind (?:doch |halt |eben |einfach |nur )*(?:keine menschen|ratten|parasiten|ungeziefer|untermenschen|\
        kakerlaken|schmarotzer|tiere und keine menschen) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-address",
        "(?:du|ihr|dieses|diese|dieser|dreckiges|dreckige) (?:{w} )?(?:ungeziefer|parasiten|parasit|kakerlaken|\
        untermenschen|untermensch|abschaum|gesindel|geschmeiss|ratten|schmarotzer) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-behaviour",
        "(?:vermehren sich|fallen|kriechen|uberschwemmen|uberrennen|verseuchen) (?:wie (?:die )?(?:{dehum})|\
        (?:in |uber )?(?:unser|unsere) (?:land|stadte|strassen|schulen|viertel))"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:alle |die |diese )?(?:{group}) (?:{be})(?: (?:{mod})){0,3} (?:kriminell|kriminelle|verbrecher|terroristen|\
        vergewaltiger|diebe|messerstecher|invasoren|schmarotzer|minderwertig|dreckig|gefahrlich|faul|dumm|primitiv|\
        eine gefahr|das problem|der feind|padophil|pervers|krank|eine plage|alle gleich|gewalttatig|tiere) (?:{tail})"),
    rule(Slur, Moderate, "group-conspiracy",
        "(?:die )?(?:{group}) (?:kontrollieren|beherrschen|regieren|steuern) (?:die |alle |unsere )?(?:banken|medien|welt|\
        regierung|finanzwelt|presse)"),
    rule(Slur, Moderate, "slur-by-modifier",
        "(?:dreckige|dreckigen|stinkende|stinkenden|verdammte|verdammten|scheiss|elende|elenden) (?:{group}) (?:{tail})"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{must})(?: (?:{pron})){0,3} (?:vergast|erschossen|aufgehangt|gehangt|gelyncht|ausgerottet|vernichtet|\
        verbrannt|gesteinigt|kastriert|gekopft|abgeschlachtet|totgeschlagen|an die wand gestellt|vergasen|\
        erschiessen|aufhangen|lynchen|ausrotten|steinigen|kastrieren|kopfen|abschlachten|totschlagen|\
        an die wand stellen|umbringen|umgebracht|abknallen|abgeknallt|aufknupfen|aufgeknupft)|\
        (?:vergast|erschiesst|hangt|totet|lyncht|verbrennt) (?:sie|die) alle|tod (?:den|allen) (?:{group}|{w})"),
    rule(Threat, Moderate, "call-to-expel",
        "(?:{ref}) (?:{w} )?(?:{must})(?: (?:{pron})){0,3} (?:abgeschoben|rausgeschmissen|rausgeworfen|ausgewiesen|\
        deportiert|weggesperrt|ausgeschafft|verjagt|vertrieben|abschieben|rauswerfen|ausweisen|deportieren|verjagen|\
        vertreiben|rausschmeissen|ausschaffen|eingesperrt|ins lager|in lager)|(?:{must})(?: (?:{pron})){0,3} (?:{w} )?\
        (?:in (?:ein|die) lager|ins lager|in lager|hinter gitter) (?:stecken|sperren|schicken|bringen|werfen|gesteckt|gesperrt)|(?:{group}) raus (?:[,.]|aus)|(?:{ref}) (?:{must})(?: (?:{pron})){0,3} raus (?:aus|[,.])|\
        (?:alle|sie alle|die alle|alle sofort|sofort alle) (?:abschieben|rauswerfen|ausweisen|deportieren|rausschmeissen)|\
        raus mit (?:den|euch|dem) (?:{group}|pack|gesindel)"),
    rule(Threat, Moderate, "go-back",
        "(?:geh|geht|verschwinde|verschwindet|hau ab|haut ab|verpiss dich|verpisst euch)(?: (?:doch|endlich|bloss|halt|\
        einfach)){0,2} (?:zuruck |heim |wieder )?(?:in|nach|zu) (?:dein|deine|euer|eure|ihr|ihre)(?: (?:{w}))? (?:land|\
        heimat|wuste|dschungel|hohle|dorf|loch)|(?:zuruck|heim|ab) (?:in|nach) (?:dein|euer|deine|eure) (?:land|heimat|\
        dschungel|wuste)|(?:geh|geht|hau ab|haut ab|verschwinde|verschwindet)(?: (?:doch|endlich|bloss|halt|einfach)){0,2} \
        (?:zuruck |heim )?(?:nach|in) (?:afrika|asien|arabien|anatolien|die turkei|syrien|nordafrika|den orient|den busch|\
        die wuste|polen|rumanien)|(?:du|ihr|die) (?:gehorst|gehort|gehoren) nicht (?:hierher|hierhin|zu uns|nach deutschland|\
        in unser land)"),
    rule(Insult, Moderate, "insult-at-person",
        "(?:sie sind|sind sie|seid ihr|ihr seid|du bist|bist du) (?:doch |echt |wirklich |einfach |wohl |ja |nur |so )*\
        (?:ein|eine|der|die|das|so ein|so eine|ein echter|eine echte) (?:[^ ,.]+e[rsn]? )?(?:{insult})"),
    rule(Threat, Severe, "threat-to-person",
        "hoffentlich (?:verreckst|stirbst|krepierst|verrottest|erstickst|verbrennst) (?:du|ihr)|\
        (?:sonst|dann) (?:bist du|seid ihr) dran|(?:du bist|ihr seid) (?:als nachstes |bald )?dran [,.]|\
        (?:ich|wir) (?:finde|finden|kriege|krieg|kriegen|erwische|erwischen) (?:dich|euch)(?: (?:noch|schon|und|bald)){0,2}|\
        gnade (?:dir|euch) gott|(?:du bist|ihr seid) (?:als nachstes )?fallig|\
        (?:dir|euch|ihm|dem) (?:sollte|muss|musste|gehort) (?:man )?(?:mal )?(?:die fresse|das maul|eine|eins|die schnauze) \
        (?:polieren|einschlagen|in die fresse|auf die fresse|verbieten)|(?:ich|wir) (?:polier|polieren|hau|haue|hauen|schlag|\
        schlage) (?:dir|euch) (?:{w} )?(?:die fresse|das maul|eine rein|in die fresse|die zahne)|\
        (?:ich|wir) (?:schlag|schlage|stech|steche|knall|knalle|mach|mache) (?:dich|euch) (?:tot|ab|kalt)|\
        (?:ich|wir) (?:werde |werden |will |wollen |wurde |wurden )?(?:dich|euch)(?: (?:{w})){0,2} (?:umbringen|abstechen|\
        erschiessen|abknallen|kaltmachen|totschlagen|aufschlitzen|verprugeln|vergewaltigen|aufhangen|abschlachten)|\
        (?:ich|wir) (?:bring|bringe|bringen) (?:dich|euch) um|(?:ich weiss|wir wissen)(?: ,)? (?:genau )?wo (?:du wohnst|ihr wohnt|du arbeitest|\
        deine (?:kinder|familie|frau|eltern) (?:{w} )?(?:wohnen|wohnt|leben|lebt|zur schule gehen|arbeitet))|\
        das (?:wirst du|werdet ihr) bereuen|(?:du wirst|ihr werdet) (?:das|es) (?:noch )?bereuen|(?:du bist|ihr seid) (?:so gut wie )?(?:tot|totes fleisch|ein toter mann)"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:hoffentlich|ich hoffe|ich wunsche|ich wunsch) (?:dass )?(?:du|ihr|dir|euch|er|sie|deine familie)(?: {w}){0,2} \
        (?:stirbst|sterbt|stirbt|krebs|verreckst|verreckt|vergewaltigt|erschossen|abgestochen|verbrennst|verrottest|\
        leidest)|(?:verreck|verrecke|stirb|krepier|sterbt)(?: (?:doch|endlich|einfach))? [,.]|(?:hang|erschiess) dich \
        (?:doch )?(?:auf|selbst)|bring dich (?:doch )?(?:selbst )?um|(?:du|ihr) (?:solltest|solltet|sollst|gehorst|\
        gehort|verdienst|verdient)(?: {w}){0,2} (?:sterben|verrecken|tot sein|erschossen|aufgehangt|vergast|\
        vergewaltigt|zu sterben)"),
    rule(Threat, Severe, "call-to-arson",
        "(?:{must}|lasst uns|wir sollten|wir mussen)(?: {w}){0,3} (?:moscheen|synagogen|kirchen|heime|unterkunfte|[^ ,.]+heime|\
        [^ ,.]+unterkunfte) (?:abfackeln|anzunden|niederbrennen|abbrennen|in brand stecken|sprengen|abgefackelt werden|\
        angezundet werden|niedergebrannt werden)|fackelt (?:die|ihre|alle|diese) (?:{w} )?(?:moscheen|synagogen|[^ ,.]+heime) ab"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:du|ihr|sie|der|die) (?:{w} )?(?:verdienst|verdient|verdienen) (?:eine kugel|den strick|die kugel|es erschossen zu werden|\
        an die wand gestellt zu werden)"),
    rule(Threat, Moderate, "call-to-silence",
        "(?:man sollte|jemand sollte|jemand muss|man muss|wir sollten|wir mussen)(?: {w}){0,2} (?:dir|euch|ihm|ihr|denen) \
        (?:das maul|den mund|die fresse) (?:stopfen|verbieten)|(?:dich|euch|ihn|sie) mundtot machen|\
        (?:dich|euch|ihn|sie) (?:fur immer|endgultig) zum schweigen bringen"),
    rule(Sexual, Moderate, "sexual-harassment",
        "(?:ich wurde|ich will|ich mochte|ich werde|ich wurd|ich wurde) (?:dich|sie) (?:so richtig |gerne |mal )?\
        (?:ficken|bumsen|vogeln|flachlegen|vergewaltigen|durchnehmen|lecken)|(?:zeig|schick)(?: mir)? (?:mal )?deine \
        (?:titten|mopse|muschi|nacktbilder|nudes)|lutsch (?:meinen|mein) (?:schwanz|pimmel)|blas mir einen"),
    // Threats with no verb of harm, arson in the imperative, the commenter in the third person.
    rule(Threat, Severe, "presence-threat",
        "wir (?:kommen|werden) (?:{w} ){0,2}(?:vorbei|dich besuchen|dich holen|euch holen|dich abholen)|wir (?:wissen|kennen) \
        (?:wo (?:du|ihr) (?:wohnst|wohnt|arbeitest)|deine adresse|eure adresse)|(?:wir|ich) (?:haben|habe|hab) (?:deine|eure) adresse|\
        wenn (?:ich|wir) (?:dich|euch) (?:erwische|erwischen|kriege|kriegen|finde|finden|treffe|sehe) (?:{w} ){0,2}(?:bist du|seid ihr|dann)\
        |(?:dir|euch|ihm) (?:sollte|musste|muss|gehoren) (?:man )?(?:die|alle) (?:zahne|knochen|beine|finger) (?:ausschlagen|einschlagen|\
        brechen|ausgeschlagen|gebrochen)"),
    rule(Threat, Severe, "call-to-arson",
        "(?:zundet|fackelt|brennt) (?:die|alle|ihre|diese|deren|jede) (?:{w} )?(?:asylheime?|heime?|moscheen?|synagogen?|unterkunfte|\
        fluchtlingsheime?|asylantenheime?|hauser|laden|geschafte) (?:an|ab|nieder)"),
    rule(Insult, Moderate, "commenter-insult",
        "(?:der|dieser|die|diese) (?:kommentator|kommentatorin|verfasser|verfasserin|schreiber|schreiberling|foris|poster)\
        (?: hier| oben| unten| da)? (?:ist|war|scheint|bleibt)(?: {w}){0,3} (?:{insult})|kommentar (?:von|eines|einer) \
        (?:{w} ){0,2}(?:dummeren|dummen|bloden|bloderen|dummsten|beschrankten|hirnlosen) (?:menschen|typen|person|kerls?|idioten)|\
        halt (?:{w} ){1,2}(?:die fresse|die klappe|dein maul|die schnauze|s maul)|(?:so )?(?:einen|ein) geistigen? tiefflieger"),
];

/// German.
pub(crate) static LANG: Lang = Lang { code: "de", words: WORDS, sets: SETS, rules: RULES };
