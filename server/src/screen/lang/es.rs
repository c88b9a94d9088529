//! Spanish. Subjects are often dropped (`son ratas`), so comparisons that only ever target
//! people may start at the verb; those that also describe real animals need a subject.
//! `tu` is left out of the second-person words: without its accent it is also `your`.

use super::Kind::{self, *};
use super::{rule, Lang, RuleDef};
use crate::screen::verdict::Category::{Dehumanising, Insult, Profanity, Sexual, Slur, Threat};
use crate::screen::verdict::Severity::{Mild, Moderate, Severe};

const WORDS: &[(Kind, &str)] = &[
    (Abuse(Slur, Severe), "sudaca* maricon* marica maricas negrata* panchito* bollera* travelo* sidoso* \
        moro_de_mierda moros_de_mierda judio_de_mierda judios_de_mierda"),
    (Abuse(Profanity, Moderate), "ctm csm ptm que_te_den_por_culo que_os_den_por_culo que_le_den_por_culo hijo_de_puta hijos_de_puta hija_de_puta hijueputa* hdp puta putas puto \
        putos cabron cabrones cabrona* gilipollas gilipolla pendejo* pendeja* jodete vete_a_la_mierda \
        iros_a_la_mierda chinga* chingar chingada* mamon mamones mamona* malparido* malparida* culero* \
        me_cago_en_tu_madre tu_puta_madre la_concha_de_tu_madre lameculos soplapollas comemierda*"),
    (Abuse(Profanity, Mild), "mierda joder jodido jodida cono carajo culo pinche polla verga hostia hostias"),
    (Abuse(Insult, Moderate), "subnormal* escoria retrasado_mental mongolo* mongolico* tonto_del_culo tonta_del_culo \
        tonto_de_remate tonta_de_remate"),
    (Abuse(Insult, Mild), "idiota idiotas imbecil imbeciles estupido* estupida* tonto tonta tontos tontas cretino* \
        payaso* payasa* burro burra inutil inutiles ignorante ignorantes patetico* patetica* baboso* babosa* \
        tarado* tarada* bobo boba menso* mensa* pelotudo* pelotuda* boludo* gusano gusanos basura cerdo cerda \
        asqueroso* asquerosa* desgraciado* desgraciada* miserable miserables perdedor* analfabeto* zorra perra \
        mamarracho* mentecato* majadero* lerdo lerda retrasado retrasada retrasados \
        memo memos mema memas zoquete* cenutrio* descerebrado* descerebrada* cabestro* borrego* borrega* \
        palurdo* palurda* paleto paletos paleta_de_mierda garrulo* botarate* tolai* pringado* pringada* \
        cateto* cateta* merluzo* besugo* cerebro_de_mosquito lameculos bocazas mindundi* payasete* \
        estupidez_humana tontito tontita tontitos subnormales gili imbecilidad"),
    (Abuse(Sexual, Moderate), "follar chupamela mamamela tetas"),
    (Addressee, "eres sois te ti usted ustedes vosotros vosotras contigo estas_hecho estas_hecha quien_escribio_esto que_escribio_esto que_escribio_eso *arriba que_ha_escrito_esto \
        el_que_escribio_esto autor_del_comentario"),
    (Vocative, "oye mira eh callate calla tio tia largate vete_ya"),
    (Exclamative, "menudo menuda vaya_un vaya_una que_pedazo_de pedazo_de"),
    (Condemn, "sancionado sancionada multado multada castigado inaceptable inadmisible vergonzoso vergonzosa verguenza racista racismo insulto* condena* \
        condeno intolerable repugnante machista homofobo* xenofobo* antisemita no_tiene_cabida indignante \
        lamentable deplorable discurso_de_odio ofensivo ofensiva fuera_de_lugar"),
    (Qualifier, "condenados condenadas"),
    (Report, "dijo dijeron segun declaro afirmo acusado* acusada* amenazo amenazaron amenaza amenazado juro prometio presuntamente supuestamente \
        detenido* arrestado* condenado* coreaban corearon gritaban gritaron no nunca nadie ningun ninguna jamas \
        contra segun"),
    (Naming, "llamo llamar llamarle llamarla llamaron llamando tildo califico palabra termino"),
    (Safe, "negro negra negros negras pene vagina vaginal ano anal recto mama cancer_de_mama seno senos \
        sexual* sexo violacion* violador* violada violado gay gays lesbiana* homosexual* judio judios judia \
        judias musulman* moros_y_cristianos prostitu* porno* preservativo* testiculo* prostata pedofil*"),
    (Common, "el los las y un una por para con lo se del al muy pero"),
];

const SETS: &[(&str, &str)] = &[
    ("be", "son|es|eres|sois|somos|seran|eran|era|siguen siendo|parecen|no son mas que|no eres mas que"),
    ("group", "inmigrantes|migrantes|refugiados|extranjeros|musulmanes|judios|arabes|moros|negros|africanos|gitanos|\
        sudacas|latinos|mexicanos|venezolanos|colombianos|marroquies|chinos|rumanos|homosexuales|gays|lesbianas|\
        maricones|mujeres|feministas|indigenas|indios|rusos|ucranianos|ilegales|menas|musulmanas|inmigrantes ilegales"),
    ("ref", "ellos|ellas|vosotros|vosotras|ustedes|tu|esos|esas|estos|estas|esa gente|esta gente|\
        (?:los |las |todos los |todas las |esos |estos |esas |estas )?(?:{group}|rojos|fachas|progres|gente)|\
        la gente como (?:tu|vosotros|ellos|el|ella)"),
    ("mod", "unos|unas|un|una|solo|como|todos|todas|nada mas que|unas simples|unos simples|simples|autenticas?|\
        autenticos|verdaderas?|verdaderos|puras?|puros|asquerosas?|asquerosos|sucias?|sucios|malditas?|malditos|\
        peores que|iguales que|igual que|mas que|de verdad|realmente|basicamente|literalmente"),
    ("people_only", "ratas|rata|cucarachas|parasitos|alimanas|sabandijas|escoria|chusma|subhumanos|infrahumanos|\
        sanguijuelas|gusanos|piojos|mugre"),
    ("dehum", "basura humana|escoria humana|desechos humanos|mierda humana|{people_only}|plaga|una plaga|animales|bestias|simios|macacos|cerdos|perros|ganado|basura|cancer|un cancer|\
        una enfermedad|un virus|no son humanos|no son personas|hienas|bichos"),
    ("tail", "[,.]|y|o|pero|que|en|salvajes|asquerosos|asquerosas|sucios|sucias|rabiosos|inmundos|apestosos|peligrosos|por|con|como|todos|todas|aqui|ahi|alli|nada mas|ya|eh|joder|punto|para|de|del|desde|\
        sin|hoy|siempre|[^ ,.]+mente"),
    ("must", "hay que|habria que|deberian|deben|debe|merecen|merece|tendrian que|tienen que|que"),
    ("kill", "(?:matar|fusilar|ahorcar|colgar|gasear|exterminar|linchar|degollar|castrar|aniquilar|masacrar)\
        (?:los|las|te|os|le|la)|fusilados|ahorcados|colgados|gaseados|quemar(?:los|las|te|os) vivos?|quemados vivos|\
        exterminados|linchados|degollados|castrados|aniquilados|eliminarlos a todos|\
        matar a todos|exterminar a todos|fusilar a todos|pegarles un tiro|meterles un tiro|darles un tiro"),
];

const RULES: &[RuleDef] = &[
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{ref}) (?:{be})(?: (?:{mod})){0,4} (?:{dehum}) (?:{tail})|(?:{ref}) no son (?:ni )?(?:humanos|personas|\
        seres humanos)"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{be})(?: (?:{mod})){0,4} (?:{people_only}) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-address",
        "(?:esa|esta|vosotros|sois|eres|panda de|atajo de|manada de|nido de) (?:{w} )?(?:escoria|chusma|ratas|\
        cucarachas|parasitos|alimanas|sabandijas|subhumanos|infrahumanos|sanguijuelas) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-behaviour",
        "(?:se reproducen|se multiplican|invaden|infestan|plagan) (?:como (?:{dehum})|(?:nuestro|nuestra|nuestros|\
        nuestras) (?:pais|barrios|calles|ciudades|escuelas))"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:los |todos los |las |todas las )?(?:{group}) (?:{be})(?: (?:{mod})){0,3} (?:delincuentes|criminales|\
        terroristas|violadores|ladrones|invasores|parasitos|inferiores|sucios|peligrosos|una amenaza|un peligro|\
        el problema|el enemigo|pedofilos|pervertidos|enfermos|todos iguales|vagos|una plaga|escoria|basura|\
        animales|salvajes|delincuentes|criminales|sucias|peligrosas|histericas|locas|vagas|inferiores|violentos|\
        violentas|ladronas|estupidos|estupidas|tontas|tontos|unas histericas|unas locas|unos vagos) (?:{tail})"),
    rule(Slur, Moderate, "slur-by-modifier",
        "(?:{group}) de mierda|(?:sucios|sucias|asquerosos|asquerosas|putos|putas|malditos|malditas) (?:{group}) \
        (?:{tail})|(?:{group}) (?:asquerosos|sucios|apestosos|de los cojones) (?:{tail})"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{must})(?: {w})? (?:ser )?(?:(?:a los|a las|a esos|a estos|a todos|a todas|todos|todas) (?:{w} )?)?(?:{kill})|\
        (?:que|ojala) (?:los|las|les|os) (?:maten|fusilen|cuelguen|ahorquen|quemen|exterminen|linchen|gaseen|violen)|\
        (?:matad|matenlos|fusilad|quemad|colgad|exterminad)(?:los)? a todos|muerte a (?:los |las |todos los )?\
        (?:{group}|{w})"),
    rule(Slur, Moderate, "group-conspiracy",
        "(?:los )?(?:{group}) (?:controlan|dominan|manejan|gobiernan) (?:los |las |el |la |todos los |nuestros )?(?:bancos|medios|\
        mundo|gobierno|finanzas|prensa)"),
    rule(Threat, Moderate, "call-to-expel",
        "que (?:los|las|les|os) (?:echen|expulsen|deporten|manden|devuelvan|saquen)(?: a todos| a todas)? \
        (?:de|a|en|del|al|fuera|ya|de una vez|[,.])|(?:que )?(?:los|las) (?:metan|suban|monten|pongan)(?: a todos| a todas)? \
        en (?:un|una|el|la|los) (?:barco|barcos|patera|pateras|avion|cayuco|camion)|(?:{ref}) (?:{w} )?(?:deben|deberian|tienen que|merecen) (?:ser )?(?:deportados|expulsados|echados)|\
        (?:deben|deberian|tienen que|merecen|hay que) (?:ser )?(?:deportados|expulsados|echados|deportar|expulsar|echar) \
        (?:a )?(?:todos |todas )?(?:los |las |esos |estos )?(?:{group})|\
        (?:{must}) (?:{w} )?(?:echar a los|expulsar a los|deportar a los|echar a todos los|expulsar a todos los) \
        (?:{group})|(?:{must}) (?:{w} )?(?:deportarlos|expulsarlos|echarlos) (?:a todos|de aqui|del pais|de espana|\
        a patadas)"),
    rule(Threat, Moderate, "go-back",
        "(?:vete|vuelve|vuelvete|volved|largate|largo|iros|idos|regresa|regresate|volveos)(?: (?:ya|de una vez|de aqui))? \
        (?:a|de) (?:tu|vuestro|vuestra|su) (?:pais|tierra|selva|desierto|pueblo|patera)|(?:vete|vuelve|vuelvete|volved|\
        largate|iros|idos|regresa|volveos)(?: (?:ya|de una vez))? a (?:africa|marruecos|tu selva|la selva|sudamerica|\
        rumania|el desierto)|vuelve(?:te)? por donde \
        (?:has venido|viniste)|fuera (?:de aqui |de espana )?(?:los |todos los |a los )?(?:{group})(?: de (?:aqui|espana|mi pais|\
        nuestro pais|europa|mi barrio))?(?: ya| de una vez)? [,.]|(?:{group}) fuera [,.]"),
    rule(Threat, Severe, "threat-to-person",
        "(?:te|os) (?:voy a|vamos a|va a) (?:{w} )?(?:matar|rajar|reventar|partir la cara|partir la boca|romper la cara|\
        pegar un tiro|meter un tiro|apunalar|quemar|violar|colgar|arrancar la cabeza|hacer pedazos|dar una paliza)|\
        (?:voy|vamos) a (?:matarte|rajarte|reventarte|violarte|partirte la cara|quemarte|apunalarte|mataros)|\
        te (?:matare|rajare|reventare|violare|quemare|apunalare|partire la cara|mataremos)|\
        (?:(?:como|si) te (?:vea|pillo|encuentro|cojo)(?: {w}){0,3} )?te (?:parto|rompo|reviento|arranco|machaco) (?:la|las|los|el) (?:cara|boca|piernas|brazos|cuello|crisma|cabeza|\
        dientes|morros|alma|huesos)|te (?:mato|reviento|rajo|parto la cara|parto la boca|\
        pego un tiro|meto un tiro|meto una paliza|doy una paliza|arranco la cabeza)|(?:te|os) (?:voy a|vamos a) (?:buscar|encontrar) \
        (?:y|,)|(?:ya )?(?:se|sabemos) donde (?:vives|trabajas|vive tu familia)|(?:lo|me la) vas a pagar|te vas a arrepentir|(?:eres|estas) (?:hombre muerto|\
        mujer muerta)"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:ojala|espero que|deseo que) (?:te|os) (?:atropelle|atropellen|mate|maten|parta un rayo|caiga un rayo|pegue un tiro|\
        peguen un tiro|de un infarto|de cancer|violen|revienten)|(?:ojala|espero que|deseo que|que) (?:te |os |se )?(?:mueras|muera|murais|mueran|revientes|reventeis|pudras|\
        pudrais|ardas|sufras|atropellen|violen|maten)|(?:muerete|pudrete|suicidate|matate|ahorcate|moriros)|\
        (?:mereces|mereceis|deberias|deberiais) (?:morir|morirte|estar muerto|estar muerta|que te maten|que te violen)"),
    rule(Threat, Severe, "call-to-arson",
        "(?:hay que|habria que|hay q|habra que|deberian|deberiamos|vamos a|a) (?:quemar|incendiar|volar|quemarles|prender fuego a) \
        (?:todas |todos )?(?:las|sus|esas|esos|los) (?:{w} )?(?:mezquitas|sinagogas|iglesias|centros|campamentos|pateras|casas|\
        tiendas|mezquita)|(?:quemad|quemen|incendiad|incendien) (?:todas )?(?:las|sus|esas) (?:mezquitas|sinagogas|iglesias|\
        centros|casas)"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:(?:tu|usted|ustedes|ellos) )?(?:mereces|merece|merecen|merecerias) (?:un tiro|una bala|la horca|que te maten|\
        que los maten|morir|el paredon)"),
    rule(Threat, Moderate, "call-to-silence",
        "(?:alguien|hay que|habria que|deberian) (?:deberia |tendria que |tiene que )?(?:callarte|callaros|callarle|\
        callarla|callarlos|cerrarte la boca|cerrarle la boca)(?: (?:para siempre|de una vez|de por vida|definitivamente))?"),
    rule(Sexual, Moderate, "sexual-harassment",
        "(?:te|la) (?:voy a|quiero|queria|me gustaria) (?:{w} )?(?:follar|violar|chupar|comer entera)|(?:te )?\
        (?:follaria|cogeria)|(?:ensename|mandame|pasame) (?:las |tus )?(?:tetas|fotos desnuda|nudes|el culo)"),
    // Threats with no verb of harm, beatings as a call, theft as a group trait.
    rule(Threat, Severe, "presence-threat",
        "(?:vas a (?:acabar|terminar)|acabaras|terminaras|vais a (?:acabar|terminar)) (?:en una zanja|en una cuneta|bajo tierra|\
        en el cementerio|en una caja|en un ataud|con los pies por delante|en el hospital)|(?:sabemos|se|sabemos muy bien) donde \
        (?:vives|vivis|trabajas)|(?:tenemos|tengo) tu (?:direccion|domicilio)|(?:vamos|iremos|van|iran) (?:a )?por ti"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{must}) [^ ,.]+(?:los|las|les) a (?:palos|patadas|hostias|tiros|golpes|pedradas|latigazos|porrazos)"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:todos los|todas las) (?:{group}) (?:son unos |siempre |solo saben )?(?:roban|robar|mienten|violan|matan|delinquen|\
        apestan|trafican|estafan|okupan)|(?:{group}) (?:siempre|solo) (?:roban|mienten|violan|delinquen|estafan)"),
    rule(Slur, Moderate, "slur-by-modifier",
        "(?:{group}|negro|negra|moro|mora|gitano|gitana|judio|judia|sudaca|panchito|maricon|marica) de mierda"),
    rule(Insult, Moderate, "commenter-insult",
        "(?:el|la|quien|lo) que (?:ha escrito|escribio|escribe|puso|ha puesto|publico) (?:este|ese|esto|eso)(?: comentario| mensaje)? \
        (?:es|sera|debe ser)(?: {w}){0,2} (?:cretino|cretina|idiota|imbecil|subnormal|gilipollas|tonto|tonta|estupido|estupida|\
        anormal|retrasado|payaso|ignorante|burro|mongolo|analfabeto|inutil)"),
];

/// Spanish.
pub(crate) static LANG: Lang = Lang { code: "es", words: WORDS, sets: SETS, rules: RULES };
