"""English: the words the importer reads documents with (reminder.importers.words).

Stems are lower case and matched at the start of a word unless a table says otherwise.
"""

from __future__ import annotations

# Column meanings of a plan table, found by the words of its header cells. The first meaning
# whose stem matches wins, so more specific meanings come first ("срок исполнения" is a
# deadline, "исполнитель" is the responsible party).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("no", "no.", "#", "number", "item"),
    "deadline": ("deadline", "due", "timeline", "timeframe", "date", "when", "period"),
    "responsible": ("responsib", "executor", "lead", "owner", "implementer", "who"),
    "co_responsible": ("co-responsib", "supporting", "partners", "contributing", "co-executor"),
    "result": ("expected result", "result", "outcome", "output", "indicator"),
    "details": ("tasks", "description", "details"),
    "title": ("measure", "action", "activity", "task", "title", "name"),
}

# Sub-headers naming one end of a deadline under a group header ("Срок" over "начало |
# окончание"): the start column opens the task's window, the end column is its deadline.
# Matched as whole words, case-folded.
DEADLINE_PARTS: dict[str, tuple[str, ...]] = {
    "start": ("start", "begin", "from"),
    "end": ("end", "finish", "to", "until"),
}

# Role markers inside a responsibility cell.
PARTNER_MARKERS: tuple[str, ...] = (
    "(by agreement)",
    "(upon agreement)",
    "(if agreed)",
    "(subject to agreement)",
)

# "Lead with the involvement of X": what follows the phrase is involved, not a co-executor.
INVOLVED_MARKERS: tuple[str, ...] = ("with the involvement of", "involving", "with the participation of")

# "X совместно с Y": Y works with the lead as a co-executor.
CO_MARKERS: tuple[str, ...] = ("together with", "jointly with", "in cooperation with")

# Plural heads that introduce a list sharing one head and one tail:
# "Департаменти: масових комунікацій, соціального захисту населення облдержадміністрації".
PLURAL_HEADS: dict[str, str] = {"departments": "Department", "ministries": "Ministry of", "offices": "Office"}

# Tail words naming the body a department belongs to; in a shared-head list the tail of the
# last item belongs to every item.
OWNER_TAILS: tuple[str, ...] = ("administration", "council", "government")

# Legal-form words before a quoted name: 'Biedrība "Dienvidlatgales NVO atbalsta centrs"'.
LEGAL_FORMS: tuple[str, ...] = ("association", "foundation", "ngo")

# Head nouns of organisations: an actor in prose is a phrase containing one of these.
ORG_WORDS: tuple[str, ...] = (
    "ministry",
    "department",
    "office",
    "agency",
    "committee",
    "council",
    "secretariat",
    "ngo",
    "government",
    "authority",
    "service",
    "unit",
    "division",
)

# People words that belong to an actor phrase after its head: "NVO pārstāvji".
PEOPLE_WORDS: tuple[str, ...] = ("representative", "staff", "officials")

# Dative head nouns of meeting-protocol instructions ("Министерству X ... представить") and
# their nominative form, so the executor is named as the directory names it.
DATIVE_HEADS: dict[str, str] = {"heads": "Heads", "ministries": "Ministries", "departments": "Departments"}

# Plural dative adjectives before an addressee's head noun, and their nominative ending
# ("Структурним підрозділам" -> "Структурні підрозділи", "районным" -> "районные",
# "atbildīgajām" -> "atbildīgās"). Longest ending first.
DATIVE_ADJECTIVE_ENDINGS: tuple[tuple[str, str], ...] = ()

# Articles before an actor ("The Ministry of ..."), dropped from the name.
ARTICLES: frozenset[str] = frozenset({"a", "an", "the"})

# Verbs that open a protocol instruction before its addressee ("Поручить Министерству ...").
INSTRUCTION_VERBS: tuple[str, ...] = ("instruct", "request", "recommend", "ask")

# Words that start a phrase naming only a beginning ("No 2016.gada 1.janvāra"): in prose such
# a phrase is a fact, not a commitment.
FROM_WORDS: tuple[str, ...] = ("from", "since", "starting")

# The document says deadlines/executors will be set later (seed 000): a table without a
# deadline column is then a plan with deadlines "not yet set", not a mistake.
SET_LATER: tuple[str, ...] = ("to be determined", "will be set", "to be set", "will be determined", "tbd")

# What a number cell may write before the item number ("п. 3", "№ 7", "Nr. 2", "item 4"):
# left out of the task id. Matched case-folded, at the start of the cell.
ITEM_MARKERS: tuple[str, ...] = ("#", "no.", "item")

# Words of a document title that names a plan; the first paragraph with one is the title.
TITLE_WORDS: tuple[str, ...] = ("plan", "roadmap", "programme", "program", "minutes", "summary", "order")

# Key-value summaries (seed 002): a two-column table whose keys say what the task, its
# performer and its period are.
KV_KEYS: dict[str, tuple[str, ...]] = {
    "task": ("task", "assignment", "measure"),
    "responsible": ("performer", "executor", "responsible", "contractor"),
    "period": ("period", "deadline", "term"),
    "result": ("result", "outcome"),
}

# The country of a plan in this language, unless the head of the document names another.
COUNTRY: str = "GB"

# Country names (stems) that, in the head of a document, say which country the plan is for.
COUNTRY_WORDS: dict[str, str] = {"estoni": "EE", "lithuani": "LT"}

# Letters only this language uses (none: told apart by script alone).
LETTERS: str = ""

# Words that belong to a written date after its number ("2024 года", "2017. gadā"): kept when a
# deadline phrase is cut out of a sentence.
YEAR_WORDS: tuple[str, ...] = ("year", "years")

# Future-tense markers: a dated sentence that names no body is still a commitment when it says
# something "will be" done ("2017.gada sākumā tiks uzsākta ... izstrāde").
FUTURE_WORDS: tuple[str, ...] = ("will", "shall", "is planned", "are planned")

# Letters this language romanises differently from the shared Cyrillic table, for proposed
# ids (reminder.importers.stub).
ROMANISATION: dict[str, str] = {}

# Bodies named by other nouns than ORG_WORDS: a piece of a comma list with one of these (or a
# capital, or an ORG_WORDS head) names an executor of its own; a piece with none continues the
# name before it ("Відділ культури, сім'ї та молоді"). Stems, lower case.
STANDALONE_WORDS: tuple[str, ...] = ("communit", "school", "universit", "enterprise", "partner")

# Words that open an order's heading ("Про організацію роботи ...", "О мерах ..."): an
# unnumbered line starting with one, then a lower-case word, is the order's subject, no task.
HEADING_WORDS: tuple[str, ...] = ("on", "about", "regarding")

# Singular dative adjectives before an addressee's head, as (dative ending, nominative ending):
# "Комунальному закладу" -> "Комунальний заклад".
DATIVE_ADJECTIVE_SINGULAR: tuple[tuple[str, str], ...] = ()
