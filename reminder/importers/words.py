"""Word tables the importer reads documents with, one entry per language (ru, uk, lv, en).

Everything language-specific lives here as data: the code that uses it never branches on a
language. Entries are lower-case stems matched at the start of a word unless noted; add a
language by adding its words to each table.
"""

from __future__ import annotations

# Column meanings of a plan table, found by the words of its header cells. The first meaning
# whose stem matches wins, so more specific meanings come first ("срок исполнения" is a
# deadline, "исполнитель" is the responsible party).
HEADER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "number": {
        "ru": ("№", "п/п", "номер"),
        "uk": ("№", "з/п", "номер"),
        "lv": ("nr", "p. k", "p.k"),
        "en": ("no", "no.", "#", "number", "item"),
    },
    "deadline": {
        "ru": ("срок", "сроки", "дата", "период исполнения"),
        "uk": ("строк", "термін", "дата"),
        "lv": ("termiņ", "izpildes laiks", "datums"),
        "en": ("deadline", "due", "timeline", "timeframe", "date", "when", "period"),
    },
    "responsible": {
        "ru": ("исполнител", "ответственн"),
        "uk": ("відповідальн", "виконавц", "виконавец"),
        "lv": ("atbildīg", "izpildītāj"),
        "en": ("responsib", "executor", "lead", "owner", "implementer", "who"),
    },
    # A second responsibility column: its names are co-executors of the first column's lead.
    "co_responsible": {
        "ru": ("соисполнител", "участник"),
        "uk": ("співвиконавц", "учасник"),
        "lv": ("līdzatbildīg", "līdzizpildītāj", "iesaistīt"),
        "en": ("co-responsib", "supporting", "partners", "contributing", "co-executor"),
    },
    "result": {
        "ru": ("ожидаемый результат", "результат", "показател", "индикатор"),
        "uk": ("очікуваний результат", "результат", "показник", "індикатор"),
        "lv": ("sagaidāmais rezultāts", "rezultāt", "rādītāj"),
        "en": ("expected result", "result", "outcome", "output", "indicator"),
    },
    "details": {
        "ru": ("задачи", "содержание"),
        "uk": ("завдання", "зміст"),
        "lv": ("uzdevumi", "apraksts"),
        "en": ("tasks", "description", "details"),
    },
    "title": {
        "ru": ("наименование", "мероприят", "меры", "действ", "задача", "поручени"),
        "uk": ("найменування", "захід", "заход", "дії", "доручення"),
        "lv": ("pasākum", "rīcīb", "darbīb", "uzdevums"),
        "en": ("measure", "action", "activity", "task", "title", "name"),
    },
}

# Sub-headers naming one end of a deadline under a group header ("Срок" over "начало |
# окончание"): the start column opens the task's window, the end column is its deadline.
# Matched as whole words, case-folded.
DEADLINE_PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "start": {
        "ru": ("начало", "начала", "с", "от"),
        "uk": ("початок", "початку", "з", "від"),
        "lv": ("sākums", "sākuma", "no"),
        "en": ("start", "begin", "from"),
    },
    "end": {
        "ru": ("окончание", "окончания", "завершение", "по", "до"),
        "uk": ("закінчення", "завершення", "по", "до"),
        "lv": ("beigas", "beigu", "līdz", "pabeigšana"),
        "en": ("end", "finish", "to", "until"),
    },
}

# Role markers inside a responsibility cell.
PARTNER_MARKERS: tuple[str, ...] = (
    "(за згодою)", "(за погодженням)",  # uk
    "(по согласованию)", "(по согласованию с ними)", "(при согласовании)",  # ru
    "(pēc saskaņošanas)", "(pēc vienošanās)", "(ar piekrišanu)",  # lv
    "(by agreement)", "(upon agreement)", "(if agreed)", "(subject to agreement)",  # en
)
# "Lead with the involvement of X": what follows the phrase is involved, not a co-executor.
INVOLVED_MARKERS: tuple[str, ...] = (
    "с привлечением", "при участии", "с участием",  # ru
    "із залученням", "з залученням", "за участю", "за участі",  # uk
    "piesaistot", "iesaistot",  # lv
    "with the involvement of", "involving", "with the participation of",  # en
)

# Plural heads that introduce a list sharing one head and one tail:
# "Департаменти: масових комунікацій, соціального захисту населення облдержадміністрації".
PLURAL_HEADS: dict[str, str] = {
    "департаменти": "Департамент", "управління": "Управління", "міністерства": "Міністерство",
    "відділи": "Відділ", "комітети": "Комітет", "служби": "Служба",
    "департаменты": "Департамент", "министерства": "Министерство", "управления": "Управление",
    "комитеты": "Комитет", "отделы": "Отдел", "службы": "Служба",
    "ministrijas": "ministrija", "departamenti": "departaments", "nodaļas": "nodaļa",
    "departments": "Department", "ministries": "Ministry of", "offices": "Office",
}

# Tail words naming the body a department belongs to; in a shared-head list the tail of the
# last item belongs to every item.
OWNER_TAILS: tuple[str, ...] = (
    "облдержадміністрації", "райдержадміністрації", "держадміністрації", "адміністрації",
    "області", "ради",
    "администрации", "области", "края", "республики", "правительства",
    "kancelejas", "pašvaldības", "domes", "ministrijas",
    "administration", "council", "government",
)

# Legal-form words before a quoted name: 'Biedrība "Dienvidlatgales NVO atbalsta centrs"'.
LEGAL_FORMS: tuple[str, ...] = (
    "biedrība", "nodibinājums", "sia", "as",
    "автономная некоммерческая организация", "ано", "общественная организация", "фонд",
    "ооо", "гбу", "громадська організація", "го", "благодійний фонд", "благодійна організація",
    "association", "foundation", "ngo",
)

# Head nouns of organisations: an actor in prose is a phrase containing one of these.
ORG_WORDS: tuple[str, ...] = (
    "орган", "министерств", "комитет", "департамент", "управлени", "администрац", "правительств",
    "служб", "агентств", "палат", "нко", "фонд", "центр", "совет", "инспекци", "аппарат",
    "міністерств", "департамент", "управлінн", "адміністрац", "уряд", "служб", "агентств",
    "рада", "ради", "центр", "ігс", "виконком", "секретаріат",
    "kanceleja", "ministrij", "nvo", "padome", "dienest", "aģentūr", "birojs", "pašvaldīb",
    "centrs", "biedrīb", "departament", "inspekcij", "sekretariāt", "iestād",
    "ministry", "department", "office", "agency", "committee", "council", "secretariat",
    "ngo", "government", "authority", "service",
    # units an order addresses ("Відділу документообігу до 15 лютого ... підготувати")
    "отдел", "подразделени", "учрежден", "відділ", "підрозділ", "установ", "заклад",
    "nodaļ", "struktūrvienīb", "unit", "division",
)
# Bodies named by other nouns than ORG_WORDS: a piece of a comma list with one of these (or a
# capital, or an ORG_WORDS head) names an executor of its own; a piece with none continues
# the name before it ("Відділ культури, сім'ї та молоді"). Stems, lower case.
STANDALONE_WORDS: tuple[str, ...] = (
    "громад", "общин", "школ", "гимнази", "лице", "университет", "предприяти", "объединени",
    "гімназі", "ліце", "університет", "підприємств", "об'єднан", "об’єднан",
    "kopien", "skol", "uzņēmum",
    "communit", "school", "universit", "enterprise", "partner",
)
# People words that belong to an actor phrase after its head: "NVO pārstāvji".
PEOPLE_WORDS: tuple[str, ...] = (
    "представител", "руководител", "сотрудник", "представник", "керівник", "працівник",
    "pārstāv", "vadītāj", "darbiniek", "representative", "staff", "officials",
)

# Dative head nouns of meeting-protocol instructions ("Министерству X ... представить") and
# their nominative form, so the executor is named as the directory names it.
DATIVE_HEADS: dict[str, str] = {
    "министерству": "Министерство", "комитету": "Комитет", "департаменту": "Департамент",
    "управлению": "Управление", "администрации": "Администрация",
    "правительству": "Правительство", "агентству": "Агентство", "службе": "Служба",
    "аппарату": "Аппарат", "фонду": "Фонд", "центру": "Центр",
    "міністерству": "Міністерство", "управлінню": "Управління", "адміністрації": "Адміністрація",
    "комітету": "Комітет", "службі": "Служба",
    "органам": "Органы", "министерствам": "Министерства", "комитетам": "Комитеты",
    "ministrijai": "Ministrija", "kancelejai": "Kanceleja", "padomei": "Padome",
    "dienestam": "Dienests", "aģentūrai": "Aģentūra", "pašvaldībām": "Pašvaldības",
    "ministrijām": "Ministrijas", "nodaļai": "Nodaļa",
    "отделу": "Отдел", "відділу": "Відділ",
    "закладу": "Заклад", "установі": "Установа", "учреждению": "Учреждение",
    # addressees of an order's item ("1. Керівникам структурних підрозділів:")
    "руководителям": "Руководители", "начальникам": "Начальники", "главам": "Главы",
    "подразделениям": "Подразделения", "учреждениям": "Учреждения",
    "организациям": "Организации", "управлениям": "Управления", "отделам": "Отделы",
    "керівникам": "Керівники", "головам": "Голови",  # "начальникам": as in Russian
    "підрозділам": "Підрозділи", "установам": "Установи", "закладам": "Заклади",
    "управлінням": "Управління", "відділам": "Відділи", "департаментам": "Департаменти",
    "vadītājiem": "Vadītāji", "iestādēm": "Iestādes", "institūcijām": "Institūcijas",
    "departamentiem": "Departamenti", "nodaļām": "Nodaļas",
    "heads": "Heads", "ministries": "Ministries", "departments": "Departments",
}

# Plural dative adjectives before an addressee's head noun, and their nominative ending
# ("Структурним підрозділам" -> "Структурні підрозділи", "районным" -> "районные",
# "atbildīgajām" -> "atbildīgās"). Longest ending first.
DATIVE_ADJECTIVE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ским", "ские"), ("ным", "ные"), ("ьным", "ьные"),  # ru
    ("ським", "ські"), ("ним", "ні"), ("овим", "ові"),  # uk
    ("ajām", "ās"), ("ajiem", "ie"),  # lv
)

# Singular dative adjectives before an addressee's masculine/feminine head, by language (the
# ending alone does not tell ru from uk): "Комунальному закладу" -> "Комунальний заклад".
DATIVE_ADJECTIVE_SINGULAR: dict[str, tuple[tuple[str, str], ...]] = {
    "uk": (("ому", "ий"), ("ій", "а")),
}

# Words that open an order's heading ("Про організацію роботи ...", "О мерах ...", "Par
# ..."): an unnumbered line starting with one, then a lower-case word, names the order's
# subject and is no task even when it names a year.
HEADING_WORDS: tuple[str, ...] = ("о", "об", "про", "par", "on", "about", "regarding")

# Articles before an actor ("The Ministry of ..."), dropped from the name.
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

# Words that start a phrase naming only a beginning ("No 2016.gada 1.janvāra"): in prose such
# a phrase is a fact, not a commitment.
FROM_WORDS: tuple[str, ...] = (
    "с", "со", "от", "начиная", "з", "із", "від", "починаючи", "no", "kopš",
    "from", "since", "starting",
)

# The document says deadlines/executors will be set later (seed 000): a table without a
# deadline column is then a plan with deadlines "not yet set", not a mistake.
SET_LATER: tuple[str, ...] = (
    "будут определены", "будет определен", "будут установлены", "определяются дополнительно",
    "будуть визначені", "буде визначено", "визначаються додатково", "будуть встановлені",
    "tiks noteikti", "tiks noteikts", "tiks noteikta", "tiks noteiktas",
    "to be determined", "will be set", "to be set", "will be determined", "tbd",
)

# What a number cell may write before the item number ("п. 3", "№ 7", "Nr. 2", "item 4"):
# left out of the task id. Matched case-folded, at the start of the cell.
ITEM_MARKERS: tuple[str, ...] = (
    "№", "#", "п.", "пп.", "пункт", "nr.", "no.", "punkts", "item",
)

# Words of a document title that names a plan; the first paragraph with one is the title.
TITLE_WORDS: tuple[str, ...] = (
    "план", "дорожная карта", "программа", "протокол", "перечень мероприятий", "приказ",
    "распоряжение", "програма", "перелік заходів", "наказ", "розпорядження",
    "plāns", "plāna", "programma", "kopsavilkums", "protokols", "rīkojums", "pavēle",
    "plan", "roadmap", "programme", "program", "minutes", "summary", "order",
)

# Key-value summaries (seed 002): a two-column table whose keys say what the task, its
# performer and its period are.
KV_KEYS: dict[str, tuple[str, ...]] = {
    "task": ("задача", "поручение", "мероприятие", "завдання", "доручення", "захід",
             "uzdevums", "pasākums", "task", "assignment", "measure"),
    "responsible": ("исполнитель", "ответственный", "виконавець", "відповідальний",
                    "veicējs", "izpildītājs", "atbildīgais", "performer", "executor",
                    "responsible", "contractor"),
    "period": ("период", "срок", "період", "строк", "термін", "periods", "termiņš",
               "period", "deadline", "term"),
    "result": ("результат", "rezultāt", "result", "outcome"),
}

# Country of a plan by language, unless the head of the document names another country.
COUNTRY_BY_LANG: dict[str, str] = {"ru": "RU", "uk": "UA", "lv": "LV", "en": "GB"}
COUNTRY_WORDS: dict[str, str] = {
    "беларус": "BY", "белорус": "BY", "казахстан": "KZ", "кыргыз": "KG", "киргиз": "KG",
    "узбекистан": "UZ", "армени": "AM", "молдов": "MD", "україн": "UA", "украин": "UA",
    "latvij": "LV", "lietuv": "LT", "eesti": "EE", "estoni": "EE", "lithuani": "LT",
}

# Letters that tell the languages apart (Ukrainian і ї є ґ, Russian ы э ъ ё, Latvian macrons).
LANG_LETTERS: dict[str, str] = {
    "uk": "іїєґ",
    "ru": "ыэъё",
    "lv": "āēīūčģķļņšž",
}

# "X совместно с Y": Y works with the lead as a co-executor.
CO_MARKERS: tuple[str, ...] = (
    "совместно с", "совместно со", "спільно з", "разом з", "kopā ar", "sadarbībā ar",
    "together with", "jointly with", "in cooperation with",
)

# Verbs that open a protocol instruction before its addressee ("Поручить Министерству ...").
INSTRUCTION_VERBS: tuple[str, ...] = (
    "поручить", "рекомендовать", "предложить", "обязать", "просить",
    "доручити", "рекомендувати", "запропонувати", "зобов'язати",
    "uzdot", "ieteikt", "lūgt", "aicināt",
    "instruct", "request", "recommend", "ask",
)

# Words that belong to a written date after its number ("2024 года", "2017. gadā"): kept when a
# deadline phrase is cut out of a sentence.
YEAR_WORDS: tuple[str, ...] = (
    "год", "года", "году", "годы", "годов", "гг", "рік", "року", "роки", "років",
    "gads", "gada", "gadā", "gadam", "gadu", "year", "years",
)

# Future-tense markers: a dated sentence that names no body is still a commitment when it says
# something "will be" done ("2017.gada sākumā tiks uzsākta ... izstrāde").
FUTURE_WORDS: tuple[str, ...] = (
    "будет", "будут", "планируется", "предстоит",
    "буде", "будуть", "планується", "заплановано",
    "tiks", "tiek plānots", "plānots", "būs",
    "will", "shall", "is planned", "are planned",
)
