//! French. `con` alone is too common across languages (Spanish `con` = with) to be a match:
//! it counts only in insulting phrases (`pauvre con`, `espèce de con`).

use super::Kind::{self, *};
use super::{rule, Lang, RuleDef};
use crate::screen::verdict::Category::{Dehumanising, Insult, Profanity, Sexual, Slur, Threat};
use crate::screen::verdict::Severity::{Mild, Moderate, Severe};

const WORDS: &[(Kind, &str)] = &[
    (Abuse(Slur, Severe), "bougnoule* bicot bicots youpin* youtre* negre negres negresse* bamboula* chinetoque* \
        niakoue* pede pedes tarlouze* gouine* tafiole* sale_arabe sales_arabes sale_juif sales_juifs sale_noir \
        sales_noirs sale_pd sales_pd sale_negro sales_negros crouille*"),
    (Abuse(Profanity, Moderate), "encule* enculer nique niquer ntm nique_ta_mere ta_gueule ferme_ta_gueule \
        va_te_faire_foutre va_te_faire_enculer fils_de_pute pute putes trou_du_cul trouduc sous_merde* \
        connard* connasse* enfoire* salope* pauvre_con pauvre_conne espece_de_con gros_con sale_con quel_con \
        bande_de_cons tete_de_noeud fdp ntm tg"),
    (Abuse(Profanity, Mild), "putain merde bordel chier fais_chier cul emmerde* bite couilles"),
    (Abuse(Insult, Moderate), "sous_homme* sous_race* sousrace* raclure* ordure ordures pourriture batard* salaud* grognasse* \
        pouffiasse* mongolien* attarde* attardee*"),
    (Abuse(Insult, Mild), "decerebre* espece_de_demeure* pauvre_demeure* quel_demeure idiot* imbecile* cretin* debile* abruti* bouffon* guignol* blaireau* andouille \
        boulet cassos minable* pitoyable teube boloss* crevard* branleur* tocard* naze nazes nul nulle \
        incapable ignare dechet dechets clown clowns mediocre pathetique* degueulasse conne connes stupide* \
        idiote* debiles ignorant ignorante ignorants ignorantes taree tarees gogol* \
        neuneu* plouc* baltringue* bourrique* lourdingue* triple_buse pignouf* \
        pauvre_type pauvre_mec pauvre_tache pauvre_fille pauvre_naze betise_crasse cretine* \
        guignols imbeciles abrutie* bouffonne* mongol mongols clochard_mental parasite_du_web"),
    // Not `baise*` or `suce*`: squeezed, `baisse` (a fall) and `succès` would match.
    (Abuse(Sexual, Moderate), "nichons nibards partouze*"),
    (Addressee, "tu t toi te vous qui_commente qui_commentent espece_de espece_d bande_de bande_d celui_qui_a_ecrit celle_qui_a_ecrit auteur_de_ce_commentaire \
        qui_a_ecrit_ca qui_a_ecrit_ce qui_a_poste qui_ecrit_ca *dessus au_dessus_de_moi"),
    (Vocative, "he eh oh ecoute ecoutez dis_donc ferme_la taisez_vous tais_toi casse_toi cassez_vous degage degagez"),
    (Exclamative, "quel quelle quels quelles mais_quel quel_espece_de"),
    (Condemn, "inacceptable inadmissible honteux honteuse honte scandaleux scandaleuse indigne raciste racisme \
        sexiste homophobe antisemite insulte* injure* condamn* intolerable odieux odieuse abject* choquant* \
        deplorable inexcusable revoltant* haineux haineuse discriminatoire xenophobe sa_place pas_acceptable \
        grave lamentable condamne condamnee sanctionne* amende puni*"),
    (Qualifier, "condamnes condamnees delinquants criminels"),
    (Report, "dit dire selon declare* accuse* inculpe* menace menaces menacait menacant jure promis aurait auraient selon affirme \
        arrete* soupconne* scande* crie* pas jamais personne aucun aucune contre"),
    (Naming, "traite* traiter appele* appeler qualifie* qualifier surnomme* mot terme"),
    (Safe, "condom bitche montcuq vagin* penis anus anal anale rectal rectale sein seins cancer_du_sein \
        sexuel* sexuelle* sexe viol viols viole violee violees violeur* pedophil* homosexuel* gay gays \
        lesbienne* juif juifs juive* musulman* arabe arabes noir noirs noire noires prostitu* porno* \
        gonorrhee syphilis preservatif*"),
    (Common, "le les des une est et qui pas pour dans sur avec cette je vous nous ils sont mais"),
];

const SETS: &[(&str, &str)] = &[
    ("be", "sont|est|es|etes|sera|seront|serait|restent|deviennent|etaient|etait|c est|ce sont|c etait|c est que|c est juste"),
    ("group", "immigres|immigrants|migrants|refugies|etrangers|musulmans|juifs|arabes|noirs|africains|roms|\
        gitans|homosexuels|gays|lesbiennes|femmes|feministes|chretiens|turcs|maghrebins|algeriens|marocains|\
        tunisiens|russes|ukrainiens|chinois|asiatiques|syriens|afghans|africaines|musulmanes|immigrees|clandestins"),
    ("ref", "ils|elles|eux|vous|tu|t|(?:ces|tous ces|toutes ces) (?:gens|types|mecs|individus|personnes|bonhommes|islamistes|gauchistes|wokistes|\
        fachos|politiciens|journalistes|manifestants|casseurs|jeunes|racailles|{group})|\
        (?:les |tous les |ces |toutes les )?(?:{group}|gauchistes|fachos|gens)|les gens comme (?:toi|vous|eux|lui|elle)|\
        vos semblables|leurs semblables|ce type|cette femme|ce mec|ces gens la"),
    ("mod", "que|qu|rien|juste|tous|toutes|vraiment|comme|pire|de|des|du|la|le|les|un|une|vrais?|vraies?|sales?|\
        gros|grosses?|simplement|seulement|tout|autre|chose|d|l|bande|troupeau|nuee|horde|meute|ramassis|ni plus ni moins|\
        plus|moins|sorte"),
    ("dehum", "rats?|cafards?|vermines?|parasites?|sangsues?|poux|punaises?|microbes?|virus|cancer|peste|\
        gangrene|animaux|betes?|bestiaux|singes?|macaques?|porcs?|cochons?|chiens?|chacals?|hyenes?|\
        sauvages?|sous hommes?|sous humains?|pas humains?|pas des (?:etres )?humains|moins que rien|dechets?|ordures?|racailles?|fumiers?|\
        nuisibles?|cancrelats?|termites|sauterelles|une (?:invasion|horde|nuee|plaie|meute)(?: de (?:[^ ,.]+))?"),
    ("tail", "[,.]|et|ou|mais|sauvages|feroces|enragees|enrages|immondes|puantes|puants|degoutants|qui|que|qu|dans|sur|a|avec|comme|pour|tous|toutes|partout|ici|la|quoi|en|de|du|des|\
        depuis|pour|point final|rien d autre|[^ ,.]+ment|\
        hein|franchement|voila|point|[^ ,.]+ant"),
    ("must", "faut|faudrait|doivent|devraient|doit|devrait|meritent|merite|il faut|qu on|on devrait|on doit|\
        il faudrait|y a qu a|ya qu a"),
    ("obj", "les|tous|toutes|vous|te|t|l|le|la|les {group}|tous ces|tous les {group}|ces {w}"),
];

const RULES: &[RuleDef] = &[
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "{ref} (?:ne |n )?(?:{be})(?: (?:{mod})){0,4} (?:{dehum}) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:ce sont|c est|c etait|ca reste) (?:{mod} ){1,3}(?:rats|cafards|parasites|vermines?|sous hommes|\
        sous humains|sangsues|nuisibles) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-address",
        "(?:espece de|bande de|sale|sales|ces|cette|vous|toi|tas de) (?:{w} )?(?:vermines?|cafards|parasites|\
        sous hommes|raclures?|racailles|sous merdes?|nuisibles|sangsues|macaques|singes) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-behaviour",
        "(?:se reproduisent|pullulent|grouillent|envahissent|infestent|prolif[^ ]*) (?:comme des (?:{dehum})|\
        (?:dans |partout dans )?(?:notre|nos) (?:pays|villes|rues|quartiers|ecoles))"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:les |tous les |ces )?(?:{group}) (?:{be})(?: (?:{mod})){0,3} (?:criminels|terroristes|violeurs|voleurs|\
        delinquants|envahisseurs|parasites|inferieurs|sales|dangereux|une menace|un danger|le probleme|l ennemi|\
        pedophiles|pervers|malades|pareils|faineants|betes|stupides|barbares|une plaie|une invasion) (?:{tail})"),
    rule(Slur, Moderate, "group-conspiracy",
        "(?:les )?(?:{group}) (?:controlent|dirigent|possedent|tiennent) (?:les |toutes les |tous les |le |nos )?(?:banques|medias|\
        monde|gouvernement|finance|presse)"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{must})(?: {w})? (?:(?:etre|se faire) )?(?:(?:{obj}) )?(?:fusiller|fusilles|pendre|pendus|gazer|gazes|\
        lyncher|lynches|egorger|egorges|decapiter|decapites|exterminer|extermines|massacrer|massacres|buter|\
        butes|cramer|castrer|castres|violer|violes|bruler vifs?|bruler vives?|bruler vif|tuer tous|abattre comme)"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{must})(?: {w})? (?:les|vous|te|t|l) (?:tuer|bruler|abattre|eliminer|noyer|exterminer|crever)|\
        (?:tuez|butez|gazez|pendez|brulez|exterminez|fusillez|massacrez)(?: les)? (?:tous|toutes)|\
        qu on (?:les|le|la|vous|te) (?:pende|fusille|gaze|brule|tue|massacre|extermine|lynche|egorge|crame|bute)|\
        mort aux (?:{group}|{w})|a mort les (?:{group}|{w})"),
    rule(Threat, Severe, "call-to-arson",
        "(?:{must}|allez|on va)(?: {w})? (?:bruler|incendier|cramer|faire sauter|raser) (?:leurs|les|toutes les|ces|tous les) \
        (?:{w} )?(?:mosquees|synagogues|eglises|foyers|centres|camps|mosquee|commerces|maisons)|(?:brulez|incendiez|cramez) \
        (?:leurs|les|toutes les|ces) (?:mosquees|synagogues|eglises|foyers|centres|camps|maisons)"),
    rule(Threat, Moderate, "call-to-expel",
        "(?:{must})(?: {w})? (?:les |tous les |vous )?(?:expulser|renvoyer|virer|degager|deporter|chasser|\
        foutre dehors|mettre dehors)(?: (?:tous|toutes))? (?:(?:les )?(?:{group})|chez (?:eux|vous)|dans (?:leur|votre|ton) \
        pays|d ici|de (?:france|notre pays|chez nous)|hors de)|(?:{group}) dehors [,.]|dehors les (?:{group})|\
        qu on (?:les|vous|te|le|la) (?:renvoie|expulse|vire|degage|chasse|deporte|foute dehors|mette dehors)|\
        qu on (?:les|vous) (?:jette|balance|foute|noie)(?: tous| toutes)? (?:a la mer|dehors|a l eau|hors de|a la porte)|\
        (?:{must})(?: {w})? (?:tous |toutes )?(?:les|vous) (?:expulser|renvoyer|deporter|chasser|foutre dehors|jeter dehors|\
        jeter a la mer|noyer)(?: (?:tous|toutes))? (?:[,.]|jusqu|du pays|a la mer|d ici|chez)|\
        (?:renvoyez|expulsez|virez|degagez|chassez|deportez) (?:les|moi (?:ces|les)|tous (?:ces|les))|\
        (?:{ref}) (?:{w} )?(?:doivent|devraient|doit|devrait|meritent d|faudrait les) (?:etre |tous etre )?(?:expulses|\
        renvoyes|deportes|chasses|mis dehors|renvoyes chez eux|expulsees|renvoyees)|\
        (?:{ref}) (?:{w} )?(?:doivent|devraient|n ont qu a|ont qu a|qu ils) (?:tous )?(?:rentrer|retourner|partir|degager|\
        foutre le camp|rentrent|retournent|degagent) (?:chez eux|dans leur pays|d ou ils viennent|au bled|en afrique)"),
    rule(Threat, Moderate, "go-back",
        "(?:rentre|rentrez|retourne|retournez|casse toi|cassez vous|barre toi|barrez vous|degage|degagez)(?: donc)? \
        (?:chez (?:toi|vous|ta mere)|dans (?:ton|votre) (?:pays|bled|desert|trou)|d ou (?:tu viens|vous venez)|\
        en afrique|au bled)|(?:tu n as|vous n avez|ils n ont) (?:rien a faire|pas ta place|pas votre place|pas leur place) \
        (?:ici|en france|chez nous)"),
    rule(Threat, Severe, "threat-to-person",
        "(?:je vais|on va|je vai|j vais|je te jure que je vais|je compte|vais|quelqu un va|ils vont|on finira par) (?:(?:te|vous|t) [^ ,.]+ et )?\
        (?:te|vous|t) (?:tuer|buter|crever|defoncer|\
        egorger|faire la peau|casser la gueule|eclater|planter|bruler|violer|faire taire)|(?:je|on) (?:te|vous|t) \
        (?:tuerai|tuera|buterai|butera|egorgerai|egorgera|ferai la peau|fera la peau|defoncerai|defoncera|crèverai|\
        massacrerai|massacrera)|(?:je|on|nous) (?:sais|sait|savons) (?:{w} )?ou (?:tu habites|vous habitez|tu vis|tu travailles|tu bosses|tu dors|\
        vous travaillez|habite ta (?:famille|mere))|tes jours sont comptes|\
        (?:t es|tu es|vous etes) (?:un )?(?:homme mort|femme morte)|tu vas (?:le )?regretter|tu vas payer"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:j espere|je souhaite|j souhaite|que) (?:que )?(?:tu|vous|il|elle|ils|ta famille) (?:{w} )?(?:creve|crevent|\
        creves|meure|meures|meurent|mourir|crever|clamser|caner|brule|brules|brulent|pourrisse|pourrisses|souffre|souffres|\
        te fasses violer|se fasse violer|chopes? le cancer|attrapes? le cancer)|(?:va|allez) (?:crever|mourir)|\
        creve (?:donc|salope|connard|charogne|[,.])|crevez (?:tous |toutes )?[,.]|(?:tue|pends) toi|(?:tu|vous) (?:merites?|meritez|devrais|devriez) \
        (?:de )?(?:crever|mourir|etre tue|etre tuee|etre pendu|te pendre|vous pendre)|(?:tu|vous|ils|elles) (?:{w} )?(?:merites?|\
        meritez|meritent) (?:une balle|la corde|le peloton|d etre abattus?|d etre fusilles?)|je (?:te|vous) souhaite (?:de )?\
        (?:crever|mourir|souffrir|bruler)"),
    rule(Insult, Moderate, "insult-at-person",
        "(?:t es|tu es|vous etes|t etes|es tu|etes vous|espece de|bande de)(?: (?:{w})){0,3} (?:une merde|des merdes|\
        un merdeux|une sous merde|un dechet|une ordure|un parasite)|(?:t es|tu es|vous etes|t etes|es tu|etes vous|\
        espece de|bande de|quel|quelle|sale|gros|pauvre)(?: (?:{w})){0,2} (?:con|cons|conne) (?:[,.]|ou quoi|ou bien|hein|toi|mon pauvre|ma pauvre|mon gars|mec)|(?:t es|tu es|vous etes|t etes)(?: (?:vraiment|completement|\
        tellement|trop|si|bien|super|grave|carrement)){0,2} (?:bete|con|conne|debile|stupide|idiot|idiote|neuneu)(?: pour| a|[,.])|\
        (?:commentaire|avis|post|message|reflexion|raisonnement) (?:de|d) (?:{w} )?(?:debile|abruti|idiot|imbecile|cretin|\
        con|bouffon|attarde|neuneu|tare)"),
    rule(Threat, Moderate, "call-to-silence",
        "(?:faut|faudrait|quelqu un devrait|on devrait|on va) (?:te|vous|le|la|les) faire taire(?: (?:pour de bon|\
        definitivement|a jamais|une bonne fois))?|(?:te|vous) faire taire (?:pour de bon|definitivement|a jamais)"),
    rule(Sexual, Moderate, "sexual-harassment",
        "(?:je vais|j vais|je veux|j veux|je voudrais|j aimerais|laisse moi) (?:te|vous|la|t) (?:baiser|sauter|\
        defoncer|violer|lecher|doigter)|(?:suce|suces|sucer) (?:ma|mon|mes) (?:bite|queue|couilles|teub)|\
        (?:montre|envoie)(?: moi)? (?:tes|tes belles) (?:seins|nichons|fesses|nudes)"),
    // Threats with no verb of harm, first-person plural calls, idioms of stupidity.
    rule(Threat, Severe, "presence-threat",
        "(?:je|on) (?:te|vous|t) (?:fais|fait) la peau|(?:si je|si on) (?:te|vous|t) (?:croise|chope|trouve|attrape|recroise|vois)\
        (?: {w}){0,3} (?:je|on) (?:te|vous|t)|(?:on|nous|j) (?:a|avons|ai|connait|connaissons|connais) (?:ton|votre|ta) (?:adresse|domicile)|\
        (?:on|nous) (?:vient|viendra|arrive|va venir|venons) (?:te|vous|t) (?:chercher|voir|rendre visite)|\
        (?:tu vas|vous allez|tu va|tu finiras|vous finirez) (?:finir |terminer )?(?:six|6) pieds sous terre"),
    rule(Threat, Severe, "call-to-violence",
        "(?:brulons|incendions|cramons|saccageons|pillons) (?:leurs|les|ces|toutes les|tous les) (?:{w} )?(?:commerces|\
        mosquees|synagogues|eglises|maisons|voitures|magasins|foyers|centres|camps|quartiers|boutiques)|(?:pendons|tuons|\
        fusillons|lynchons|butons|gazons|egorgeons) (?:les|les tous|tous|toutes|ces|{group})|(?:expulsons|chassons|virons|degageons|renvoyons|deportons) \
        (?:les|ces|tous|toutes) (?:{w} )?(?:{group}|gens|{w}s)|(?:foutez|jetez|mettez|virez)(?: moi)? (?:tous |toutes )?\
        (?:ces|les) (?:{w} )?(?:{group}|gens) (?:dehors|a la porte|a la mer)"),
    rule(Insult, Moderate, "insult-idiom",
        "(?:t as|tu as|t a|vous avez|tu n as|t as|vous n avez) (?:rien|que dalle|pas grand chose) (?:dans|sous) (?:le|la|ton|ta|votre) \
        (?:crane|cervelle|caboche|ciboulot|tete|cerveau|citrouille)|(?:t es|tu es|vous etes|t etes)(?: (?:vraiment|completement|\
        tellement|trop|si|bien|juste|grave|carrement)){0,2} (?:ridicule|pathetique|minable|lamentable|nul|nulle|pitoyable|\
        demeure|demeuree|decerebre|decerebree|tare|taree|abruti|abrutie|attarde|attardee)(?: [,.]| a | de |,)|\
        quel (?:{w} )?(?:debile|idiot|con|cretin|abruti|stupide|imbecile|bouffon) (?:ce|cet|son|votre|ton) \
        (?:commentaire|post|message|auteur)"),
];

/// French.
pub(crate) static LANG: Lang = Lang { code: "fr", words: WORDS, sets: SETS, rules: RULES };
