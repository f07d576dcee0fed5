"""English."""

LANG = "en"

MONTHS = {
    1: ["january", "jan"],
    2: ["february", "feb"],
    3: ["march", "mar"],
    4: ["april", "apr"],
    5: ["may"],
    6: ["june", "jun"],
    7: ["july", "jul"],
    8: ["august", "aug"],
    9: ["september", "sep", "sept"],
    10: ["october", "oct"],
    11: ["november", "nov"],
    12: ["december", "dec"],
}
UNIT_LETTERS = {"quarter": ["q"], "half": ["h"]}  # "Q3 2025", "H1", "1H 2026"
QUARTER = ["quarter", "quarters", "qtr", "qtrs"]
HALF = ["half", "halves", "half-year", "semester", "semesters"]
DECADE = ["decade", "dekad", "ten days", "ten-day period", "10 days"]
YEAR = ["year", "years", "yr", "yrs", "fy"]
MONTH_UNIT = ["month", "months", "mo", "mos"]
WEEK_UNIT = ["week", "weeks", "wk", "wks"]
DAY_UNIT = ["day", "days"]
HOUR_UNIT = ["hour", "hours", "hrs", "h"]
WORKING = ["working", "business", "calendar", "work"]
DAY_OF_MONTH = ["day of the month", "day of month", "day of each month", "of the month"]
ORDINALS = {
    1: ["first", "1st"],
    2: ["second", "2nd"],
    3: ["third", "3rd"],
    4: ["fourth", "4th"],
    -1: ["last"],
}
NUMBERS = {
    1: ["one", "once", "a", "an", "single"],
    2: ["two", "twice"],
    3: ["three", "thrice"],
    4: ["four"],
    5: ["five"],
    6: ["six"],
    10: ["ten"],
    12: ["twelve"],
    14: ["fourteen"],
    15: ["fifteen"],
    30: ["thirty"],
}
DURATION_WORDS: dict[tuple[int, str], list[str]] = {}
APPROX = {
    "begin": ["beginning", "start", "early", "begin"],
    "middle": ["middle", "mid"],
    "end": ["end", "late", "close"],
}
SEASONS = {
    "spring": ["spring"],
    "summer": ["summer"],
    "autumn": ["autumn", "fall"],
    "winter": ["winter"],
}
WEEKDAYS = {
    0: ["monday", "mondays", "mon"],
    1: ["tuesday", "tuesdays", "tue", "tues"],
    2: ["wednesday", "wednesdays", "wed"],
    3: ["thursday", "thursdays", "thu", "thurs"],
    4: ["friday", "fridays", "fri"],
    5: ["saturday", "saturdays", "sat"],
    6: ["sunday", "sundays", "sun"],
}
FREQUENCY = {
    "day": ["daily", "every day", "each day"],
    "week": ["weekly", "every week", "each week"],
    "month": ["monthly", "every month", "each month"],
    "quarter": ["quarterly", "every quarter", "each quarter"],
    "half": [
        "semi-annually",
        "semiannually",
        "biannually",
        "half-yearly",
        "every six months",
        "every 6 months",
        "twice a year",
        "twice yearly",
        "bi-annually",
    ],
    "year": ["annually", "yearly", "every year", "each year", "annual"],
}
EVERY_OTHER = {
    "week": ["fortnightly", "bi-weekly", "biweekly", "every other week", "every second week"],
    "month": ["every other month", "every second month"],
    "year": ["biennially", "biennial", "every other year", "every second year"],
}
TIMES = ["times", "time"]
EVERY = ["every", "each"]
PER = ["a", "per", "an", "each", "every"]
SECTION = ["section", "item", "para", "paragraph", "clause", "action", "activity", "measure"]
LABEL = [
    "deadline",
    "due date",
    "timeline",
    "timeframe",
    "time frame",
    "target date",
    "completion date",
    "deadlines",
    "timing",
]
SCHEDULE = ["plan", "workplan", "work plan", "schedule", "timetable", "calendar"]
NTIMES = {1: ["once"], 2: ["twice"], 3: ["thrice"]}
BY = [
    "by",
    "before",
    "until",
    "till",
    "no later than",
    "not later than",
    "due",
    "due by",
    "on or before",
    "as of",
]
FROM = ["from", "starting", "starting from", "beginning", "since", "between"]
TO = ["to", "until", "till", "through", "thru", "and"]
DURING = ["during", "throughout", "within", "over", "in the course of", "in"]
AFTER = ["after", "following", "upon", "from the date", "of the date", "from", "once"]
FOLLOWING = ["following", "after", "next", "the following", "the next"]
REPORTING: list[str] = []
REL_YEAR = {
    0: ["this", "current", "the current"],
    1: ["next", "following", "the following", "the next"],
    -1: ["last", "previous", "the previous"],
}
WHOLE = [
    "entire plan period",
    "plan period",
    "the plan period",
    "project period",
    "throughout the project period",
    "the project period",
    "whole plan period",
    "throughout the implementation period",
    "implementation period",
    "during the implementation period",
    "for the duration of the project",
    "project duration",
    "life of the project",
    "throughout the period",
    "whole period",
    "entire period",
    "the whole period",
    "the entire period",
    "full period",
    "throughout the plan period",
]
ACADEMIC = ["academic year", "school year", "academic", "school", "ay"]
STAGE = ["stage", "phase", "step", "tranche"]
ONGOING = [
    "systematic",
    "regular",
    "without interruption",
    "throughout the project",
    "ongoing throughout the project",
    "ongoing",
    "continuous",
    "continuously",
    "permanent",
    "permanently",
    "regularly",
    "on an ongoing basis",
    "on a regular basis",
    "systematically",
    "constantly",
    "on a continuous basis",
    "continual",
    "continually",
]
EVENT = [
    "without delay",
    "promptly",
    "forthwith",
    "to be set",
    "to be set later",
    "to be agreed",
    "to be decided",
    "to be fixed",
    "to be scheduled",
    "date to be set",
    "as soon as practicable",
    "at the earliest opportunity",
    "in due course",
    "within the statutory deadlines",
    "during the holidays",
    "during school holidays",
    "according to the plan",
    "per the work plan",
    "according to the work plan",
    "in line with the work plan",
    "per the plan",
    "as needed",
    "as necessary",
    "when needed",
    "if needed",
    "as required",
    "when required",
    "if necessary",
    "on demand",
    "on request",
    "upon request",
    "per the agency schedule",
    "according to schedule",
    "as scheduled",
    "per schedule",
    "according to the schedule",
    "immediately",
    "as soon as possible",
    "asap",
    "tbd",
    "to be determined",
    "tba",
    "to be announced",
    "to be confirmed",
    "tbc",
    "within the established deadlines",
    "as appropriate",
    "when available",
    "upon completion",
    "after adoption",
    "after approval",
    "upon approval",
    "upon adoption",
    "during the heating season",
    "when funding is available",
    "subject to funding",
    "as and when",
]
FILLER = [
    "the",
    "of",
    "in",
    "on",
    "at",
    "deadline",
    "date",
    "due",
    "for",
    "and",
    "or",
    "a",
    "an",
    "no",
    "not",
    "than",
    "later",
    "period",
    "inclusive",
    "report",
    "reporting",
    "submission",
    "submit",
    "approximately",
    "about",
    "around",
    "cy",
    "calendar",
    "is",
    "be",
    "will",
    "to",
    "ca",
    "circa",
    "target",
]
APPROXIMATELY = ["approximately", "about", "around", "circa", "ca", "tentatively", "approx"]
LIST = ["and", "or", "then", "as well as", "followed by"]
THEN = ["then", "thereafter", "afterwards", "subsequently", "followed by"]

# Reporting calendars: "within 90 days after the end of the financial year".
# Adjectives that name a reporting period only before a period word ("tax year", "fiscal
# quarter") or after "following"; "tax" alone ("tax return"), "monthly reporting" name none.
TAX_PERIOD = ["reporting", "reported", "financial", "fiscal", "tax", "accounting", "budget",
              "budgetary", "grant", "program", "programme", "project"]
PERIOD_WORDS = ["period", "periods"]
BEFORE_PLAN_END = [
    f"before {end} {what}"
    for end in ("the end of", "the close of", "the expiry of", "end of")
    for what in ("the plan", "the plan period", "the programme", "the program", "the strategy",
                 "the period", "plan", "the action plan", "the implementation period")
]
HALF += ["semiannual", "semi-annual", "half-yearly"]
DAY_UNIT += ["d"]
ORDINALS |= {5: ["fifth", "5th"], 6: ["sixth", "6th"]}
FILLER += ["activities", "events", "actions", "measures", "at least", "no fewer than", "minimum"]

# Modifiers the grammar cannot always apply; modifiers.py flags or applies them.
WORKING_DAYS = ["working", "business", "work"]
EXCEPT = ["except", "excluding", "except for", "other than"]
BEFORE_LEAD: list[str] = []
BEFORE_TRAIL = ["before", "prior to", "ahead of"]  # "two weeks before 1 September"
TO_BE_CONFIRMED = ["tbc", "tbd", "to be confirmed", "to be determined"]
