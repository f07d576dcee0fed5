"""Latvian. Words are also looked up without diacritics, as people often type them so."""

from reminder.languages.inflect import forms

LANG = "lv"
UNIT_LETTERS: dict[str, list[str]] = {}  # letter units ("Q3", "H1") are English only

_IS = ["is", "a", "ī", "im", "i", "ā", "us", "iem"]
_S = ["s", "a", "ā", "am", "u", "i", "os"]
MONTHS = {
    1: forms("janvār", _IS) + ["janv"],
    2: forms("februār", _IS) + ["febr", "feb"],
    3: forms("mart", _S) + ["mar"],
    4: forms("aprīl", _IS) + ["aprīļa", "apr"],
    5: forms("maij", _S),
    6: forms("jūnij", _S) + ["jūn"],
    7: forms("jūlij", _S) + ["jūl"],
    8: forms("august", _S) + ["aug"],
    9: forms("septembr", _IS) + ["sept", "sep"],
    10: forms("oktobr", _IS) + ["okt"],
    11: forms("novembr", _IS) + ["nov"],
    12: forms("decembr", _IS) + ["dec"],
}
QUARTER = [
    "ceturksnis",
    "ceturkšņa",
    "ceturksnī",
    "ceturksni",
    "ceturksnim",
    "ceturkšņi",
    "ceturkšņos",
    "ceturkšņu",
    "ceturkšņiem",
    "cet",
    "ceturkšņus",
]
HALF = [
    "puse",
    "pusē",
    "puses",
    "pusgads",
    "pusgada",
    "pusgadā",
    "pusgadam",
    "pusgadu",
    "pusgadi",
    "pusgados",
    "pusgadu",
    "pusgadiem",
    "pusgadus",
    "pusg",
]
DECADE = ["dekāde", "dekādes", "dekādē", "dekādi", "dekāžu", "dekādēs"]
YEAR = ["gads", "gada", "gadā", "gadam", "gadu", "gadi", "gados", "gadiem", "g", "gg", "gadus"]
MONTH_UNIT = [
    "mēnesis",
    "mēneša",
    "mēnesī",
    "mēnesim",
    "mēnesi",
    "mēneši",
    "mēnešu",
    "mēnešos",
    "mēnešiem",
    "mēn",
    "mēnešus",
]
WEEK_UNIT = ["nedēļa", "nedēļas", "nedēļā", "nedēļu", "nedēļām", "nedēļās", "ned"]
DAY_UNIT = ["diena", "dienas", "dienā", "dienu", "dienām", "dienās", "d"]
HOUR_UNIT = ["stunda", "stundas", "stundu", "st"]
WORKING = ["darba", "kalendāra", "kalendārās", "kalendāro", "kalendārajās", "darbdienu", "darbdienas"]
DAY_OF_MONTH = ["datumam", "datums", "datumā", "datumu"]
ORDINALS = {
    1: ["pirmais", "pirmā", "pirmajā", "pirmo", "pirmajam", "pirmajai", "pirmās"],
    2: ["otrais", "otrā", "otrajā", "otro", "otrajam", "otrajai", "otrās"],
    3: ["trešais", "trešā", "trešajā", "trešo", "trešajam", "trešajai", "trešās"],
    4: ["ceturtais", "ceturtā", "ceturtajā", "ceturto", "ceturtajam", "ceturtās"],
    -1: ["pēdējais", "pēdējā", "pēdējā", "pēdējo", "pēdējās"],
}
NUMBERS = {
    1: ["viens", "vienu", "viena", "vienreiz", "vienreizēji"],
    2: ["divi", "divas", "divreiz", "divām", "diviem", "divu"],
    3: ["trīs", "trīsreiz", "triju"],
    4: ["četri", "četras"],
    5: ["pieci", "piecas", "piecu", "piecām"],
    10: ["desmit"],
    30: ["trīsdesmit"],
}
DURATION_WORDS: dict[tuple[int, str], list[str]] = {}
APPROX = {
    "begin": ["sākumā", "sākums", "sākuma", "sākumam", "sākumu"],
    "middle": ["vidū", "vidus", "vidum", "vidu"],
    "end": ["beigās", "beigas", "beigām", "nogalē", "nogale", "nogales", "izskaņā"],
}
SEASONS = {
    "spring": ["pavasaris", "pavasarī", "pavasara", "pavasarim"],
    "summer": ["vasara", "vasarā", "vasaras", "vasarai"],
    "autumn": ["rudens", "rudenī", "rudenim"],
    "winter": ["ziema", "ziemā", "ziemas", "ziemai"],
}
WEEKDAYS = {
    0: ["pirmdiena", "pirmdienā", "pirmdienās", "pirmdienu", "pirmdienām"],
    1: ["otrdiena", "otrdienā", "otrdienās", "otrdienu", "otrdienām"],
    2: ["trešdiena", "trešdienā", "trešdienās", "trešdienu", "trešdienām"],
    3: ["ceturtdiena", "ceturtdienā", "ceturtdienās", "ceturtdienu", "ceturtdienām"],
    4: ["piektdiena", "piektdienā", "piektdienās", "piektdienu", "piektdienām"],
    5: ["sestdiena", "sestdienā", "sestdienās", "sestdienu"],
    6: ["svētdiena", "svētdienā", "svētdienās", "svētdienu"],
}
FREQUENCY = {
    "day": ["katru dienu", "ik dienu", "ik dienas", "ikdienā", "katrā dienā", "ikdienas"],
    "week": ["katru nedēļu", "ik nedēļu", "ik nedēļas", "reizi nedēļā", "iknedēļas", "katrā nedēļā"],
    "month": ["katru mēnesi", "ik mēnesi", "reizi mēnesī", "ikmēneša", "katrā mēnesī", "ik mēnesi"],
    "quarter": [
        "katru ceturksni",
        "ik ceturksni",
        "reizi ceturksnī",
        "katrā ceturksnī",
        "ik ceturkšņa",
        "ikceturkšņa",
    ],
    "half": [
        "reizi pusgadā",
        "katru pusgadu",
        "ik pusgadu",
        "divas reizes gadā",
        "katrā pusgadā",
        "ik pusgada",
    ],
    "year": [
        "reizi gadā",
        "katru gadu",
        "ik gadu",
        "ik gadus",
        "ikgadēji",
        "ikgadējs",
        "ikgadējā",
        "katrā gadā",
        "ikgadu",
    ],
}
EVERY_OTHER = {
    "week": ["reizi divās nedēļās", "ik pēc divām nedēļām"],
    "month": ["reizi divos mēnešos"],
    "year": ["reizi divos gados", "ik pēc diviem gadiem"],
}
TIMES = ["reizi", "reizes", "reiz"]
EVERY = ["katru", "katrā", "katra", "katrs", "ik"]
PER = ["gadā", "mēnesī", "nedēļā", "ceturksnī", "pusgadā"]
BY = ["līdz", "ne vēlāk kā", "ne vēlāk", "termiņā līdz", "uz"]
SECTION = ["punkts", "punkta", "apakšpunkts", "sadaļa", "nodaļa", "pasākums"]
LABEL = ["termiņš", "izpildes termiņš", "izpildes laiks", "termiņi", "laiks"]
SCHEDULE = ["plānu", "plānam", "plāns", "plānā", "grafiku", "grafikam", "grafiks", "grafikā"]
NTIMES = {1: ["vienreiz"], 2: ["divreiz"], 3: ["trīsreiz"]}
FROM = ["no", "sākot ar", "sākot no", "kopš"]
TO = ["līdz", "ieskaitot"]
DURING = ["laikā", "gaitā", "periodā", "visā", "visa", "laika posmā", "ietvaros"]
AFTER = ["pēc", "no dienas", "kopš", "pēc tam kad", "pēc tam, kad"]
FOLLOWING = ["nākamā", "nākamajā", "nākamo", "nākamajam", "sekojošā", "sekojošajā"]
REPORTING = ["pārskata", "atskaites"]
REL_YEAR = {
    0: ["šā", "šī", "šajā", "tekošā", "tekošajā", "kārtējā", "kārtējo"],
    1: ["nākamā", "nākamajā", "nākamo", "nākošā", "nākošajā"],
    -1: ["iepriekšējā", "iepriekšējā", "pagājušā", "pagājušajā"],
}
WHOLE = [
    "visā pārskata periodā",
    "pārskata periodā",
    "plāna darbības laikā",
    "visā plāna darbības laikā",
    "plāna darbības periodā",
    "visā plāna periodā",
    "plāna periodā",
    "visā īstenošanas periodā",
    "īstenošanas periodā",
    "visa īstenošanas perioda laikā",
    "visā periodā",
    "visa perioda laikā",
    "visu periodu",
    "visā plānošanas periodā",
]
ACADEMIC = [
    "mācību gadā",
    "mācību gadam",
    "mācību gada",
    "mācību gadā",
    "mācību gads",
    "mācību gadu",
    "m g",
    "māc g",
]
STAGE = ["posms", "posma", "posmā", "kārta", "kārtā", "etaps", "etapā", "fāze", "fāzē"]
ONGOING = [
    "pastāvīgi",
    "regulāri",
    "nepārtraukti",
    "sistemātiski",
    "pastāvīgs",
    "visu laiku",
    "beztermiņa",
    "ilgtermiņā",
    "nepārtraukts",
    "regulārs",
    "pastāvīgā",
]
EVENT = [
    "pēc iespējas ātrāk",
    "iespējami īsākā laikā",
    "noteiktajiem termiņiem",
    "noteiktajā termiņā",
    "normatīvajos aktos noteiktajiem termiņiem",
    "atbilstoši normatīvajos aktos noteiktajiem termiņiem",
    "brīvdienu laikā",
    "saskaņā ar plānu",
    "atbilstoši plānam",
    "saskaņā ar darba plānu",
    "atbilstoši darba plānam",
    "pēc vajadzības",
    "pēc nepieciešamības",
    "ja nepieciešams",
    "nepieciešamības gadījumā",
    "vajadzības gadījumā",
    "atbilstoši grafikam",
    "saskaņā ar grafiku",
    "pēc grafika",
    "noteiktajos termiņos",
    "normatīvajos aktos noteiktajos termiņos",
    "nekavējoties",
    "tiks noteikts",
    "tiks noteikti",
    "nosakāms",
    "tiks precizēts",
    "tiks precizēti",
    "vēlāk",
    "tiks noteikts vēlāk",
    "pēc pieprasījuma",
    "pieprasījuma gadījumā",
    "pēc apstiprināšanas",
    "pēc pieņemšanas",
    "pēc stāšanās spēkā",
    "apkures sezonā",
    "apkures sezonas laikā",
    "pēc finansējuma",
    "ja tiek piešķirts finansējums",
]
FILLER = [
    "termiņš",
    "izpildes",
    "izpilde",
    "izpildei",
    "gada",
    "un",
    "vai",
    "ne",
    "kā",
    "laiks",
    "laikā",
    "uz",
    "par",
    "līdz",
    "pasākuma",
    "ziņojums",
    "ziņojuma",
    "informācija",
    "informāciju",
    "iesniegt",
    "iesniegšana",
    "sniegt",
    "attiecīgi",
    "ieskaitot",
    "datums",
    "periods",
    "perioda",
]
APPROXIMATELY = ["aptuveni", "orientējoši", "ap"]
LIST = ["un", "vai", "kā arī", "pēc tam", "turpmāk"]
THEN = ["turpmāk", "pēc tam", "tālāk"]

# Reporting calendars: "pārskata ceturksnim sekojošā mēneša 15. datumā", "taksācijas gadam
# sekojošā gada 1. marts".
REPORTING += ["taksācijas"]
TAX_PERIOD = ["finanšu", "budžeta", "saimnieciskā"]
PERIOD_WORDS = ["periods", "perioda", "periodam", "periodā", "periodu"]
FOLLOWING += ["sekojošajam", "sekojošo", "nākošā", "nākošajā"]
REL_YEAR[1] = [*REL_YEAR[1], "pēctaksācijas"]
BEFORE_PLAN_END = [
    f"pirms {what} {end}"
    for end in ("beigām", "beigas", "noslēguma")
    for what in ("plāna", "programmas", "perioda", "plāna perioda", "plāna darbības",
                 "plāna darbības termiņa", "stratēģijas", "īstenošanas perioda")
]
# Ordinal days of the month, as written out: "piecpadsmitajam datumam".
_ORD_ENDS = ["ais", "ajam", "ajā", "ā", "o", "ajai", "ās"]
ORDINALS |= {
    n: forms(stem, _ORD_ENDS)
    for n, stem in {
        5: "piekt", 6: "sest", 7: "septīt", 8: "astot", 9: "devīt", 10: "desmit",
        11: "vienpadsmit", 12: "divpadsmit", 13: "trīspadsmit", 14: "četrpadsmit",
        15: "piecpadsmit", 16: "sešpadsmit", 17: "septiņpadsmit", 18: "astoņpadsmit",
        19: "deviņpadsmit", 20: "divdesmit", 30: "trīsdesmit",
    }.items()
}
EVENT += [
    "noteiktajā kārtībā",
    "noteiktā kārtībā",
    "normatīvajos aktos noteiktajā kārtībā",
    "normatīvajos aktos noteiktā kārtībā",
    "likumā noteiktajā kārtībā",
    "noteikto kārtību",
    "normatīvajos aktos noteikto kārtību",
    "saskaņā ar noteikto kārtību",
    "noteiktajai kārtībai",
    "atbilstoši noteiktajai kārtībai",
    "visu apkures sezonu",
    "apkures sezonas",
]
FILLER += ["attiecīgā", "attiecīgajā", "attiecīgo", "pasākumi", "pasākumu"]

# Modifiers the grammar cannot always apply; modifiers.py flags or applies them.
WORKING_DAYS = ["darba", "darbdienu", "darbdienas", "darbdienām", "darbdienās"]
EXCEPT = ["izņemot", "izņēmums"]
BEFORE_LEAD: list[str] = []
BEFORE_TRAIL = ["pirms"]  # "2 nedēļas pirms 1. septembra": the length comes before it
TO_BE_CONFIRMED = ["precizējams", "tiks precizēts", "precizēs"]
