//! English: the gaps rustrict leaves (constructions without swear words, context words),
//! plus the slurs and insults it would also find, so that reasons name them.

use super::Kind::{self, *};
use super::{rule, Lang, RuleDef};
use crate::screen::verdict::Category::{Dehumanising, Insult, Profanity, Sexual, Slur, Threat};
use crate::screen::verdict::Severity::{Mild, Moderate, Severe};

const WORDS: &[(Kind, &str)] = &[
    (Abuse(Slur, Severe), "nigger* nigga* niggaz faggot* fag fags kike kikes chink chinks gook gooks spic spics \
        wetback* raghead* towelhead* sandnigger* paki pakis tranny trannies coon coons darkie* jigaboo* \
        beaner* pikey* gyppo* kaffir* shemale* zipperhead* porch_monkey* jungle_bunny*"),
    (Abuse(Profanity, Moderate), "fuck* motherfuck* *fucker *fuckers cunt* twat twats wanker* arsehole* asshole* \
        dickhead* shithead* dipshit* cocksucker* son_of_a_bitch sons_of_bitches piece_of_shit bitch bitches \
        fuckwit* douchebag* scumbag* tosser* bellend* \
        stfu gtfo"),
    (Abuse(Profanity, Mild), "shit shitty bullshit piss pissed pissing crap damn hell bloody bugger sod bollocks"),
    (Abuse(Insult, Moderate), "retard retards retarded whore* slut* skank* waste_of_space waste_of_oxygen \
        shit_for_brains shite_for_brains crap_for_brains \
        waste_of_skin waste_of_air subhuman*"),
    (Abuse(Insult, Mild), "absolute_melt braindead keyboard_warrior* idiot* moron* imbecile* cretin* stupid dumb dumbass* dimwit* halfwit* nitwit* numpty \
        pillock* plonker* clown clowns loser losers pathetic ignorant brainless braindead brain_dead fool fools \
        jerk jerks douche lowlife* degenerate degenerates scum trash garbage worthless disgusting repulsive \
        spineless gutless dunce imbeciles simpleton* buffoon* cuck cucks snowflake dumber dumbest stupider \
        stupidest dumbo dope dopes twit twits lunatic* nutter* nutjob* nutcase* psycho psychos disgrace troll trolls muppet muppets bastard bastards \
        illiterate dimwitted gormless clueless ignoramus* dolt dolts oaf oafs twerp* prat prats berk berks \
        knobhead* cockwomble* asshat* fucktard* libtard* dumbfuck* dickwad* shitstain* saddo* sad_act \
        troglodyte* neanderthal* cretinous mouthbreather* mouth_breather* thicko* thickos numbskull* numskull* \
        bonehead* blockhead* airhead* pea_brain* peabrain* knuckle_dragger* knuckledragger* waste_of_a_human \
        weasel weasels complete_tool absolute_tool total_tool such_a_tool utter_tool"),
    (Abuse(Sexual, Moderate), "blowjob* handjob* send_nudes nudes horny milf dildo* gangbang* bukkake cumshot* \
        deepthroat* jerk_off wank wanking titties tits boobies"),
    // `your` typed for `you're` (`your an idiot`, `ur such a moron`) only before an article.
    (Addressee, "you u ya yourself youre yall ye thou your_a your_an ur_a ur_an your_such ur_such ur_so your_so \
        ur_just your_just ur_the whoever_wrote_this wrote_this_comment who_wrote_this author_of_this_comment \
        person_who_wrote_this op_is \
        who_posted_this who_posted_that who_wrote_that who_commented_above above_me the_guy_above \
        the_poster_above the_commenter_above the_person_above *above"),
    (Vocative, "hi hello hey oi listen shut_up get_lost go_away look_here dear piss_off log_off grow_up jog_on \
        sod_off bugger_off get_a_life"),
    (Exclamative, "what_a what_an such_a such_an"),
    (Condemn, "unacceptable disgusting disgraceful shameful shame shocking appalling outrageous racist racism \
        sexist homophobic transphobic bigoted bigotry hateful offensive slur slurs abuse abusive condemn* vile \
        deplorable inexcusable unforgivable not_okay not_ok never_ok never_okay no_place hate_speech \
        apologise* apologize* ashamed out_of_line acceptable appropriate inappropriate way_to_talk way_to_speak hate_crime hate_crimes no_one_deserves nobody_deserves stop_calling dehumanising dehumanizing xenophobic antisemitic bullying \
        harassment wrong sickening horrible awful fined banned sanctioned punished sacked \
        suspended prosecuted"),
    (Qualifier, "convicted"),
    (Report, "said says told according reported vowed vows threatened threatening threaten threatens pledged accused charged convicted sentenced \
        alleged allegedly arrested jailed denied plotted plotting planned attempted urged chanted chanting \
        ordered ordering commanded instructed sprayed daubed graffiti planning plans intending intended wanted \
        tried trying attempting conspiring conspired \
        shouted shouting yelled wrote posted tweeted claimed warned demanded demanding reportedly quoted \
        not never no nobody noone no_one none don doesn didn shouldn wouldn isn aren mustn against"),
    (Naming, "called calling call calls referred labelled labeled branded dubbed word term words terms slur"),
    (Safe, "weasel_words weasel_word scunthorpe penistone essex sussex middlesex wessex cockburn* shitterton clitheroe arsenal twatt \
        dick_van_dyke moby_dick dick_cheney dick_turpin philip_k_dick hancock babcock hitchcock peacock \
        woodcock cockermouth cockfosters cumbria cummings cumberland cumnock dickens dickinson dickson \
        condom condoms bitche lightwater cockpit cocktail* shuttlecock* titmouse titanic \
        penis penile penises vagina* vulva* clitoris clitoral anal anus rectal rectum breast breasts \
        breastfeeding testicle* testicular scrotum genital* cervix cervical erectile erection* ejaculat* \
        semen sperm* prostate* intercourse masturbat* orgasm* sexual* sexually sex sexes sexuality syphilis \
        gonorrh* chlamydia herpes hiv aids std stds sti stis circumcis* mastectomy hysterectomy vasectomy \
        colonoscopy nipple* pubic bowel* urinary \
        homosexual* bisexual* heterosexual* transgender* transsexual* gay gays lesbian* queer jew jews jewish \
        muslim* islam* black blacks nazi* nazism arab arabs hispanic latino latina \
        rape raped rapes rapist* sexual_assault molest* paedophil* pedophil* child_abuse prostitut* porn* \
        pornograph* brothel* sex_work*"),
    (NameWord, "dick fanny willy randy"),
    (Common, "the and is are was were of to that this it for with not have they what you"),
];

const SETS: &[(&str, &str)] = &[
    ("be", "are|is|were|was|re|s|r|be|being|become|remain|stay"),
    ("group", "immigrants?|migrants?|refugees?|asylum seekers?|foreigners?|muslims?|jews?|christians?|arabs?|\
        africans?|blacks?|whites?|asians?|mexicans?|gypsies|roma|travellers|gays?|homosexuals?|lesbians?|\
        trans (?:people|women|men)|transgenders?|women|girls|feminists?|illegals|aliens|russians?|ukrainians?|\
        palestinians?|israelis?|turks?|kurds?|syrians?|afghans?|pakistanis?|indians?|chinese|poles|romanians?|\
        somalis?|nigerians?|albanians?|catholics?|hindus?|sikhs?|atheists?"),
    ("ref", "they|them|these|those|you|u|he|she|him|her|yall|(?:the |all |these |those |such |most |many |some |their |your )?\
        (?:{group}|leftists?|liberals?|lefties|conservatives?|tories|democrats?|republicans?|socialists?|communists?|\
        people|folk|protesters?|voters|supporters|politicians|journalists)|\
        (?:people|men|women|guys|folks) like (?:you|them|him|her|that|this)|(?:your|their|his|her) kind|\
        all of (?:them|you)|the lot of (?:them|you)|(?:this|that) (?:lot|crowd|mob|tribe|bunch)|\
        (?:these|those|such|you|all these|all those) (?:people|folk|folks|men|women|guys|lot|types|creatures)|\
        (?:the |all |these |those )(?:{people})"),
    ("people", "homeless|poor|unemployed|jobless|elderly|disabled|benefit claimants|scroungers|tourists|students|\
        police|cops|rich|bankers|traitors|politicians|protesters|rioters|strikers|paedos|pedos|criminals|\
        gypsies|travellers|bastards|scum|left|right|remainers|leavers|vegans|boomers|millennials"),
    ("dehum", "vermin|rats?|rodents?|cockroach(?:es)?|roaches|parasites?|leeches|lice|louse|maggots?|insects?|\
        locusts|termites|animals?|beasts?|savages?|apes?|monkeys?|baboons?|gorillas?|pigs?|swine|dogs?|mongrels?|\
        hyenas?|worms?|germs?|bacteria|(?:a |the )?(?:virus|disease|plague|cancer|pestilence|infestation|tumou?r|\
        blight|scourge)|filth|scum|excrement|sewage|subhumans?|sub humans?|untermenschen|human (?:trash|garbage|\
        waste|debris|scum|filth)|not (?:even )?(?:human|people)|less than human|barely human"),
    ("tail", "[,.]|and|or|but|who|that|which|from|in|on|to|of|with|like|for|all|too|anyway|really|because|so|just|at|\
        now|here|there|everywhere|honestly|mate|lol|period|themselves|yourselves|[^ ,.]+ing"),
    // What may follow a call to violence: not `of` (`be shot of` = be rid of) or `down` (planes).
    ("vtail", "[,.]|and|or|for|like|by|in|on|at|dead|immediately|now|too|as|with|without|publicly|already|\
        tomorrow|today|asap|every|all|the|[^ ,.]+ing|[^ ,.]+ly"),
    ("modal", "should|must|need to|needs to|ought to|deserve to|deserves to|have to|has to|gotta|oughta|better"),
    ("adv", "all|just|simply|really|definitely|fucking|rightly|publicly|immediately|finally|then|also|each"),
    ("violent", "shot|hanged|gassed|lynched|beheaded|exterminated|slaughtered|butchered|massacred|eradicated|\
        wiped out|wiped off the (?:map|face of the earth)|burn(?:ed|t) (?:alive|at the stake)|stoned to death|strung up|\
        castrated|raped|beaten (?:to death|up)|tortured|drowned|shot on sight|sterili[sz]ed|nuked|strangled|\
        skinned alive|curb stomped|put against a wall|put in (?:camps|ovens|gas chambers)|sent to the gas chambers|\
        exterminated like {w}"),
    ("expel", "deported|expelled|kicked out|thrown out|sent back|shipped (?:back|out|off)|rounded up|interned|\
        silenced|muzzled|gagged|executed|killed|murdered|eliminated|got rid of|gotten rid of|erased|purged|\
        thrown (?:back )?(?:into|in|in to) the sea|(?:sent|pushed|towed) back (?:into|to) the sea|drowned|sunk|left to drown|put (?:back )?on (?:a |the )?boats?|\
        wiped out|removed from (?:the|this|our) (?:country|planet|earth|face of the earth)"),
    ("harm", "end|kill|murder|stab|shoot|hang|rape|hurt|strangle|choke|burn|bury|gut|skin|slap|punch|\
        fuck up|beat up|lynch|behead|torture|beat the (?:shit|hell|crap) out of"),
    ("hardverb", "kill|shoot|hang|gas|exterminate|lynch|behead|slaughter|nuke|eradicate|castrate|string up|\
        massacre|murder"),
    ("softverb", "burn|deport|expel|round up|get rid of|kick out|throw out|wipe out|lock up|sterili[sz]e|\
        {hardverb}"),
    ("body", "face|head|skull|throat|teeth|legs|neck|in|jaw|nose|arms?|ribs|knees?|kneecaps|back|fingers|spine|\
        neck|skull in|head in|face in"),
    ("target", "you|u|ya|yourself|your (?:family|kids|children|wife|mother|mum|mom)|him|her"),
    ("will", "will|ll|am going to|m going to|re going to|are going to|gonna|would|d|want to|wanna|shall|\
        swear i will|swear i ll|will personally|am gonna|m gonna|will fucking|ll fucking"),
];

const RULES: &[RuleDef] = &[
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "{ref}(?: (?:in|from|of|around|on|at) (?:this |that |the |our |my |these |those )?{w})? \
        (?:really |truly |honestly |all |just |literally |simply |clearly )?{be}(?: (?:all|just|nothing but|no better than|basically|literally|like|worse than|such|the|\
        a|an|filthy|dirty|disgusting|stinking|fucking|bloody|little|diseased|inbred|total|complete|absolute|real|\
        mere|bunch of|pack of|swarm of|horde of|herd of|nest of|breeding|no more than|as bad as|actual|simply)){0,4} \
        {dehum} (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{dehum}) (?:, )?(?:the lot of them|all of them|every (?:last |single )?one of them|each and every one|\
        the whole lot|every single one)"),
    rule(Dehumanising, Moderate, "dehumanising-behaviour",
        "{ref} (?:really |all |just |literally |simply )?(?:breed|breeding|multiply|multiplying) like (?:rabbits|flies|\
        {dehum})|{ref} (?:really |all |just |literally |simply )?(?:breed|breeding|multiply|multiplying|spread|spreading|swarm|swarming|crawl|crawling|\
        infest|infesting) (?:like|over|across|into|through|all over) (?:{w} )?(?:{dehum}|our (?:country|streets|\
        cities|towns|neighbou?rhoods|land|schools))"),
    rule(Dehumanising, Moderate, "dehumanising-address",
        "(?:you|u|these|those|filthy|dirty|stinking|disgusting|such) (?:{w} )?(?:vermin|parasites|cockroach(?:es)?|\
        subhumans?|scum|savages|maggots?|leeches|lice|untermenschen|human (?:trash|garbage|filth|waste|debris|\
        scum)) (?:{tail})"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:all |most |these |those |the |every )?{group} (?:{be}|{w} {be})(?: (?:all|just|nothing but|born|natural|\
        basically|always|by nature|the same|inherently|genetically|a bunch of)){0,3} (?:criminals|terrorists|rapists|\
        thieves|paedophiles|pedophiles|murderers|invaders|freeloaders|scroungers|a threat|a danger|dangerous|\
        violent|inferior|evil|dirty|filthy|stupid|lazy|degenerates?|perverts?|sick|diseased|untrustworthy|liars|\
        all the same|the enemy|a plague|vermin|animals|savages|parasites|subhuman) (?:{tail})|\
        (?:all |most |the )?{group} (?:{be})(?: (?:all|just|simply|naturally|genetically)){0,2} too (?:stupid|dumb|thick|\
        primitive|lazy|backward|emotional|hysterical|savage) to"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:all |most |the )?{group} (?:{be})(?: {w})? (?:naturally|genetically|inherently|biologically|by nature) (?:more|less) \
        (?:violent|stupid|criminal|dangerous|aggressive|intelligent|civilised|civilized|evolved|capable|human)"),
    rule(Insult, Moderate, "insult-at-person",
        "(?:you|u) (?:are|re|r)(?: (?:so|really|genuinely|just|bloody|fucking|that|too|actually|properly)){0,2} (?:thick|dense|\
        dim|daft|gormless|simple|slow) (?:as|[,.]|to|lol|mate)|(?:imagine (?:being|having to be)|are (?:you|u)(?: (?:always|really|usually|just|seriously|actually))?) (?:this|so|that) (?:{w} )?\
        (?:dense|thick|dim|slow|stupid|dumb|clueless|gullible|ignorant|brainwashed)"),
    rule(Slur, Moderate, "group-conspiracy",
        "(?:the )?(?:{group}|zionists) (?:control|run|own|rule|secretly control|secretly run) (?:the |all the |our |every )?\
        (?:banks?|media|world|government|money|hollywood|finance)"),
    rule(Slur, Moderate, "slur-by-modifier",
        "(?:filthy|dirty|stinking|smelly|bloody|fucking|greedy|sneaky) (?:{group}) (?:{tail})|typical (?:dumb|stupid|\
        thick|hysterical|lazy|filthy|dirty|greedy) (?:woman|women|female|females|girl|girls|blonde|{group})"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{modal})(?: {adv}){0,2} be (?:all )?(?:[^ ,.]+ (?:up |out |away |off )?and )?(?:{violent}) (?:{vtail})"),
    rule(Threat, Moderate, "call-to-expel",
        "{ref} (?:{w} )?(?:{modal})(?: {adv}){0,2} be (?:all )?(?:{expel})"),
    rule(Threat, Severe, "call-to-mass-violence",
        "(?:{hardverb})(?: them| em)? (?:all|every|each)(?: (?:of )?(?:them|these|those|the|last|single|one))?|\
        (?:{softverb}) (?:them all|every (?:last|single) one of them|all (?:the |these |those )?{group}|the {group}|\
        the lot(?: of them)?|all of them|these people|those people)|\
        (?:{hardverb}|hang|shoot) (?:the|these|those|all the|all) (?:{group}|{people})|(?:burn|torch|firebomb|\
        bomb|smash up)(?: down)? (?:their|the|all the|every|those|these|that|this|a|an) (?:mosques?|synagogues?|churches|temples|\
        shops|homes|houses|camps|hostels|refugee (?:centres?|centers?|hotels?)|asylum (?:hotels?|centres?))|\
        death to (?:all )?(?:the )?(?:{group}|{w})|bring back (?:hanging|the noose|the rope|the gallows|the firing squad) \
        for (?:the|these|those|all|all the|every) {w}|(?:put|stick|ship|load|throw) (?:them|em|the lot|all of them|these {w}|\
        those {w}|the {group})(?: all)? (?:on|in|into) (?:a |the )?(?:boats?|planes?|dinghy|dinghies|camps?|cattle trucks)|(?:line|round) (?:them|em|the lot|them all|all of them) up \
        (?:and )?(?:shoot|gas|kill|hang|deport|execute|ship)|(?:hang|lynch|string up) (?:him|her|them)|\
        (?:and|then) (?:shoot|gas|kill|hang|execute) (?:them|em) (?:all|[,.])|(?:we|you|someone|somebody|people|they|government|govt) \
        (?:{modal}|will|ll|gonna) (?:{w} )?(?:{softverb}) (?:them all|all of them|these {w}|those {w}|the {group}|\
        all (?:the )?{group})"),
    rule(Threat, Severe, "threat-to-person",
        "(?:(?:i|we) (?:{will})|ill|id|im going to|im gonna) (?:{w} )?(?:{harm}) (?:{target})|(?:i|we)(?: (?:will|ll|am|m|going to|gonna)){1,2} \
        (?:find|get|visit|hunt|track|come for|come after) (?:you|u|ya)(?: (?:down|and|soon|one day|[,.]))|\
        (?:smash|break|slit|cut|bash|cave|kick|snap|crack|rip off|punch) (?:your|ur) (?:{w} )?(?:{body})|\
        (?:(?:i|we) (?:{will})|ill) (?:burn|torch|firebomb|smash up|trash|wreck) (?:your|ur) (?:house|home|car|shop|place)|\
        (?:i m|im|i am|we re|we are) coming for (?:you|u)|put a bullet (?:in|through) (?:{target}|them|his|their|your)|\
        (?:i|we) know where (?:you|u|your (?:kids|family|wife|mum)) (?:live|work|sleep|go to school)|\
        (?:you|u)(?: will| ll|ll) (?:be|end up) (?:dead|in a ditch|in hospital|in the hospital|six feet under|found)|(?:you|u) (?:are|re|r) dead (?:if|when|once|the moment)|\
        (?:hope|wish) (?:someone|somebody|they|he|she) (?:{harm})(?:s|es)? (?:you|u|ya)|your days are numbered|(?:you are|you re|youre|ur) (?:a )?dead \
        (?:man|woman|meat)|you(?: will| ll) (?:regret|pay for) (?:this|it|that|your)|\
        (?:you|u) (?:are|re|r)(?: {w})? (?:too|so) (?:thick|dense|dim|stupid|dumb|slow|ignorant) to \
        (?:understand|grasp|get|comprehend|read|follow)|watch your back|\
        (?:you|u) (?:are|re|r)(?: (?:such|a|an|just|nothing but|absolutely|complete|total|utter|an absolute|a complete|\
        a total|an utter)){0,3} (?:joke|tool|laughing stock|embarrassment|disgrace)|\
        (?:you|u) (?:are|re|r)(?: {w})? (?:thicker|dumber|stupider|denser) than|only (?:an?|some) (?:{w} )?\
        (?:idiot|moron|cretin|fool|imbecile|retard|clown|muppet|halfwit|dimwit|numpty|loser) (?:would|could|believes|thinks)|imagine being (?:this|that|so) \
        (?:dumb|stupid|thick|ignorant|pathetic|dense)|crawl back (?:under|into|to) (?:your|the|ur) \
        (?:rock|hole|cave|sewer|bridge)|(?:iq|intelligence|brain|brains|reading comprehension|comprehension|attention span|\
        mental age|maturity|logic|reasoning) of (?:a|an|some) (?:{w} )?(?:toddler|child|five year old|goldfish|potato|\
        rock|brick|gnat|amoeba|plank|chimp|monkey|turnip)|(?:find out|find|know|found out) where (?:you|u) (?:live|work|sleep)|\
        (?:i ve|ive|i have|we ve|we have|i|we) (?:got|know|found|have) your (?:home )?(?:address|details|number plate)|\
        pay (?:you|u|ya) a (?:little )?visit|put (?:you|u|ya) in (?:hospital|the hospital|a wheelchair|the ground|a coffin|\
        a body bag|an early grave)|(?:shame|pity) if something (?:happened|were to happen|happens|was to happen) to \
        (?:you|u|your)|sleep with one eye open|(?:we|i) (?:are|re|m|am) watching (?:you|u)|(?:you|u) (?:have|ve) been warned|\
        (?:count|better count) your days|people like (?:you|u) (?:{w} )?(?:end up|get|wind up) (?:in a ditch|in hospital|\
        in the hospital|hurt|dead|in a body bag|in the river|stabbed|shot)|(?:room temperature|single digit|negative) iq|iq (?:of|lower than|smaller than|\
        below|less than) (?:a |an |my |your |the )?(?:{w} )?(?:potato|rock|brick|plant|goldfish|shoe|toaster|\
        cabbage|carrot|turnip|houseplant|doorknob)|(?:brain|brains) (?:of|the size of) (?:a |an )?(?:pea|peanut|\
        walnut|goldfish|gnat|flea)|(?:comment|post|take|reply|drivel|opinion) (?:from|of|by) (?:a|an|some|another|\
        the resident|this) (?:{w} )?(?:idiot|moron|imbecile|cretin|halfwit|clown|buffoon|troll|muppet|numpty)"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:hope|wish|pray|may)(?: that)? (?:{target}|he|she|they|all of (?:them|you)|the lot of you) (?:{w} )?\
        (?:die|dies|get raped|gets raped|get shot|gets shot|get cancer|gets cancer|burn|burns|rot|rots|suffer|\
        suffers|drown|drowns|get killed|gets killed|get run over|die slowly|die in a fire|burn in hell|rot in hell|\
        get aids|choke)|(?:kill|hang|shoot|off) yourself|(?:kys|go die|drop dead)|\
        (?:you|u) (?:should|deserve to|ought to|need to|must|better) (?:just )?(?:die|be dead|not exist|be shot|\
        be killed|be hanged|be raped|hang yourself|kill yourself|go die)|world would be better (?:off )?without \
        (?:you|people like you|them|your kind)|nobody would miss (?:you|u)|do (?:us|the world|everyone|everybody|society|humanity)(?: all)? a favou?r and \
        (?:die|disappear|jump|kill yourself|drop dead|off yourself|hang yourself)|(?:you|u|he|she|they) (?:need|needs|deserve|deserves) \
        (?:a bullet|a rope|to hang|to be shot|to be hanged|shooting|hanging)|(?:why don t|why dont|why not) \
        (?:you|u) (?:just )?(?:die|kill yourself|go die|drop dead|hang yourself)|(?:your|ur) (?:mum|mom|mother|\
        parents) should have (?:aborted|swallowed|drowned) (?:you|u)"),
    rule(Threat, Moderate, "call-to-silence",
        "(?:someone|somebody|people|we|they|you|i) (?:should|needs? to|ought to|has to|have to|must|will|gonna|\
        going to|ll|d like to|want to)(?: {w})? (?:shut (?:you|u|him|her|them|(?:that|this|the|these|those) {w}) up|silence (?:you|u|him|her|them)|\
        teach (?:you|u|him|her|them) a lesson|put (?:you|u|him|her|them) (?:down|in the ground|six feet under|\
        in (?:your|his|her|their) place (?:permanently|for good|once and for all)))|\
        shut (?:you|u|him|her|them|your mouth|ur mouth|(?:that|this|the|these|those) {w}) (?:up )?(?:for good|permanently|\
        forever|once and for all)"),
    rule(Threat, Moderate, "go-back",
        "go (?:back|home) (?:to|where) (?:your|ur|where you|where u|where they|their|the|that) (?:{w} )?(?:{w} )?\
        (?:country|countries|land|shithole|hole|jungle|desert|cave|village|came from|come from|belong|camel)|\
        go (?:back|home) to (?:africa|asia|arabia|mexico|pakistan|india|syria|the desert|the jungle|the middle east|\
        poland|romania|somalia|afghanistan)|\
        send (?:them|em|the lot|all of them|you|these {w}|those {w}|the {group}) (?:all )?(?:back|home|packing)|\
        (?:get|fuck|piss) (?:out|off) (?:of )?(?:our|my|this) (?:country|land|continent|street|neighbou?rhood)|\
        (?:you|they|{group}) (?:do not|don t|dont) belong (?:here|in (?:our|this|my) country)|\
        kick (?:them|em|the lot|every last {w}|every {w}|all (?:the |of the )?{w}|all of them|these {w}|those {w})(?: all)? \
        (?:{w} )?out (?:of|[,.])|{group} out [,.]|(?:women|woman|girls|wives) (?:belong|should (?:stay|be kept)) in the kitchen"),
    rule(Sexual, Moderate, "sexual-harassment",
        "(?:i|id|i d|i would|want to|wanna|like to|let me|gonna|going to|ll|will)(?: {w})? (?:fuck|bang|\
        shag|rape|grope|suck|pound|spank|finger|motorboat|cum on|jerk off to) (?:you|u|ya|her|him)|\
        (?:send|show)(?: me)? (?:your |ur |some |those )?(?:nudes|tits|boobs|pussy|ass|arse|naked (?:pics|photos))|\
        suck (?:on )?my (?:dick|cock|balls|tits)|(?:sit|sit on) my (?:face|lap|dick|cock)|on your knees (?:and|for)"),
    // Threats with no verb of harm: being outside someone's door, knowing the address, coming for them.
    rule(Threat, Severe, "presence-threat",
        "(?:i ll|i will|we ll|we will|someone ll|someone will|they ll|they will) be waiting (?:for (?:you|u) )?(?:outside|at|near|by|in front of) \
        (?:your|ur) (?:house|home|door|flat|work|office|school|place|car|kids school)|(?:we|i|they) (?:know|have|ve got|got|found) \
        (?:your|ur) (?:address|home address|house|kids school)|(?:we re|we are|i m|i am|they re|they are) coming for (?:you|u|your family)|\
        (?:you|u) (?:ll|will|re going to|are going to|gonna) (?:end up|be) (?:six|6) feet under|see what happens to (?:your|ur) \
        (?:teeth|face|family|kids|car|house)"),
    rule(Threat, Moderate, "call-to-expel",
        "(?:run|drive|chase|kick|hound|boot) (?:these|those|them|all these|all those|every last|every|all the) (?:{w} )?(?:{w} )?\
        out of (?:our|the|this|my) (?:town|city|country|village|street|neighbourhood|neighborhood|area|land)"),
    rule(Insult, Moderate, "commenter-insult",
        "(?:the|this|that) (?:clown|idiot|moron|fool|muppet|troll|genius|imbecile|halfwit|numpty|buffoon|cretin|donkey|plank) \
        (?:in|from) (?:the )?(?:comments?|comment section|thread) (?:above|below|here)"),
];

/// English.
pub(crate) static LANG: Lang = Lang { code: "en", words: WORDS, sets: SETS, rules: RULES };
