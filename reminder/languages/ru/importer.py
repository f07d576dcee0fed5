"""Russian: the words the importer reads documents with (reminder.importers.words).

Stems are lower case and matched at the start of a word unless a table says otherwise.
"""

from __future__ import annotations

# Column meanings of a plan table, found by the words of its header cells. The first meaning
# whose stem matches wins, so more specific meanings come first ("срок исполнения" is a
# deadline, "исполнитель" is the responsible party).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("№", "п/п", "номер"),
    "deadline": ("срок", "сроки", "дата", "период исполнения"),
    "responsible": ("исполнител", "ответственн"),
    "co_responsible": ("соисполнител", "участник"),
    "result": ("ожидаемый результат", "результат", "показател", "индикатор"),
    "details": ("задачи", "содержание"),
    "title": ("наименование", "мероприят", "меры", "действ", "задача", "поручени"),
}

# Sub-headers naming one end of a deadline under a group header ("Срок" over "начало |
# окончание"): the start column opens the task's window, the end column is its deadline.
# Matched as whole words, case-folded.
DEADLINE_PARTS: dict[str, tuple[str, ...]] = {
    "start": ("начало", "начала", "с", "от"),
    "end": ("окончание", "окончания", "завершение", "по", "до"),
}

# Role markers inside a responsibility cell.
PARTNER_MARKERS: tuple[str, ...] = ("(по согласованию)", "(по согласованию с ними)", "(при согласовании)")

# "Lead with the involvement of X": what follows the phrase is involved, not a co-executor.
INVOLVED_MARKERS: tuple[str, ...] = ("с привлечением", "при участии", "с участием")

# "X совместно с Y": Y works with the lead as a co-executor.
CO_MARKERS: tuple[str, ...] = ("совместно с", "совместно со")

# Plural heads that introduce a list sharing one head and one tail:
# "Департаменти: масових комунікацій, соціального захисту населення облдержадміністрації".
PLURAL_HEADS: dict[str, str] = {
    "департаменты": "Департамент",
    "министерства": "Министерство",
    "управления": "Управление",
    "комитеты": "Комитет",
    "отделы": "Отдел",
    "службы": "Служба",
}

# Tail words naming the body a department belongs to; in a shared-head list the tail of the
# last item belongs to every item.
OWNER_TAILS: tuple[str, ...] = ("администрации", "области", "края", "республики", "правительства")

# Legal-form words before a quoted name: 'Biedrība "Dienvidlatgales NVO atbalsta centrs"'.
LEGAL_FORMS: tuple[str, ...] = (
    "автономная некоммерческая организация",
    "ано",
    "общественная организация",
    "фонд",
    "ооо",
    "гбу",
)

# Head nouns of organisations: an actor in prose is a phrase containing one of these.
ORG_WORDS: tuple[str, ...] = (
    "орган",
    "министерств",
    "комитет",
    "департамент",
    "управлени",
    "администрац",
    "правительств",
    "служб",
    "агентств",
    "палат",
    "нко",
    "фонд",
    "центр",
    "совет",
    "инспекци",
    "аппарат",
    "отдел",
    "подразделени",
    "учрежден",
)

# People words that belong to an actor phrase after its head: "NVO pārstāvji".
PEOPLE_WORDS: tuple[str, ...] = ("представител", "руководител", "сотрудник")

# Dative head nouns of meeting-protocol instructions ("Министерству X ... представить") and
# their nominative form, so the executor is named as the directory names it.
DATIVE_HEADS: dict[str, str] = {
    "учреждению": "Учреждение",
    "министерству": "Министерство",
    "комитету": "Комитет",
    "департаменту": "Департамент",
    "управлению": "Управление",
    "администрации": "Администрация",
    "правительству": "Правительство",
    "агентству": "Агентство",
    "службе": "Служба",
    "аппарату": "Аппарат",
    "фонду": "Фонд",
    "центру": "Центр",
    "органам": "Органы",
    "министерствам": "Министерства",
    "комитетам": "Комитеты",
    "отделу": "Отдел",
    "руководителям": "Руководители",
    "начальникам": "Начальники",
    "главам": "Главы",
    "подразделениям": "Подразделения",
    "учреждениям": "Учреждения",
    "организациям": "Организации",
    "управлениям": "Управления",
    "отделам": "Отделы",
}

# Plural dative adjectives before an addressee's head noun, and their nominative ending
# ("Структурним підрозділам" -> "Структурні підрозділи", "районным" -> "районные",
# "atbildīgajām" -> "atbildīgās"). Longest ending first.
DATIVE_ADJECTIVE_ENDINGS: tuple[tuple[str, str], ...] = (("ским", "ские"), ("ным", "ные"), ("ьным", "ьные"))

# Articles before an actor ("The Ministry of ..."), dropped from the name.
ARTICLES: frozenset[str] = frozenset()

# Verbs that open a protocol instruction before its addressee ("Поручить Министерству ...").
INSTRUCTION_VERBS: tuple[str, ...] = ("поручить", "рекомендовать", "предложить", "обязать", "просить")

# Words that start a phrase naming only a beginning ("No 2016.gada 1.janvāra"): in prose such
# a phrase is a fact, not a commitment.
FROM_WORDS: tuple[str, ...] = ("с", "со", "от", "начиная")

# The document says deadlines/executors will be set later (seed 000): a table without a
# deadline column is then a plan with deadlines "not yet set", not a mistake.
SET_LATER: tuple[str, ...] = (
    "будут определены",
    "будет определен",
    "будут установлены",
    "определяются дополнительно",
)

# What a number cell may write before the item number ("п. 3", "№ 7", "Nr. 2", "item 4"):
# left out of the task id. Matched case-folded, at the start of the cell.
ITEM_MARKERS: tuple[str, ...] = ("№", "п.", "пп.", "пункт")

# Words of a document title that names a plan; the first paragraph with one is the title.
TITLE_WORDS: tuple[str, ...] = (
    "план",
    "дорожная карта",
    "программа",
    "протокол",
    "перечень мероприятий",
    "приказ",
    "распоряжение",
)

# Key-value summaries (seed 002): a two-column table whose keys say what the task, its
# performer and its period are.
KV_KEYS: dict[str, tuple[str, ...]] = {
    "task": ("задача", "поручение", "мероприятие"),
    "responsible": ("исполнитель", "ответственный"),
    "period": ("период", "срок"),
    "result": ("результат",),
}

# The country of a plan in this language, unless the head of the document names another.
COUNTRY: str = "RU"

# Country names (stems) that, in the head of a document, say which country the plan is for.
COUNTRY_WORDS: dict[str, str] = {
    "беларус": "BY",
    "белорус": "BY",
    "казахстан": "KZ",
    "кыргыз": "KG",
    "киргиз": "KG",
    "узбекистан": "UZ",
    "армени": "AM",
    "молдов": "MD",
    "украин": "UA",
}

# Letters only this language uses (none: told apart by script alone).
LETTERS: str = "ыэъё"

# Words that belong to a written date after its number ("2024 года", "2017. gadā"): kept when a
# deadline phrase is cut out of a sentence.
YEAR_WORDS: tuple[str, ...] = ("год", "года", "году", "годы", "годов", "гг")

# Future-tense markers: a dated sentence that names no body is still a commitment when it says
# something "will be" done ("2017.gada sākumā tiks uzsākta ... izstrāde").
FUTURE_WORDS: tuple[str, ...] = ("будет", "будут", "планируется", "предстоит")

# Letters this language romanises differently from the shared Cyrillic table, for proposed
# ids (reminder.importers.stub).
ROMANISATION: dict[str, str] = {}

# Bodies named by other nouns than ORG_WORDS: a piece of a comma list with one of these (or a
# capital, or an ORG_WORDS head) names an executor of its own; a piece with none continues the
# name before it ("Відділ культури, сім'ї та молоді"). Stems, lower case.
STANDALONE_WORDS: tuple[str, ...] = (
    "общин", "школ", "гимнази", "лице", "университет", "предприяти", "объединени")

# Words that open an order's heading ("Про організацію роботи ...", "О мерах ..."): an
# unnumbered line starting with one, then a lower-case word, is the order's subject, no task.
HEADING_WORDS: tuple[str, ...] = ("о", "об")

# Singular dative adjectives before an addressee's head, as (dative ending, nominative ending):
# "Комунальному закладу" -> "Комунальний заклад".
DATIVE_ADJECTIVE_SINGULAR: tuple[tuple[str, str], ...] = ()
