"""Latvian: the words the importer reads documents with (reminder.importers.words).

Stems are lower case and matched at the start of a word unless a table says otherwise.
"""

from __future__ import annotations

# Column meanings of a plan table, found by the words of its header cells. The first meaning
# whose stem matches wins, so more specific meanings come first ("срок исполнения" is a
# deadline, "исполнитель" is the responsible party).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("nr", "p. k", "p.k"),
    "deadline": ("termiņ", "izpildes laiks", "datums"),
    "responsible": ("atbildīg", "izpildītāj"),
    "co_responsible": ("līdzatbildīg", "līdzizpildītāj", "iesaistīt"),
    "result": ("sagaidāmais rezultāts", "rezultāt", "rādītāj"),
    "details": ("uzdevumi", "apraksts"),
    "title": ("pasākum", "rīcīb", "darbīb", "uzdevums"),
}

# Sub-headers naming one end of a deadline under a group header ("Срок" over "начало |
# окончание"): the start column opens the task's window, the end column is its deadline.
# Matched as whole words, case-folded.
DEADLINE_PARTS: dict[str, tuple[str, ...]] = {
    "start": ("sākums", "sākuma", "no"),
    "end": ("beigas", "beigu", "līdz", "pabeigšana"),
}

# Role markers inside a responsibility cell.
PARTNER_MARKERS: tuple[str, ...] = ("(pēc saskaņošanas)", "(pēc vienošanās)", "(ar piekrišanu)")

# "Lead with the involvement of X": what follows the phrase is involved, not a co-executor.
INVOLVED_MARKERS: tuple[str, ...] = ("piesaistot", "iesaistot")

# "X совместно с Y": Y works with the lead as a co-executor.
CO_MARKERS: tuple[str, ...] = ("kopā ar", "sadarbībā ar")

# Plural heads that introduce a list sharing one head and one tail:
# "Департаменти: масових комунікацій, соціального захисту населення облдержадміністрації".
PLURAL_HEADS: dict[str, str] = {
    "ministrijas": "ministrija",
    "departamenti": "departaments",
    "nodaļas": "nodaļa",
}

# Tail words naming the body a department belongs to; in a shared-head list the tail of the
# last item belongs to every item.
OWNER_TAILS: tuple[str, ...] = ("kancelejas", "pašvaldības", "domes", "ministrijas")

# Legal-form words before a quoted name: 'Biedrība "Dienvidlatgales NVO atbalsta centrs"'.
LEGAL_FORMS: tuple[str, ...] = ("biedrība", "nodibinājums", "sia", "as")

# Head nouns of organisations: an actor in prose is a phrase containing one of these.
ORG_WORDS: tuple[str, ...] = (
    "kanceleja",
    "ministrij",
    "nvo",
    "padome",
    "dienest",
    "aģentūr",
    "birojs",
    "pašvaldīb",
    "centrs",
    "biedrīb",
    "departament",
    "inspekcij",
    "sekretariāt",
    "iestād",
    "nodaļ",
    "struktūrvienīb",
)

# People words that belong to an actor phrase after its head: "NVO pārstāvji".
PEOPLE_WORDS: tuple[str, ...] = ("pārstāv", "vadītāj", "darbiniek")

# Dative head nouns of meeting-protocol instructions ("Министерству X ... представить") and
# their nominative form, so the executor is named as the directory names it.
DATIVE_HEADS: dict[str, str] = {
    "ministrijai": "Ministrija",
    "kancelejai": "Kanceleja",
    "padomei": "Padome",
    "dienestam": "Dienests",
    "aģentūrai": "Aģentūra",
    "pašvaldībām": "Pašvaldības",
    "ministrijām": "Ministrijas",
    "nodaļai": "Nodaļa",
    "vadītājiem": "Vadītāji",
    "iestādēm": "Iestādes",
    "institūcijām": "Institūcijas",
    "departamentiem": "Departamenti",
    "nodaļām": "Nodaļas",
}

# Plural dative adjectives before an addressee's head noun, and their nominative ending
# ("Структурним підрозділам" -> "Структурні підрозділи", "районным" -> "районные",
# "atbildīgajām" -> "atbildīgās"). Longest ending first.
DATIVE_ADJECTIVE_ENDINGS: tuple[tuple[str, str], ...] = (("ajām", "ās"), ("ajiem", "ie"))

# Articles before an actor ("The Ministry of ..."), dropped from the name.
ARTICLES: frozenset[str] = frozenset()

# Verbs that open a protocol instruction before its addressee ("Поручить Министерству ...").
INSTRUCTION_VERBS: tuple[str, ...] = ("uzdot", "ieteikt", "lūgt", "aicināt")

# Words that start a phrase naming only a beginning ("No 2016.gada 1.janvāra"): in prose such
# a phrase is a fact, not a commitment.
FROM_WORDS: tuple[str, ...] = ("no", "kopš")

# The document says deadlines/executors will be set later (seed 000): a table without a
# deadline column is then a plan with deadlines "not yet set", not a mistake.
SET_LATER: tuple[str, ...] = ("tiks noteikti", "tiks noteikts", "tiks noteikta", "tiks noteiktas")

# What a number cell may write before the item number ("п. 3", "№ 7", "Nr. 2", "item 4"):
# left out of the task id. Matched case-folded, at the start of the cell.
ITEM_MARKERS: tuple[str, ...] = ("nr.", "punkts")

# Words of a document title that names a plan; the first paragraph with one is the title.
TITLE_WORDS: tuple[str, ...] = (
    "plāns",
    "plāna",
    "programma",
    "kopsavilkums",
    "protokols",
    "rīkojums",
    "pavēle",
)

# Key-value summaries (seed 002): a two-column table whose keys say what the task, its
# performer and its period are.
KV_KEYS: dict[str, tuple[str, ...]] = {
    "task": ("uzdevums", "pasākums"),
    "responsible": ("veicējs", "izpildītājs", "atbildīgais"),
    "period": ("periods", "termiņš"),
    "result": ("rezultāt",),
}

# The country of a plan in this language, unless the head of the document names another.
COUNTRY: str = "LV"

# Country names (stems) that, in the head of a document, say which country the plan is for.
COUNTRY_WORDS: dict[str, str] = {"latvij": "LV", "lietuv": "LT", "eesti": "EE"}

# Letters only this language uses (none: told apart by script alone).
LETTERS: str = "āēīūčģķļņšž"

# Words that belong to a written date after its number ("2024 года", "2017. gadā"): kept when a
# deadline phrase is cut out of a sentence.
YEAR_WORDS: tuple[str, ...] = ("gads", "gada", "gadā", "gadam", "gadu")

# Future-tense markers: a dated sentence that names no body is still a commitment when it says
# something "will be" done ("2017.gada sākumā tiks uzsākta ... izstrāde").
FUTURE_WORDS: tuple[str, ...] = ("tiks", "tiek plānots", "plānots", "būs")

# Letters this language romanises differently from the shared Cyrillic table, for proposed
# ids (reminder.importers.stub).
ROMANISATION: dict[str, str] = {}

# Bodies named by other nouns than ORG_WORDS: a piece of a comma list with one of these (or a
# capital, or an ORG_WORDS head) names an executor of its own; a piece with none continues the
# name before it ("Відділ культури, сім'ї та молоді"). Stems, lower case.
STANDALONE_WORDS: tuple[str, ...] = ("kopien", "skol", "uzņēmum")

# Words that open an order's heading ("Про організацію роботи ...", "О мерах ..."): an
# unnumbered line starting with one, then a lower-case word, is the order's subject, no task.
HEADING_WORDS: tuple[str, ...] = ("par",)

# Singular dative adjectives before an addressee's head, as (dative ending, nominative ending):
# "Комунальному закладу" -> "Комунальний заклад".
DATIVE_ADJECTIVE_SINGULAR: tuple[tuple[str, str], ...] = ()
