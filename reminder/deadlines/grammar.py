"""The one grammar: tokens of any language -> a flat list of atoms and markers.

The grammar only asks the lexicon what a token can be (a month, a quarter word, a "by" word, ...);
it never knows which language a word came from. Tokens it cannot place are returned as leftovers
so the interpreter can say what it did not understand.
"""

from __future__ import annotations

import itertools
from typing import TypeGuard

from reminder.deadlines.atoms import DayOfMonth, Duration, Element, Freq, Marker, Span, Weekday
from reminder.deadlines.tokens import Token

_ROMAN_FOLD = str.maketrans({"і": "i", "х": "x", "с": "c"})
_ROMAN_LETTERS = frozenset("ivxcіхс")
# Ordinal suffixes left after a dash: "1-й", "2-го", "3-я".
_ORD_SUFFIXES = {"й", "го", "я", "е", "ой", "ий", "ая", "ого", "му", "ом", "ый", "ей", "ї", "а",
                 "ше", "ге", "тє", "st", "nd", "rd", "th", "м", "ое", "ые", "ых", "ым", "х", "ми",
                 "ему", "ю", "ую"}
# What a chain of numbers ("2 - 3", "II-IV", "первая") may end in, and the atom it makes.
_CHAIN_UNITS = ("QUARTER", "HALF", "DECADE", "STAGE", "MONTH", "DOM")
_FREQ_UNITS = {"DAYU": "day", "WEEKU": "week", "MONTHU": "month", "QUARTER": "quarter",
               "HALF": "half", "YEARW": "year"}
_DURATION_UNITS = {"DAYU": "D", "WEEKU": "W", "MONTHU": "M", "YEARW": "Y"}
_MARKERS = ("BY", "FROM", "TO", "DURING", "AFTER", "THEN", "ONGOING", "EVENT", "APPROXLY", "PLANEND")
# Units a reporting word may name: "отчетного квартала", "tax year", "pārskata mēnesim".
_REPORT_UNITS = (("QUARTER", "quarter"), ("HALF", "half"), ("MONTHU", "month"), ("YEARW", "year"),
                 ("PERIODW", "period"))
# Words that change which day is meant; one the grammar cannot place is reported as LOOSE so the
# interpreter never prints a confident date without it.
_DATE_WORDS = ("ORD", "FOLLOWING", "REPORTING", "RELYEAR")


_CANONICAL = {r: v for v, r in enumerate(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"], start=1)}


def _section_number(text: str) -> bool:
    """"3.2", "12.1": an item number (a date writes its month with two digits: "03.02")."""
    day, _, month = text.partition(".")
    return len(month) == 1 and not day.startswith("0")


def roman(text: str) -> int | None:
    """The value of a Roman numeral written in Latin or Cyrillic look-alike letters (I-XII)."""
    return _CANONICAL.get(text.translate(_ROMAN_FOLD))


class _Reader:
    """A cursor over tokens producing elements."""

    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens
        self.n = len(tokens)
        self.out: list[Element] = []
        self.leftover: list[str] = []
        self.loose: list[str] = []  # date-changing words that could not be placed

    # --- helpers -----------------------------------------------------------------------------
    def tok(self, i: int) -> Token | None:
        return self.t[i] if 0 <= i < self.n else None

    def is_punct(self, i: int, chars: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "punct" and t.text in chars

    def after_suffix(self, j: int) -> int:
        """Past an ordinal ending written after a dash ("1-й", "I-м", "2024-й"), if there is one."""
        s = self.tok(j + 1)
        if self.is_punct(j, "-") and s is not None and s.kind == "word" and s.text in _ORD_SUFFIXES:
            return j + 2
        return j

    def skip_dots(self, i: int) -> int:
        while self.is_punct(i, "."):
            i += 1
        return i

    def numlike(self, i: int) -> tuple[int, str, int] | None:
        """A number as a chain member: (value, "num"|"roman"|"ord", next index)."""
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num" and 1 <= t.value <= 31:
            return t.value, "num", self.skip_dots(self.after_suffix(i + 1))
        if t.kind == "word":
            if t.has("UNIT_LETTER"):
                return None
            r = roman(t.value if t.typo else t.text)  # "1v" was read as "iv"
            if r is not None:
                return r, "roman", self.skip_dots(self.after_suffix(i + 1))  # "в I-м полугодии"
            o = t.cat("ORD")
            if o is not None:
                return o, "ord", i + 1
        return None

    # --- the walk ------------------------------------------------------------------------------
    def run(self) -> tuple[list[Element], list[str]]:
        i = 0
        while i < self.n:
            j = self.step(i)
            i = j if j > i else i + 1
        return self.out, self.leftover

    def step(self, i: int) -> int:
        t = self.t[i]
        if t.kind == "date" and i == 0 and t.value[2] is None and self.n > 1 \
                and _section_number(t.text):
            j = i + 1  # "3.2 – II квартал": the plan's item number, not 3 February
            while self.is_punct(j, ".-:)"):
                j += 1
            return j
        if t.kind == "date":
            d, m, y = t.value
            self.out.append(Span("date", d, m, year=y))
            j = self.skip_dots(i + 1)
            while y is not None and (w := self.tok(j)) is not None and w.has("YEARW"):
                j = self.skip_dots(j + 1)  # "15.12.2024 г."
            return j
        if t.kind == "time":
            j = i + 1
            while (n := self.tok(j)) is not None and n.has("HOURU"):
                j += 1
            return j
        if t.kind == "punct":
            return self.punct(i)
        if t.kind == "num":
            return self.number(i)
        # words and phrases; only an ordinal or a Roman numeral can start a chain ("II-IV")
        lex = t.lex
        if (lex is not None and "ORD" in lex.cats) or _ROMAN_LETTERS.issuperset(
                t.value if t.typo else t.text):
            chained = self.chain(i)
            if chained is not None:
                return chained
        return self.word(i)

    def punct(self, i: int) -> int:
        s = self.t[i].text
        if s in ",;&/":
            self.out.append(Marker("LIST", s))
        elif s == "-":
            if self.out or (i > 0 and not self.is_punct(i - 1, "(•")):
                self.out.append(Marker("TO", s))  # a leading dash is a bullet, not "until"
        elif s == "+":
            self.out.append(Marker("PLUS", s))
        elif s == "(":
            self.out.append(Marker("OPEN", s))
        elif s == ")":
            self.out.append(Marker("CLOSE", s))
        return i + 1

    def number(self, i: int) -> int:
        t = self.t[i]
        v = t.value
        nxt = self.tok(i + 1)
        if 1900 <= v <= 2100 and len(t.text) == 4:
            return self.year(i)
        letter = nxt.cat("UNIT_LETTER") if nxt is not None else None
        if letter is not None and 1 <= v <= (2 if letter == "half" else 4):
            self.out.append(Span(letter, v))  # "1H 2026", "4Q 2024"
            return i + 2
        if v <= 31 and self.is_punct(i + 1, "-/") and (mo := self.tok(i + 2)) is not None \
                and mo.has("MONTH") and mo.kind == "word":
            # "31-Dec-2024", "15/Mar/2025"
            self.out.append(Span("date", v, mo.cat("MONTH")))
            return i + 4 if self.is_punct(i + 3, "-/") else i + 3
        item_start = i == 0 or self.is_punct(i - 1, ";,")
        if item_start and (self.is_punct(i + 1, ")") or (self.is_punct(i + 1, ".") and (
                (after := self.tok(i + 2)) is not None and after.has("BY", "FROM")))):
            return i + 2  # the numbering of a list: "1) до 01.03.2024; 2) до ..."
        j = self.chain(i)
        if j is not None:
            return j
        # "9 месяцев 2024 года" (the first nine months) vs "30 дней" (a duration)
        k = i + 1
        hi = v
        if self.is_punct(k, "-") and (t2 := self.tok(k + 1)) is not None and t2.kind == "num":
            hi = max(v, t2.value)  # "6-9 months": the longer one
            k += 2
        k = self.skip_dots(k)
        while (w := self.tok(k)) is not None and w.has("WORKING"):
            k += 1
        u = self.tok(k)
        if u is not None and u.has("MONTHU") and 1 <= v <= 12 and k == i + 1:
            after = self.tok(self.skip_filler(k + 1))
            if after is not None and ((after.kind == "num" and 1900 <= after.value <= 2100)
                                      or after.has("YEARW", "RELYEAR")):
                self.out.append(Span("months", v))
                return k + 1
        if u is not None and u.has("TIMES"):
            return self.times(k, v)
        if u is not None:
            for cat, unit in _DURATION_UNITS.items():
                if u.has(cat):
                    self.out.append(Duration(hi, unit))
                    return k + 1
            if u.has("DURW"):  # "15-дневный срок"
                self.out.append(Duration(hi, u.cat("DURW")[1]))
                return k + 1
        if nxt is not None and self.is_punct(i + 1, "-") and (s := self.tok(i + 2)) is not None \
                and s.has("DURW"):
            self.out.append(Duration(v, s.cat("DURW")[1]))
            return i + 3
        if t.text[-1].isalpha() and v <= 31:
            k = i + 1
            while (w := self.tok(k)) is not None and w.has("FILLER") and not w.has("MONTH"):
                k += 1  # "31st of March 2025"
            if k > i + 1 and w is not None and w.has("MONTH"):
                self.out.append(Span("date", v, w.cat("MONTH")))
                return k + 1
        if (j := self.after_suffix(i + 1)) > i + 1 and 1 <= v <= 31:
            self.out.append(DayOfMonth(v))  # "до 20-го"
            return j
        if t.text[-1].isalpha() and 1 <= v <= 31:
            # "by the 10th", "до 5-го": an ordinal day of the month
            self.out.append(DayOfMonth(v))
            return i + 1
        if (j := self.per_count(i, v)) is not None:
            return j
        self.leftover.append(t.text)
        return i + 1

    def skip_filler(self, k: int) -> int:
        while (w := self.tok(k)) is not None and ((w.kind == "punct" and w.text == ".")
                                                  or (w.has("FILLER") and not w.has("YEARW"))):
            k += 1
        return k

    def year(self, i: int) -> int:
        y = self.t[i].value
        j = self.after_suffix(self.skip_dots(i + 1))  # "2024-й год", "в 2024-м году"
        # "2023/2024 н.р.", "2023/24", "2024-2025 учебный год": an academic year
        if self.is_punct(j, "/-") and (t2 := self.tok(j + 1)) is not None and t2.kind == "num" \
                and (t2.value == y + 1 or t2.value == (y + 1) % 100):
            k = self.skip_dots(j + 2)
            while (w := self.tok(k)) is not None and w.has("YEARW") and not w.has("ACADEMIC"):
                k = self.skip_dots(k + 1)
            named = (w := self.tok(k)) is not None and w.has("ACADEMIC")
            if self.is_punct(j, "/") or named:
                self.out.append(Span("academic", year=y))
                while (w := self.tok(k)) is not None and (w.has("ACADEMIC", "YEARW")
                                                          or self.is_punct(k, ".")):
                    k += 1
                return k
        j = self.skip_dots(j)
        while (w := self.tok(j)) is not None and w.has("YEARW"):
            j = self.skip_dots(j + 1)
        if (w := self.tok(j)) is not None and w.has("ACADEMIC"):
            self.out.append(Span("academic", year=y))
            return j + 1
        prev_tok = self.tok(i - 1)
        last = self.out[-1] if self.out else None
        if isinstance(last, Span) and last.unit == "year" and last.year == y - 1 \
                and prev_tok is not None and prev_tok.kind == "num":
            # "2023 2024" (two lines of one cell): one stretch of years, not two deadlines
            if len(self.out) > 2 and isinstance(self.out[-2], Marker) and self.out[-2].kind == "TO":
                last.year = y  # "2023 2024 2025": the stretch grows
                return j
            self.out.append(Marker("TO", "-"))
        self.out.append(Span("year", year=y))
        return j

    def per_count(self, i: int, count: int) -> int | None:
        """"4 мероприятия в квартал", "2 pasākumi ceturksnī": N things per unit, as N times."""
        k = i + 1
        while k <= i + 2 and (w := self.tok(k)) is not None and w.kind == "word" and (
                w.lex is None or not w.lex.cats.keys() - {"FILLER", "SECTION"}):
            k += 1
        if k == i + 1 or not 1 <= count <= 52:
            return None
        j = self.times(k - 1, count)
        return j if j > k else None

    def times(self, k: int, count: int) -> int:
        """After "N раз": "в год", "на квартал", "a year"."""
        j = k + 1
        while (w := self.tok(j)) is not None and (w.has("PER") or self.is_punct(j, ".")) \
                and not any(w.has(c) for c in _FREQ_UNITS):
            j += 1
        every = 1
        u = self.tok(j)
        if u is not None and ((u.kind == "num" and 2 <= u.value <= 10) or u.has("NUMW")):
            every = u.value if u.kind == "num" else u.cat("NUMW")  # "раз в два года"
            j += 1
            u = self.tok(j)
        if u is not None:
            for cat, unit in _FREQ_UNITS.items():
                if u.has(cat):
                    self.out.append(Freq(unit, times=count if every == 1 else 1, every=every))
                    return j + 1
        return k + 1

    def chain(self, i: int) -> int | None:
        """Numbers joined by dashes, commas or "по", then a unit: "2 – 3 квартал", "3-7 марта"."""
        items: list[tuple[int, str]] = []
        seps: list[str] = []
        j = i
        while True:
            nl = self.numlike(j)
            if nl is None:
                break
            items.append((nl[0], nl[1]))
            j = nl[2]
            s = self.tok(j)
            if s is None:
                break
            if s.kind == "punct" and s.text in "-,":
                sep = "TO" if s.text == "-" else "LIST"
            elif s.has("TO", "BY"):
                sep = "TO"
            elif s.has("LIST") and not s.has("MONTH"):
                sep = "LIST"
            else:
                break
            if self.numlike(j + 1) is None:
                break
            seps.append(sep)
            j += 1
        if not items:
            return None
        unit_tok = self.tok(j)
        if unit_tok is None:
            return None
        unit = next((c for c in _CHAIN_UNITS if unit_tok.has(c)), None)
        if unit is None:
            return None
        kinds = {k for _, k in items}
        values = [v for v, _ in items]
        j += 1
        if unit == "STAGE":  # "II этап - 2018 год": a label, with its dash
            while self.is_punct(j, "-:."):
                j += 1
            return j
        if unit == "MONTH":
            if kinds != {"num"}:
                return None
            month = unit_tok.cat("MONTH")
            spans = [Span("date", v, month) for v in values]  # "3-7 марта", "5, 12, 19 марта"
        elif unit == "DOM":
            if kinds != {"num"} and not (kinds == {"ord"} and len(values) == 1):
                return None
            # "последнего числа": the month's last day (a day past the end is read as the end)
            self._emit_joined([DayOfMonth(v if v > 0 else 31) for v in values], seps)
            return j
        elif unit == "DECADE":
            if any(not 1 <= v <= 3 for v in values):
                return None
            m_tok = self.tok(self.skip_filler(j))
            if m_tok is None or not m_tok.has("MONTH"):
                return None
            month = m_tok.cat("MONTH")
            j = self.skip_filler(j) + 1
            spans = [Span("decade", v, month) for v in values]
        else:
            top = 4 if unit == "QUARTER" else 2
            if any(not 1 <= v <= top for v in values):
                return None
            spans = [Span(unit.lower(), v) for v in values]
            if len(values) == 2 and values[1] == values[0] + 1 and seps == ["LIST"] \
                    and not self.is_punct(j - 2, ","):
                seps = ["TO"]  # "I и II кварталы", "3. un 4. ceturksnis": one stretch
        self._emit_joined(spans, seps)
        return j

    def _emit_joined(self, elems: list, seps: list[str]) -> None:
        for k, e in enumerate(elems):
            if k:
                self.out.append(Marker(seps[k - 1]))
            self.out.append(e)

    def word(self, i: int) -> int:
        t = self.t[i]
        nxt = self.tok(i + 1)
        # "Q3", "H1"
        letter = t.cat("UNIT_LETTER")
        if letter is not None and nxt is not None and nxt.kind == "num" \
                and 1 <= nxt.value <= (2 if letter == "half" else 4):
            self.out.append(Span(letter, nxt.value))  # "Q3", "H1"
            return i + 2
        if t.lex is None:
            return self.gap(i)
        c = t.lex.cats
        if "SECTION" in c:
            return self.section(i)
        if "STAGE" in c and nxt is not None and (nxt.kind == "num" or roman(nxt.text) is not None):
            j = i + 2  # "Phase 2 – 2027", "Etap II:": a stage label, with its dash
            while self.is_punct(j, "-:."):
                j += 1
            return j
        if "LABEL" in c and (self.is_punct(i + 1, "-:") or (i == 0 and "BY" not in c)):
            # "Срок – 2024 год", "Deadline: H2 2025": a label, with its dash or colon
            return i + 2 if self.is_punct(i + 1, "-:") else i + 1
        if "NTIMES" in c:  # "once a year", "дважды в год"
            j = self.times(i, c["NTIMES"])
            if j > i + 1:
                return j
        if "FREQ2" in c:  # "fortnightly", "раз в две недели": every second unit
            self.out.append(Freq(c["FREQ2"], every=2))
            return i + 1
        if "FREQ" in c:
            self.out.append(Freq(c["FREQ"]))
            if "WEEKDAY" in c:  # "щопонеділка": weekly, on Mondays
                self.out.append(Weekday(c["WEEKDAY"]))
            return i + 1
        if "EVERY" in c:
            return self.every(i)
        if "ORD" in c and nxt is not None and nxt.has("WEEKDAY"):
            # "the first Monday of every month", "otrajā otrdienā": that weekday each month
            self.out.append(Weekday(nxt.cat("WEEKDAY"), c["ORD"]))
            return i + 2
        if "ORD" in c and c["ORD"] > 0 and nxt is not None and nxt.has("MONTHU"):
            after = self.tok(i + 3 if self.is_punct(i + 2, ",") else i + 2)
            if after is not None and after.has("AFTER", "FOLLOWING"):
                # "третьего месяца после отчетного квартала": counted from the period's end
                self.out.append(Marker("NTHMONTH", f"{t.text} {nxt.text}", c["ORD"]))
                return i + 2
            if after is not None and after.has("QUARTER", "HALF", "YEARW", "REPORTING"):
                # "второго месяца квартала": that month of each period
                self.out.append(Marker("INMONTH", f"{t.text} {nxt.text}", c["ORD"]))
                return i + 2
        if c.get("ORD") == -1 and nxt is not None and nxt.has("MONTHU"):
            self.out.append(Marker("LASTMONTH", t.text))  # "до 20 числа последнего месяца квартала"
            return i + 2
        if "RELYEAR" in c and nxt is not None and nxt.has("YEARW"):
            self.out.append(Span("theyear", rel=c["RELYEAR"]))
            return i + 2
        if "MONTH" in c:
            # "July 1, 2024"
            k = self.skip_dots(i + 1)  # "Sept. 30, 2024"
            nxt = self.tok(k)
            after = self.tok(k + 1)
            if nxt is not None and nxt.kind == "num" and nxt.value <= 31 \
                    and not (after is not None and after.has("MONTHU", "DAYU")):
                self.out.append(Span("date", nxt.value, c["MONTH"]))
                last = self.tok(k + 2)
                if self.is_punct(k + 1, "-") and last is not None and last.kind == "num" \
                        and nxt.value < last.value <= 31:
                    # "May 4–8, 2026": a range of days, the month written first
                    self.out.append(Marker("TO", "-"))
                    self.out.append(Span("date", last.value, c["MONTH"]))
                    k += 2
                return k + 2 if self.is_punct(k + 1, ",") else k + 1
            self.out.append(Span("month", c["MONTH"]))
            return i + 1
        if "WHOLE" in c:
            self.out.append(Span("period"))
            return i + 1
        if "ACADEMIC" in c:
            self.out.append(Span("academic"))
            return i + 1
        if "SEASON" in c:
            self.out.append(Span("season", pos=c["SEASON"]))
            return i + 1
        if "APPROX" in c:
            self.out.append(Marker("APPROX", c["APPROX"]))
            return i + 1
        if "WEEKDAY" in c:
            self.out.append(Weekday(c["WEEKDAY"]))
            return i + 1
        if "DURW" in c:
            n, unit = c["DURW"]
            self.out.append(Duration(n, unit))
            return i + 1
        if "NUMW" in c and nxt is not None:
            k = i + 1
            while (w := self.tok(k)) is not None and w.has("WORKING") and not w.has(
                    *_DURATION_UNITS):
                k += 1  # "пяти рабочих дней"
            if k > i + 1 and w is not None and any(w.has(cat) for cat in _DURATION_UNITS):
                nxt = w
                i = k - 1
            if nxt.has("TIMES"):
                return self.times(i + 1, c["NUMW"])
            if any(nxt.has(cat) for cat in _DURATION_UNITS) and not nxt.has("PER"):
                self.out.append(Duration(c["NUMW"], next(
                    u for cat, u in _DURATION_UNITS.items() if nxt.has(cat))))
                return i + 2
        if "TIMES" in c:
            j = self.times(i, 1)
            if j > i + 1:
                return j
        if "YEARW" in c:
            # "года, следующего за отчетным (налоговым) годом", "the year following the tax
            # year": the year after the period's
            k = i + 1
            followed = False
            while (w := self.tok(k)) is not None and (self.is_punct(k, ",") or (
                    w.has("FOLLOWING") and not w.has("REPORTING")) or (
                    followed and w.has("FILLER") and not w.has("YEARW", "TAXADJ", "REPORTING"))):
                followed = followed or w.has("FOLLOWING")
                k += 1
            if followed and (w := self.tok(k)) is not None and w.has("REPORTING", "TAXADJ"):
                self.out.append(Span("theyear", rel=1))
                k += 1
                while (w := self.tok(k)) is not None and (self.is_punct(k, "()") or w.has(
                        "REPORTING", "TAXADJ", "YEARW", "PERIODW")):
                    k += 1
                return k
            if self._after_reporting_year():
                # Latvian "taksācijas gadam sekojošā gada": the year after the reporting one
                self.out.append(Span("theyear", rel=1))
                return i + 1
            if len(t.text) > 2:  # "года", "року", "gada"; a lone "г." says nothing
                self.out.append(Span("theyear"))
            return i + 1
        if c.keys() & {"MONTHU", "WEEKU", "DAYU"} and not (nxt is not None and nxt.has("FOLLOWING")):
            # "в течение месяца", "протягом тижня", Latvian "mēneša laikā": one of that unit
            prev_during = bool(self.out) and isinstance(self.out[-1], Marker) \
                and self.out[-1].kind == "DURING"
            if prev_during or (nxt is not None and nxt.has("DURING")):
                unit = "M" if "MONTHU" in c else "W" if "WEEKU" in c else "D"
                self.out.append(Duration(1, unit))
                return i + 1
        if ("QUARTER" in c or "HALF" in c) and nxt is not None and nxt.kind == "num" \
                and 1 <= nxt.value <= (4 if "QUARTER" in c else 2):
            # "Quarter 2", "Semester 1": the number after the unit
            self.out.append(Span("quarter" if "QUARTER" in c else "half", nxt.value))
            return i + 2
        if "QUARTER" in c or "HALF" in c or "MONTHU" in c:
            unit = "quarter" if "QUARTER" in c else "half" if "HALF" in c else "month"
            self.out.append(Marker("UNITW", unit))
            return i + 1
        if "REPORTING" in c or "TAXADJ" in c:
            j, unit = self.reporting_unit(i)
            if unit is not None:  # "отчетного квартала": the unit due dates are counted from
                self.out.append(Marker("REPORTING", t.text))
                self.out.append(Marker("UNITW", unit))
                return j
            prev = self.out[-1] if self.out else None
            if isinstance(prev, Marker) and prev.kind in ("FOLLOWING", "LINK"):
                # "следующего за отчетным": the month after
                self.out.append(Marker("REPORTING", t.text))
                return i + 1
            return self.gap(i)  # "tax return": not a period
        if "FOLLOWING" in c:
            # "за" also means "per" and "for": it says "following" only beside a reporting word
            self.out.append(Marker("LINK" if "PER" in c else "FOLLOWING", t.text))
            return i + 1
        if "SCHEDULE" in c:  # "согласно плану работы": a schedule kept elsewhere
            self.out.append(Marker("EVENT", t.text))
            return i + 1
        if "LIST" in c:
            self.out.append(Marker("THEN" if "THEN" in c else "LIST", t.text))
            return i + 1
        for m in _MARKERS:
            if m in c:
                self.out.append(Marker(m, t.text))
                return i + 1
        if c.keys() & {"FILLER", "WORKING", "DAYU", "WEEKU", "PER", "DOM", "HOURU", "STAGE"}:
            return i + 1
        return self.gap(i)

    def _after_reporting_year(self) -> bool:
        """Whether the output ends in "<reporting> year, following": "pārskata gadam sekojošā"."""
        out = self.out
        if len(out) < 2 or not (isinstance(f := out[-1], Marker) and f.kind == "FOLLOWING"):
            return False
        k = len(out) - 2
        y = out[k]
        if (isinstance(y, Marker) and y.kind == "UNITW" and y.text == "year") or (
                isinstance(y, Span) and y.unit == "theyear" and y.rel is None):
            if k > 0 and isinstance(r := out[k - 1], Marker) and r.kind == "REPORTING":
                k -= 1
            del out[k:]
            return True
        return False

    def reporting_unit(self, i: int) -> tuple[int, str | None]:
        """"отчетного (налогового) квартала", "tax year": the unit a reporting word names."""
        j = i + 1
        again: list[str] = []  # "отчетного отчетным": said twice, one of them is not understood
        reporting = self.t[i].has("REPORTING")
        while (w := self.tok(j)) is not None and (self.is_punct(j, "()") or w.has(
                "REPORTING", "TAXADJ")):
            if w.has("REPORTING") and reporting:
                again.append(w.text)
            reporting = reporting or w.has("REPORTING")
            j += 1
        w = self.tok(j)
        if w is not None:
            for cat, unit in _REPORT_UNITS:
                if w.has(cat):
                    self.loose.extend(again)
                    return j + 1, unit
        return i + 1, None

    def gap(self, i: int) -> int:
        """A word the grammar cannot place: noted, and a break in the phrase, so "по" in
        "Комитету по здравоохранению ... II квартал" does not make a "by"."""
        t = self.t[i]
        self.leftover.append(t.text)
        if t.has(*_DATE_WORDS) and not t.has("FILLER"):
            self.loose.append(t.text)
        if not (self.out and isinstance(self.out[-1], Marker) and self.out[-1].kind == "GAP"):
            self.out.append(Marker("GAP", self.t[i].text))
        return i + 1

    def section(self, i: int) -> int:
        """"п. 3.2 –", "Раздел II,", "Section 4.2": the plan's numbering, not a date."""
        j = self.skip_dots(i + 1)
        t = self.tok(j)
        if t is not None and (t.kind in ("num", "date") or roman(t.text) is not None):
            j += 1
            while (n := self.tok(j)) is not None and (n.kind == "num" or self.is_punct(j, ".")):
                j += 1
        while self.is_punct(j, ",.-:"):
            j += 1
        return j

    def every(self, i: int) -> int:
        """"каждый второй вторник месяца", "каждые 2 месяца", "every quarter"."""
        j = i + 1
        nth = None
        count = 1
        t = self.tok(j)
        if t is not None and t.has("ORD"):
            nth = t.cat("ORD")
            j += 1
        elif t is not None and t.kind == "num":
            count = t.value
            j += 1
        elif t is not None and t.has("NUMW"):
            count = t.cat("NUMW")  # "every two years"
            j += 1
        t = self.tok(j)
        if t is None:
            return i + 1
        if t.has("WEEKDAY"):
            self.out.append(Weekday(t.cat("WEEKDAY"), nth))
            return j + 1
        for cat, unit in _FREQ_UNITS.items():
            if t.has(cat):
                self.out.append(Freq(unit, every=count if nth is None else nth))
                return j + 1
        return i + 1


def read(tokens: list[Token]) -> tuple[list[Element], list[str]]:
    """The atoms and markers of a tokenised phrase, and the words it could not place."""
    reader = _Reader(tokens)
    elements, leftover = reader.run()
    loose: list[Element] = [Marker("LOOSE", w) for w in reader.loose]
    if len(elements) < 2:  # one atom or none: nothing to bind, attach or drop
        return [*elements, *loose], leftover
    # The passes below each look for one shape; a phrase without that shape skips the pass
    # (parsing is timed uncached against dateparser: most cells are short and plain).
    kinds: set[str] = set()
    units: set[str] = set()
    for e in elements:
        if type(e) is Marker:
            kinds.add(e.kind)
        elif type(e) is Span:
            units.add(e.unit)
    els = _without_remarks(elements) if "OPEN" in kinds else elements
    if "REPORTING" in kinds:
        els = _reporting_last(els)
    if "APPROX" in kinds:
        els = _bind_approximations(els)
    if not units:
        return [*els, *loose], leftover
    listed = "LIST" in kinds and "date" in units and "month" in units
    if listed:
        els = _distribute_day(els)
    els = _attach_years(_leading_year(_share_years(els)))
    if "year" in units:
        # "до 15 марта и 15 сентября 2024 года": the year written after the last date was
        # attached to it; now it is shared with the dates before it in the list
        els = _share_years(els)
    if listed:
        els = _wrapped_to_next_year(els)
    if "theyear" in units or any(type(e) is Span and e.rel is not None for e in els):
        els = _carry_relative_years(els)
    return [*els, *loose], leftover


def _without_remarks(els: list[Element]) -> list[Element]:
    """Drop what is in brackets when the text outside them is a deadline of its own.

    "IV квартал (по мере финансирования)", "ongoing (quarterly reports)": a remark. But
    "Ежегодно (ноябрь)" and "ежеквартально (до 15 апреля, ...)" refine a recurrence: kept.
    """
    if not any(isinstance(e, Marker) and e.kind == "OPEN" for e in els):
        return els
    outside: list[Element] = []
    inside: list[Element] = []
    depth = 0
    for e in els:
        if isinstance(e, Marker) and e.kind in ("OPEN", "CLOSE"):
            depth = max(0, depth + (1 if e.kind == "OPEN" else -1))
        else:
            (inside if depth else outside).append(e)
    if any(isinstance(e, Freq) for e in outside):
        return els
    if any(isinstance(e, DayOfMonth) for e in inside) \
            and any(isinstance(e, Span) and e.unit == "month" for e in outside):
        # "январь, апрель, июль, октябрь (до 10 числа)": the day says when in each month
        return [e for e in els if not (isinstance(e, Marker) and e.kind in ("OPEN", "CLOSE"))]
    dated = any(isinstance(e, Span | Duration) or (isinstance(e, Marker) and e.kind in (
        "ONGOING", "EVENT", "WHOLE")) for e in outside)
    if not dated:
        return els
    # "IV квартал (до 10 числа)": a day of the month in a dropped remark would move the date;
    # it is reported, never dropped silently.
    return [*outside, *(Marker("LOOSE", f"day {e.day} (in brackets)")
                        for e in inside if isinstance(e, DayOfMonth))]


def _reporting_last(els: list[Element]) -> list[Element]:
    """A reporting word beside its unit ("окончания отчетного года", "pārskata gada beigām") is
    moved to the end, so "end" meets the unit it is about; the interpreter still sees it."""
    reporting: list[Element] = [
        e for k, e in enumerate(els) if isinstance(e, Marker) and e.kind == "REPORTING"
        and k + 1 < len(els) and isinstance(u := els[k + 1], Marker) and u.kind == "UNITW"]
    if reporting:
        els = [*(e for e in els if not any(e is r for r in reporting)), *reporting]
    return els


def _bind_approximations(els: list[Element]) -> list[Element]:
    # "в конце сентября" binds forward; Latvian "septembra vidū" binds backward.
    out: list[Element] = []
    i = 0
    while i < len(els):
        e = els[i]
        if isinstance(e, Marker) and e.kind == "APPROX":
            while i + 2 < len(els) and isinstance(between := els[i + 1], Marker) \
                    and between.kind == "DURING" and isinstance(els[i + 2], Span):
                del els[i + 1]  # "early in the year"
            nxt = els[i + 1] if i + 1 < len(els) else None
            if isinstance(nxt, Marker) and nxt.text == "-" and i + 2 < len(els) \
                    and isinstance(els[i + 2], Span):
                i += 1  # "mid-2024", "end-2024"
                nxt = els[i + 1]
            elif isinstance(nxt, Marker) and nxt.text == "-":
                i += 2  # "mid-term", "end-user": a compound word, not a time
                continue
            if isinstance(nxt, Span) and nxt.unit not in ("approx", "date", "day"):
                out.append(Span("approx", inner=nxt, pos=e.text))
                i += 2
                continue
            if len(out) > 1 and isinstance(out[-1], Marker) and out[-1].text == "-" \
                    and isinstance(out[-2], Span) and out[-2].unit in ("theyear", "year", "quarter"):
                out.pop()  # "year-end", "2025-end"
            if out and isinstance(out[-1], Span) and out[-1].unit not in ("approx", "date", "day"):
                out[-1] = Span("approx", inner=out[-1], pos=e.text)
                i += 1
                continue
            if isinstance(nxt, Marker) and nxt.kind == "UNITW":
                out.append(Marker("PERIODEND", nxt.text) if e.text == "end" else e)
                i += 2
                continue
            if any(isinstance(x, Freq) and x.unit == "year" for x in (nxt, out[-1] if out else None)):
                # "katra gada sākumā", "ежегодно в начале года": that part of every year
                out.append(Span("approx", inner=Span("theyear"), pos=e.text))
                i += 1
                continue
            if out and isinstance(out[-1], Marker) and out[-1].kind == "UNITW" and e.text == "end":
                out[-1] = Marker("PERIODEND", out[-1].text)  # "45 days after quarter end"
                i += 1
                continue
            out.append(e)  # "после окончания мероприятия": the end of something undated
            i += 1
            continue
        out.append(e)
        i += 1
    return out


def _distribute_day(els: list[Element]) -> list[Element]:
    """"25 февраля, мая, августа, ноября", "до 10 января/апреля/июля/октября": the day of the
    first date belongs to each month listed after it, in calendar order (one wrap into the next
    year: "30 April, July, October and January")."""
    out: list[Element] = []
    i = 0
    while i < len(els):
        e = els[i]
        out.append(e)
        i += 1
        if not (isinstance(e, Span) and e.unit == "date"):
            continue
        months: list[Span] = []
        k = i
        while k + 1 < len(els) and isinstance(m := els[k], Marker) and m.kind == "LIST" \
                and isinstance(s := els[k + 1], Span) and s.unit == "month":
            months.append(s)
            k += 2
        if not months or (k < len(els) and isinstance(nxt := els[k], Span)
                          and nxt.unit not in ("year", "theyear")):
            continue  # "1 марта, апрель – май": the months start something else
        order = [e.b] + [s.a for s in months]
        wraps = sum(b <= a for a, b in itertools.pairwise(order))
        if wraps > 1 or (wraps == 1 and order[-1] >= order[0]):
            continue
        wrapped = False
        for s in months:
            wrapped = wrapped or s.a <= order[0]
            s.unit, s.b, s.a = "date", s.a, e.a
            if wrapped:
                s.pos = "next"  # in the year after the first date's: set once years are shared
        out.extend(els[i:k])
        i = k
    return out


def _carry_relative_years(els: list[Element]) -> list[Element]:
    """"līdz taksācijas gadam sekojošā gada 23. jūnijam, 23. jūlijam un 23. augustam": a year
    counted from the reporting one, written before a list, holds for the whole list."""
    rel: int | None = None
    for e in els:
        if isinstance(e, Span):
            if e.unit == "date" and e.year is None and e.rel is not None:
                rel = e.rel
            elif e.unit == "date" and not e.has_year and rel is not None:
                e.rel = rel
            else:
                rel = None
        elif isinstance(e, Marker) and e.kind not in ("LIST", "TO"):
            rel = None
    return els


def _more_after(els: list[Element], i: int) -> bool:
    """Whether another dated span follows (then a year after a comma is that span's)."""
    return any(isinstance(e, Span) for e in els[i:])


def _share_years(els: list[Element]) -> list[Element]:
    # "до 15 марта и 15 сентября 2024 года", "3. un 4. ceturksnis": in a list, a year written
    # once belongs to every item before it.
    year_ahead: Span | None = None
    lent: Span | None = None
    if len(els) > 3 and isinstance(last := els[-1], Span) and last.unit == "theyear" \
            and last.rel is not None and isinstance(d := els[-2], Marker) and d.kind == "DURING":
        # "15 March, 15 June ... in the year following the tax year": that year, for the list
        year_ahead = lent = last
        els = els[:-2]
    for e in reversed(els):
        if isinstance(e, Span):
            if e.has_year and e.unit not in ("year", "theyear", "period", "academic"):
                year_ahead = e
            elif not e.has_year and year_ahead is not None and e.unit != "period":
                inner = year_ahead.inner if year_ahead.unit == "approx" else year_ahead
                if inner is not None:
                    # "5 апреля/июля/октября/января 2025": April .. October are 2024's
                    back = int(inner.pos == "next" and e.pos != "next")
                    e.set_year(None if inner.year is None else inner.year - back,
                               None if inner.rel is None else inner.rel - back)
            elif e.unit in ("year", "theyear"):
                year_ahead = None
        elif isinstance(e, Marker) and e.kind not in ("LIST", "TO", "BY", "OPEN", "CLOSE"):
            year_ahead = None
    if lent is not None:
        for e in els:  # the dates the trailing year was lent to, however the list was read
            if isinstance(e, Span) and e.unit == "date" and not e.has_year:
                e.set_year(None, lent.rel)
    return els


def _wrapped_to_next_year(els: list[Element]) -> list[Element]:
    """"30 April, July, October and January": with no year written, January is the next year's."""
    for e in els:
        if isinstance(e, Span) and e.unit == "date" and e.pos == "next" and not e.has_year:
            e.rel = 1
    return els


def _yearish(e: Element | None) -> TypeGuard[Span]:
    return isinstance(e, Span) and (e.unit == "year" or (e.unit == "theyear" and e.rel is not None))


def _leading_year(els: list[Element]) -> list[Element]:
    """"2025 р., ІІ–ІІІ квартали", "2025 р., до 1 липня": a year first, then a comma, is the
    context of everything after it, not a deadline of its own."""
    if len(els) < 3:
        return els
    first, comma = els[0], els[1]
    rest = [e for e in els[2:] if isinstance(e, Span)]
    if _yearish(first) and isinstance(comma, Marker) and comma.text == "," and rest \
            and all(not s.has_year and s.unit not in ("year", "theyear", "period") for s in rest):
        for s in rest:
            s.set_year(first.year, first.rel)
        return els[2:]
    return els


def _attach_years(els: list[Element]) -> list[Element]:
    # A span without a year takes the year written right after it ("IV квартал 2023 года")
    # or, as Latvian writes it, right before it ("2024. gada 1. pusgadā").
    out: list[Element] = []
    i = 0
    while i < len(els):
        e = els[i]
        if isinstance(e, Span) and e.unit not in ("year", "theyear", "period") and not e.has_year:
            nxt = els[i + 1] if i + 1 < len(els) else None
            # ...but not the first of a range of years ("до 1 февраля 2024-2026")
            starts_range = (i + 3 < len(els) and isinstance(m := els[i + 2], Marker)
                            and m.kind == "TO" and _yearish(els[i + 3]))
            if nxt is not None and _yearish(nxt) and not starts_range:
                e.set_year(nxt.year, nxt.rel)
                out.append(e)
                i += 2
                continue
            # "Декабрь, 2023 года", "Q4/2025"
            after = els[i + 2] if i + 2 < len(els) else None
            if isinstance(nxt, Marker) and nxt.kind == "LIST" and nxt.text in ",/" \
                    and _yearish(after) and not _more_after(els, i + 3):
                e.set_year(after.year, after.rel)
                out.append(e)
                i += 3
                continue
            if isinstance(nxt, Span) and nxt.unit == "theyear" and nxt.rel is None:
                out.append(e)  # "second half of the year": that span, this year
                i += 2
                continue
            # "2025 год, декабрь"
            if len(out) > 1 and isinstance(out[-1], Marker) and out[-1].text == "," \
                    and _yearish(out[-2]) and not _more_after(els, i + 1) and not (
                        len(out) > 3 and isinstance(out[-3], Marker) and out[-3].kind == "TO"):
                year_el = out[-2]
                del out[-2:]
                e.set_year(year_el.year, year_el.rel)
                out.append(e)
                i += 1
                continue
            # ...unless that year ends a range of years ("2023-2024 гг. IV квартал").
            ends_range = (len(out) > 2 and isinstance(out[-2], Marker) and out[-2].kind == "TO"
                          and _yearish(out[-3]))
            prev = out[-1] if out else None
            if _yearish(prev) and not ends_range:
                out.pop()
                e.set_year(prev.year, prev.rel)
        out.append(e)
        i += 1
    return out
