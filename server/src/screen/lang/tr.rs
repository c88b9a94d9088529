//! Turkish. Person and copula are suffixes (`aptalsın` = you are stupid), so second-person
//! suffixes mark the word they end as aimed at someone, and nouns take a suffix set.
//! Words that fold into English ones (`göt` → `got`, `piç` → `pic`) only count in phrases.

use super::Kind::{self, *};
use super::{rule, Lang, RuleDef};
use crate::screen::verdict::Category::{Dehumanising, Insult, Profanity, Sexual, Slur, Threat};
use crate::screen::verdict::Severity::{Mild, Moderate, Severe};

const WORDS: &[(Kind, &str)] = &[
    (Abuse(Slur, Severe), "ibne* gavur gavurlar gavurlara gavurları pis_suriyeli pis_yahudi pis_ermeni pis_kürt \
        pis_arap pis_afgan ermeni_dölü yahudi_dölü ermeni_piçi çingene_dölü zenci_köpek"),
    (Abuse(Profanity, Moderate), "a_q a_k o_c amq orospu* amk aq amına_koyayım amına_koyim amına_kodumun amına_kodum ananı_sikeyim \
        ananı_sikerim sikerim sikeyim siktir* sikik* sikim sikiş* yarrak* yavşak* götveren* götünü kahpe* \
        şerefsiz* pezevenk* puşt kaltak* dalyarak* sürtük* hassiktir piç_kurusu orospu_piçi göt_oğlanı \
        sg s.g o.ç oç ananı_avradını ananı_avradini ananı_avradı"),
    (Abuse(Profanity, Mild), "bok boktan kahretsin lanet"),
    (Abuse(Insult, Moderate), "gerizekalı* geri_zekalı* allahın_belası soysuz*"),
    (Abuse(Insult, Mild), "aptal* salak* mal dangalak* ahmak* budala* beyinsiz* hıyar öküz eşek hayvan köpek \
        haysiyetsiz* ezik* zavallı cahil* yobaz* adi rezil pislik hain* mankafa* kafasız* embesil* moron* \
        şapşal* denyo* dallama* ruhsuz \
        gerzek* hödük* dingil* şaklaban* soytarı* palyaço* zibidi* andaval* avanak* ebleh* sersem* hımbıl* \
        keriz* enayi* ahmağ* aptalın_tekisin salağın_teki aptalın_teki beyni_yok kafası_çalışmıyor mal_mısın \
        kendini_bilmez* terbiyesiz* densiz* görgüsüz* ayı_herif ayı_gibi hayvan_herif kıro* angut* hıyar_herif"),
    (Abuse(Sexual, Moderate), "sikişmek sikişelim"),
    (Addressee, "sen seni sana siz sizi size senin sizin seninle sizinle senden sizden mısın misin musun müsün mısınız misiniz musunuz müsünüz *sın *sin *sun *sün *sınız *siniz *sunuz *sünüz \
        yazan yazanlar yukarıdaki yorumu_yazan"),
    (Vocative, "lan ulan be hey bak kes_sesini sus çeneni_kapat kapa_çeneni hadi_oradan hadi_be defol otur"),
    (Exclamative, "ne_biçim ne_kadar_da"),
    (Condemn, "kabul_edilemez utanç_verici utanç ırkçı* hakaret* kınıyorum kınıyoruz kına* nefret_söylemi \
        yakışıksız ayıp skandal rezalet yanlış ayrımcı* çirkin ceza cezası cezalandırıldı \
        özür_dilemeli"),
    (Report, "dedi söyledi açıkladı bildirdi suçlandı suçlanıyor tehdit* iddia* tutuklandı gözaltına yargılanıyor değil asla kimse hiç hiçbir \
        karşı göre slogan* işleyen işleyenler planlamış planladı"),
    // `çok` (very), the most frequent Turkish word, folds into an English one.
    (Safe, "çok amina penis vajina meme_kanseri anal rektal cinsel* tecavüz* eşcinsel* gay lezbiyen* yahudi yahudiler \
        müslüman* siyahi* fuhuş porno*"),
    (Common, "ve bir bu çok için ile ne gibi daha ama değil mi var yok ben sen"),
];

const SETS: &[(&str, &str)] = &[
    ("group", "göçmenler|mülteciler|suriyeliler|afganlar|araplar|kürtler|ermeniler|rumlar|yahudiler|çingeneler|\
        romanlar|zenciler|siyahlar|eşcinseller|ibneler|kadınlar|feministler|solcular|yabancılar|müslümanlar|\
        hristiyanlar|ruslar|ukraynalılar|afrikalılar|pakistanlılar|kaçaklar|sığınmacılar|aleviler|gavurlar"),
    ("groupacc", "hainleri|vatan hainlerini|teröristleri|katilleri|tecavüzcüleri|siyasetçileri|gazetecileri|solcuları|\
        göçmenleri|mültecileri|suriyelileri|afganları|arapları|kürtleri|ermenileri|yahudileri|\
        çingeneleri|yabancıları|sığınmacıları|kaçakları|bunları|onları|hepsini|hepinizi"),
    ("group_sg", "suriyeli|afgan|arap|kürt|ermeni|rum|yahudi|çingene|zenci|ibne|gavur|yabancı|göçmen|mülteci"),
    ("ref", "bunlar|onlar|sen|siz|hepsi|hepiniz|şunlar|bu adam|bu kadın|bu herif|bu tipler|\
        (?:bu|şu) (?:insanlar|adamlar|herifler|tipler|kadınlar)|(?:tüm |bütün |bu |şu )?(?:{group})|senin gibiler|senin gibi (?:insanlar|adamlar)"),
    // Plural, possessive (`kanseri`, `pisliği`) and copula or person suffixes.
    ("sfx", "(?:lar|ler)?(?:ı|i|u|ü|sı|si|su|sü|ları|leri)?(?:dır|dir|dur|dür|tır|tir|tur|tür|sın|sin|sun|sün|sınız|siniz|\
        sunuz|sünüz|dırlar|dirler)?"),
    ("dehum", "(?:pisliğ|köpeğ|böceğ|hamamböceğ)(?:i|ı|in|iniz|idir|isin|iniz|ler)|(?:fare|sıçan|hamamböceği|hamamböcekleri|asalak|parazit|haşere|mikrop|böcek|domuz|köpek|it|maymun|\
        hayvan|pislik|çöp|virüs|kanser|veba|sülük|bit|kene|solucan|sürüngen)(?:{sfx})|insan değil(?:ler|siniz|sin)?|\
        insan müsveddesi(?:{sfx})|(?:mikrob|asalağ|sülüğ|kanseri|vebası)(?:u|ü|ı|i|ları|leri|udur|üdür|dır|dir)?|insanlıktan nasibini almamış"),
    ("mod", "bu|şu|birer|bir|hep|tamamen|resmen|sadece|adeta|tam|pis|iğrenç|aşağılık|düpedüz|gerçek|basbayağı|\
        hepsi|zaten|gibi|kadar|de|da|[^ ,.]+(?:nin|nın|nun|nün)|toplumun|ülkenin|insanlığın|milletin"),
    ("tail", "[,.]|ve|veya|ama|gibi|hepsi|zaten|işte|resmen|bunlar|onlar|her yerde|lan|be|amk|aq|bence|valla|yani|\
        yine|hep|artık|burada|orada|de|da|her|bu|şu"),
    // Not `yok etmek` or `yakmak` alone: `bunları yakmak lazım` may be about papers.
    ("kill", "asmak|asılmalı|asılsın|kurşunlamak|kurşunlanmalı|kurşuna dizmek|kurşuna dizilmeli|öldürmek|\
        öldürülmeli|gebertmek|gebertilmeli|diri diri yakmak|diri diri yakılmalı|boğazlamak|boğazlanmalı|katletmek|\
        katledilmeli|idam edilmeli|sallandırmak|sallandırılmalı|kökünü kazımak"),
    ("expel", "temizlemek|temizlenmeli|sürmek|sürülmeli|sınır dışı etmek|sınır dışı edilmeli|kovmak|kovulmalı|\
        göndermek|gönderilmeli|geri göndermek|geri gönderilmeli|defetmek|atmak|atılmalı|gönderin|gönderilsin|\
        kovun|kovulsun|atın|atılsın|sürün|sürülsün|defedin|temizleyin|temizlensin|postalayın|yollayın|yollansın|\
        sınır dışı edin|sınır dışı edilsin"),
    ("need", "lazım|gerek|gerekir|şart|gerekiyor"),
];

const RULES: &[RuleDef] = &[
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{ref})(?: (?:{mod})){0,3} (?:{dehum}) (?:{tail})"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{ref})(?: (?:{mod})){0,3} (?:fare|sıçan|hamamböceği|asalak|parazit|haşere|mikrop|böcek|domuz|köpek|maymun|\
        hayvan|pislik|çöp|virüs|kanser|veba|sülük|solucan)(?:ler|lar)?(?:ten|tan|den|dan) başka (?:bir )?(?:şey|halt) değil"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{ref})(?: (?:{mod})){0,3} (?:hayvan|köpek|fare|sıçan|böcek|domuz|maymun|asalak|haşere|mikrop|sürüngen)(?:lar|ler)?\
        (?:dan|den|tan|ten) (?:farksız|farksızlar|farkı yok|farkları yok|beter|aşağı|daha aşağı)"),
    rule(Dehumanising, Moderate, "dehumanising-behaviour",
        "(?:fare|sıçan|hamamböceği|böcek|tavşan|hayvan)(?:lar)? gibi (?:çoğalıyor|çoğalıyorlar|üreyor|üriyorlar|\
        ürüyorlar|doldu|doldular|istila ediyor|istila ediyorlar|sardı)"),
    rule(Slur, Moderate, "group-generalisation",
        "(?:{group})(?: (?:{mod})){0,3} (?:suçlu|hırsız|tecavüzcü|terörist|katil|pis|tehlikeli|aşağılık|istilacı|\
        asalak|sapık|hain|tembel|pislik|düşman)(?:{sfx}) (?:{tail})"),
    rule(Slur, Moderate, "slur-by-modifier",
        "(?:pis|iğrenç|kokmuş|aşağılık|kahrolası) (?:{group_sg}|{group})(?:{sfx})"),
    rule(Threat, Severe, "call-to-violence",
        "(?:{groupacc}|{group}|seni|sizi|hepsi)(?: {w}){0,2} (?:{kill})(?: (?:{need}))?|\
        (?:kurşuna dizin|kurşuna dizelim|kurşuna dizilsin|asın|asalım)(?: (?:hepsini|onları|bunları))? [,.]|\
        (?:hepsini|onları|bunları|{groupacc}) (?:kurşuna dizin|kurşuna dizelim|asın|asalım)|(?:asılmalı|kurşuna dizilmeli|kurşunlanmalı|öldürülmeli|gebertilmeli|boğazlanmalı|katledilmeli)(?:lar|ler|dır|dir)?|\
        (?:ölüm|ölümler) (?:{group}|{groupacc})(?:a|e|ya|ye)?"),
    rule(Threat, Severe, "call-to-arson",
        "(?:camilerini|camileri|camilerinizi|kiliselerini|kiliseleri|sinagoglarını|evlerini|dükkanlarını|kamplarını|\
        yurtlarını) (?:{w} )?(?:yakın|yakalım|yakmalı|yakmak lazım|yakmak gerek|yakılmalı|ateşe verin|ateşe verelim|\
        yakılsın)"),
    rule(Threat, Moderate, "call-to-expel",
        "(?:{groupacc}|{group})(?: {w}){0,3} (?:{expel})(?: (?:{need}))?"),
    rule(Threat, Moderate, "go-back",
        "(?:ülkene|ülkenize|memleketine|memleketinize|geldiğin yere|geldiğiniz yere|çölüne|çölünüze|ülkelerine|\
        memleketlerine|geldikleri yere)(?: {w})? (?:dön|dönün|git|gidin|defol|defolun|geri dön|dönsünler|gitsinler|\
        gönderilsin|gönderilmeli|postalayın)|defol(?:un)? (?:git|gidin|buradan|ülkemden|ülkemizden)|\
        (?:{group}) (?:defolsun|dışarı [,.])"),
    rule(Threat, Severe, "threat-to-person",
        "(?:seni|sizi) (?:{w} ){0,3}(?:öldüreceğim|öldürürüm|gebertirim|gebertceğim|geberteceğim|keserim|keseceğim|\
        vururum|vuracağım|asarım|yakarım|yakacağım|parçalarım|boğarım|mahvederim|susturacağım|sustururum|\
        bulacağım|bulurum|gömerim|gömeceğim)|nerede oturduğunu biliyorum|(?:adresini|evini|adresinizi|evinizi) (?:buldum|bulduk|biliyorum|biliyoruz|öğrendim|\
        öğrendik)|evini biliyorum|seni bulacağız|\
        bunun hesabını vereceksin|pişman olacaksın|(?:ağzını|ağzınızı|kafanı|kafanızı|dişlerini|bacaklarını|burnunu|çeneni|\
        suratını|yüzünü|kolunu|kollarını) (?:{w} )?(?:kırarım|kıracağım|kırarız|kıracağız|dağıtırım|dağıtacağım|patlatırım|\
        patlatacağım|sökerim|sökeceğim|ezerim|kıracam|dağıtcam)|(?:nerede|nerde) (?:oturduğunu|yaşadığını|çalıştığını) \
        (?:biliyorum|biliyoruz)|(?:kurşunu|ipi|ölümü) hak (?:ediyorsun|ediyorsunuz|ediyorlar|ediyor)"),
    rule(Threat, Severe, "wish-of-harm",
        "(?:inşallah|umarım|dilerim|allah) (?:{w} )?(?:ölürsün|gebersin|geberirsin|ölsün|ölesin|kahrolsun|\
        kansere yakalanırsın|kanser olursun|belanı versin|canını alsın|cezanı versin)|(?:geber|gebersin|\
        geberin|kahrol|ölesice)(?: {w})? [,.]|(?:kendini|kendinizi) (?:as|öldür|vur)"),
    rule(Threat, Moderate, "call-to-silence",
        "(?:seni|sizi|onu|bunları)(?: {w})? (?:susturmak (?:lazım|gerek)|susturmalı|ebediyen susturmak|\
        sonsuza dek susturmak)"),
    rule(Sexual, Moderate, "sexual-harassment",
        "(?:seni|sizi|onu) (?:{w} )?(?:sikeceğim|sikerim|sikmek|becereceğim|beceririm|düzerim|düzeceğim|\
        yatağa atacağım|tecavüz edeceğim)|(?:göğüslerini|memelerini|çıplak fotoğrafını|çıplak resmini) \
        (?:göster|at|gönder)"),
    // Threats with no verb of harm, imperative calls over a whole group, idioms of stupidity.
    rule(Threat, Severe, "presence-threat",
        "kafana (?:sıkacağım|sıkarım|sıkıcam|sıkacam|sıkacağız|sıkarız)|nerede (?:oturduğunu|yaşadığını|çalıştığını) \
        (?:biliyorum|biliyoruz|bulacağım|bulacağız|buldum|bulduk)|(?:evini|adresini) (?:biliyorum|biliyoruz|bulacağım|bulacağız)|\
        (?:senin|sizin) için (?:geliyoruz|geleceğiz|gelecekler)"),
    rule(Threat, Severe, "call-to-violence",
        "[^ ,.]+(?:ları|leri|ların|lerin) (?:hepsini|tamamını|hepsi) (?:öldürün|asın|yakın|gebertin|vurun|kurşuna dizin|kesin)|\
        (?:öldürün|asın|gebertin|kurşuna dizin) (?:hepsini|bunları|onları)|kahrolsun (?:{group})|(?:{group}) kahrolsun"),
    rule(Dehumanising, Moderate, "dehumanising-comparison",
        "(?:{group}|bunlar|onlar|bu {w}) (?:{w} )?insan değil(?:ler|dir)? (?:hayvan|hayvanlar|haşere|mikrop|böcek|sürü|canavar|\
        köpek|domuz|asalak)"),
    rule(Insult, Moderate, "insult-idiom",
        "(?:kafan|beynin|aklın) (?:hiç |pek |da )?(?:çalışmıyor|basmıyor|almıyor|ermiyor|yok|sulanmış)"),
];

/// Turkish.
pub(crate) static LANG: Lang = Lang { code: "tr", words: WORDS, sets: SETS, rules: RULES };
