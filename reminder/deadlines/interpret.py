"""From atoms and markers to a Deadline, reading year-less pieces against the plan period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reminder.deadlines.atoms import DayOfMonth, Duration, Element, Freq, Marker, Span, Weekday, month_end
from reminder.deadlines.model import Deadline, Occurrence, Period
from reminder.deadlines.modifiers import Modifiers
from reminder.deadlines.recurrence import Recurrence, expand, normalise_unit

_NO_YEAR = "no year stated: repeated in every year of the period"
# Markers that shift a due date off a period's end; only a recurrence knows how to apply them.
_SHAPING = ("FOLLOWING", "REPORTING", "NTHMONTH", "INMONTH")
_UNIT_ORDER = ("month", "quarter", "half", "year")
_FREQ_ORDER = ("day", "week", "month", "quarter", "half", "year")


def _unused(shaping: list[Marker], used: bool) -> list[str]:
    """The shaping words a result did not apply: all of them, or, when a recurrence applied
    them, any beyond one of each kind ("следующего следующего за отчетным" says it twice)."""
    if not used:
        return [m.text for m in shaping]
    seen: set[str] = set()
    extra = []
    for m in shaping:
        kind = "MONTH" if m.kind in ("NTHMONTH", "INMONTH") else m.kind
        if kind in seen:
            extra.append(m.text)
        seen.add(kind)
    return extra


def _before(end: date, d: Duration) -> date:
    """``end`` moved back by ``d``; from a month's last day, months land on a month's last day."""
    if d.unit in ("D", "W"):
        return end - timedelta(days=d.days())
    months = d.n * (12 if d.unit == "Y" else 1)
    k = end.year * 12 + end.month - 1 - months
    y, m = k // 12, k % 12 + 1
    last = month_end(y, m)
    return last if end == month_end(end.year, end.month) else min(last, date(y, m, end.day))


@dataclass(slots=True)
class _Group:
    """One deadline in a cell: a span, a range of two spans, or "by" a span."""

    how: str  # plain | by | range | from (open-ended: "с 1 января 2025 года")
    a: Span
    b: Span | None = None


def interpret(text: str, els: list[Element], leftover: list[str], period: Period,
              lang: str | None, mods: Modifiers | None = None) -> Deadline:
    """The meaning of a phrase's elements in ``period`` (SPEC.md)."""
    notes: list[str] = []
    if leftover:
        notes.append("ignored: " + " ".join(leftover))
    spans: list[Span] = []
    markers: set[str] = set()
    freqs: list[Freq] = []
    weekdays: list[Weekday] = []
    doms: list[DayOfMonth] = []
    durations: list[Duration] = []
    loose: list[str] = []  # date-changing words the grammar could not place
    shaping: list[Marker] = []  # "следующего", "отчетного", "третьего месяца": recurrences use them
    for e in els:  # one pass: sort the elements by what they are
        if isinstance(e, Span):
            spans.append(e)
        elif isinstance(e, Marker):
            markers.add(e.kind)
            if e.kind == "LOOSE":
                loose.append(e.text)
            elif e.kind in _SHAPING:
                shaping.append(e)
        elif isinstance(e, Freq):
            freqs.append(e)
        elif isinstance(e, Duration):
            durations.append(e)
        elif isinstance(e, Weekday):
            weekdays.append(e)
        else:
            doms.append(e)

    if "LINK" in markers and "REPORTING" in markers:
        markers.add("FOLLOWING")  # "месяца, следующего за отчетным": "за" says "following" here
    used = False  # whether a recurrence applied the shaping words

    def done(kind: str, approximate: bool = False, **kw: object) -> Deadline:
        unread = loose + _unused(shaping, used)
        if mods is not None:
            unread += mods.flags
            if mods.before is not None and "PLANEND" not in markers:
                if kind == "by" and isinstance(due := kw.get("end"), date):
                    # "за 2 недели до 1 сентября": the due date counted back by the length
                    due = _before(due, mods.before)
                    start = min(period.start, due)
                    kw.update(start=start, end=due, occurrences=(Occurrence(start, due),))
                else:
                    unread.append(mods.before_text)
            elif mods.after is not None and kind == "by" and isinstance(due := kw.get("end"), date):
                # "не позднее 2 месяцев после окончания года": a "by" the length did not move
                due = _before(due, Duration(-mods.after.n, mods.after.unit))
                kw.update(end=due, occurrences=(Occurrence(period.start, due),))
        unread = list(dict.fromkeys(unread))
        if unread and kind in ("window", "by", "recurring", "ongoing", "event"):
            # Never a confident date beside a word that would move it: a person is asked.
            approximate = True
            notes.append("not understood, may change the date: " + ", ".join(unread))
        return Deadline(text=text, kind=kind, lang=lang, notes=tuple(notes),  # type: ignore[arg-type]
                        approximate=approximate, **kw)  # type: ignore[arg-type]

    if durations and "PLANEND" in markers and not freqs:
        # "не позднее чем за 2 года до окончания плана": counted back from the period's end
        longest = max(durations, key=lambda d: d.days())
        due = _before(period.end, longest)
        return done("by", start=period.start, end=due, occurrences=(Occurrence(period.start, due),))
    if freqs or weekdays or (doms and ("FOLLOWING" in markers or len(doms) == 1)) or (
            durations and ("PERIODEND" in markers or {"PLUS", "UNITW"} <= markers)):
        occ, rrule, extra, used = _recurring(els, spans, freqs, weekdays, doms, durations, markers,
                                             period, loose)
        notes.extend(extra)
        if occ:
            return done("recurring", start=min(o.start for o in occ), end=occ[-1].end,
                        occurrences=tuple(occ),
                        rrule=rrule)
    if any(s.unit == "period" for s in spans) and not (
            "ONGOING" in markers and all(s.unit == "period" for s in spans)):
        return done("window", start=period.start, end=period.end,
                    occurrences=(Occurrence(period.start, period.end),))
    groups = _groups(els)
    if len(groups) > 1:
        # "до 1 сентября ... к новому учебному году": a bare "year" beside a real date is prose
        groups = [g for g in groups if not (g.how == "plain" and g.b is None and g.a.unit
                                            == "theyear" and g.a.rel is None)] or groups
    if groups:
        result = _dated(groups, period, notes)
        if result is not None:
            kind, occ, approximate = result
            if kind == "recurring":
                return done(kind, start=min(o.start for o in occ), end=occ[-1].end,
                            occurrences=tuple(occ),
                            approximate=approximate)
            o = occ[0]
            return done(kind, start=o.start, end=o.end, occurrences=(o,), approximate=approximate)
    if durations:
        longest = max(durations, key=lambda d: d.days())
        if "ONGOING" not in markers:
            return done("event", offset=longest.iso())
    if "ONGOING" in markers:
        return done("ongoing", start=period.start, end=period.end)
    if "EVENT" in markers or (markers & {"AFTER", "BY", "DURING", "FOLLOWING", "LINK"} and leftover):
        return done("event")
    if leftover:
        notes[0] = "not understood: " + " ".join(leftover)
    else:
        notes.insert(0, "no deadline found")
    return done("unknown")


def _month_of(s: Span) -> int:
    return s.a if s.unit == "month" else s.b


def _groups(els: list[Element]) -> list[_Group]:
    groups: list[_Group] = []
    pending_by = False
    connector = False  # a dash or "по"/"до" right after a span: a range
    open_from = False
    prev: Element | None = None
    for e in els:
        after_span, prev = isinstance(prev, Span), e
        if isinstance(e, Span):
            if e.unit == "period":
                continue
            if connector and groups and groups[-1].how in ("plain", "from") and groups[-1].b is None:
                groups[-1].how, groups[-1].b = "range", e
            else:
                how = "by" if pending_by else "from" if open_from else "plain"
                groups.append(_Group(how, e))
            pending_by = connector = open_from = False
        elif isinstance(e, Marker):
            k = e.kind
            if k == "FROM":
                open_from, pending_by, connector = True, False, False
            elif k in ("BY", "TO"):
                last = groups[-1] if groups else None
                if last is not None and last.b is None and last.how in ("plain", "from") \
                        and not pending_by and after_span:
                    connector = True
                else:
                    pending_by = not open_from
            elif k == "LIST" and e.text.isalpha() and after_span and groups \
                    and groups[-1].how == "from" and groups[-1].b is None:
                connector = True  # "between March and May", "no ... un ..."
            elif k in ("LIST", "THEN"):
                connector = pending_by = False
            elif k == "GAP":  # words in between: the "до"/"с" was about something else
                connector = pending_by = open_from = False
    return groups


def _inherit(g: _Group) -> None:
    """A range's ends lend each other what they lack: "3-7 марта", "январь – март 2024"."""
    a, b = g.a, g.b
    assert b is not None
    if a.unit == "day" and b.unit == "date":
        a.unit, a.b = "date", b.b
    if not a.has_year and b.has_year:
        a.set_year(b.year, b.rel)
        ab, bb = a.bounds(b.year or 2000), b.bounds(b.year or 2000)
        if ab and bb and ab[0] > bb[1]:
            a.shift_year(-1)
    elif a.has_year and not b.has_year:
        b.set_year(a.year, a.rel)
        ab, bb = a.bounds(a.year or 2000), b.bounds(a.year or 2000)
        if ab and bb and bb[1] < ab[0]:
            b.shift_year(1)


def _years(s: Span, period: Period, notes: list[str]) -> list[int]:
    """The years a span is read in: its own, or the period's (every year of a long period)."""
    if s.unit == "approx" and s.inner is not None and s.inner.has_year:
        return _years(s.inner, period, notes)  # "в начале 2017 года": the inner year
    if s.year is not None:
        return [s.year]
    if s.rel is not None:
        return [y + s.rel for y in (period.years if not period.single_year else [period.first_year])]
    if period.single_year:
        return [period.first_year]
    if period.short_explicit:
        # A school year: a year-less month or day is the one that falls inside it; failing
        # that, the first that overlaps it, and a person is told.
        candidates = range(period.first_year - 1, period.last_year + 1)
        for y in candidates:
            b = s.bounds(y)
            if b and period.start <= b[0] and b[1] <= period.end:
                return [y]
        for y in candidates:
            b = s.bounds(y)
            if b and b[0] <= period.end and b[1] >= period.start:
                notes.append("only partly inside the period: check the year")
                return [y]
        return [period.first_year]
    if _NO_YEAR not in notes:
        notes.append(_NO_YEAR)
    years = list(period.years)
    if s.unit == "academic":
        return years[:-1] or years
    return years


def _dated(groups: list[_Group], period: Period,
           notes: list[str]) -> tuple[str, list[Occurrence], bool] | None:
    occ: list[tuple[Occurrence, str]] = []
    approximate = False
    for g in groups:
        if g.b is not None:
            _inherit(g)
        if g.how != "by":  # "до конца года" is a due date, not an approximate window
            approximate |= g.a.approximate or (g.b is not None and g.b.approximate)
        years = _years(g.b if g.b is not None and not g.a.has_year and g.b.has_year else g.a,
                       period, notes)
        for y in years:
            ab = g.a.bounds(y)
            if ab is None:
                continue
            if g.how == "range" and g.b is not None:
                yb = g.b.year if g.b.year is not None else y
                bb = g.b.bounds(yb)
                if bb is None:
                    continue
                if bb[1] < ab[0] and g.b.year is None:
                    bb = g.b.bounds(yb + 1) or bb
                if bb[1] < ab[0]:
                    notes.append("a range that ends before it starts was left out")
                    continue
                occ.append((Occurrence(ab[0], bb[1]), "window"))
            elif g.how == "from":
                # Open-ended: from then to the end of the period (or of the span, if later).
                end = period.end if period.end >= ab[0] else date(ab[1].year, 12, 31)
                if "open-ended: runs to the end of the period" not in notes:
                    notes.append("open-ended: runs to the end of the period")
                occ.append((Occurrence(ab[0], max(end, ab[1])), "window"))
            elif g.how == "by" or g.a.unit == "date":
                due = ab[1]
                if g.a.unit == "approx" and g.a.pos == "begin" and g.a.inner is not None:
                    inner = g.a.inner.bounds(y)
                    due = inner[0] if inner else due
                elif g.a.unit == "approx" and g.a.pos == "middle" and g.a.inner is not None:
                    due = _half_way(g.a.inner, y) or due
                occ.append((Occurrence(min(period.start, due), due), "by"))
            else:
                occ.append((Occurrence(ab[0], ab[1]), "window"))
    if not occ:
        return None
    if len(occ) == 1:
        o, kind = occ[0]
        if kind == "by":
            approximate = False
        return kind, [o], approximate
    ordered = sorted({o for o, _ in occ}, key=lambda o: (o.end, o.start))
    # Point deadlines listed in a cell open when the one before them closes.
    fixed: list[Occurrence] = []
    for o in ordered:
        if o.start == period.start and fixed and o.start <= fixed[-1].end < o.end:
            o = Occurrence(fixed[-1].end + timedelta(days=1), o.end)
        fixed.append(o)
    return "recurring", fixed, approximate


def _half_way(span: Span, year: int) -> date | None:
    """The due date of "до середины года" / "by mid-2024": the last day of the year's first half.

    "в середине года" is the approximate window Q2-Q3, but a deadline *by* the middle of a
    year is the year's half-way point, 30 June (for a school year, the end of February).
    Shorter spans keep their middle ten days' end, as "до середины июня" reads.
    """
    if span.unit not in ("year", "theyear", "academic"):
        return None
    bounds = span.bounds(year)
    if bounds is None:
        return None
    start = bounds[0]
    m = start.month + 5
    return month_end(start.year + (m - 1) // 12, (m - 1) % 12 + 1)


def _recurring(els: list[Element], spans: list[Span], freqs: list[Freq], weekdays: list[Weekday],
               doms: list[DayOfMonth], durations: list[Duration], markers: set[str],
               period: Period, loose: list[str]) -> tuple[list[Occurrence], str | None, list[str], bool]:
    """The occurrences, the RRULE, notes, and whether the shaping words were applied.

    What it finds but cannot apply (a second reporting unit, a year-less quarter in a
    quarterly recurrence) goes to ``loose``: the result is then flagged, never silently wrong.
    """
    notes: list[str] = []
    named = [e.text for e in els if isinstance(e, Marker) and e.kind in ("UNITW", "PERIODEND")]
    # "месяца, следующего за отчетным кварталом", "pārskata ceturksnim sekojošā mēneša": the
    # month names where the due day falls; the longest unit named is the reporting period.
    units = sorted({u for u in named if u in _UNIT_ORDER}, key=_UNIT_ORDER.index)
    unitws = units[-1:]
    periods = [u for u in units if u != "month"]
    if freqs and periods:
        fastest = min(freqs, key=lambda f: _FREQ_ORDER.index(f.unit))
        per = normalise_unit(fastest.unit, fastest.times)[0]  # "2 раза в год": every half-year
        if periods[-1] != per:
            periods.append(per)
    if len(periods) > 1:
        loose.append("/".join(periods))  # "ежеквартально ... отчетного года": which one?
    vague = "period" in named and not freqs and not periods
    if vague and not doms:
        # "30 days after the end of each reporting period": no date to count from
        return [], None, notes, False
    if vague:
        unitws = unitws or ["month"]
        notes.append("the length of the reporting period is not stated: read as a month")
    if freqs:
        f = min(freqs, key=lambda f: _FREQ_ORDER.index(f.unit))
        unit, every, times = f.unit, f.every, f.times
    elif weekdays and weekdays[0].nth is not None:
        unit, every, times = "month", 1, 1
    elif weekdays:
        unit, every, times = "week", 1, 1
    elif unitws:
        unit, every, times = unitws[-1], 1, 1
    else:
        unit, every, times = "month", 1, 1
    unit, note = normalise_unit(unit, times)
    if note:
        notes.append(note)
    rec = Recurrence(unit=unit, every=every, times=times)
    if weekdays:
        rec.weekdays = sorted({w.day for w in weekdays})
        rec.nth = next((w.nth for w in weekdays if w.nth is not None), None)
        if rec.nth is not None:
            rec.unit = "month"
        elif rec.unit not in ("week", "day"):
            rec.unit = "week"
    nth = [e for e in els if isinstance(e, Marker) and e.kind in ("NTHMONTH", "INMONTH")]
    if doms:
        rec.day_of_month = doms[-1].day  # "с 1 по 15 число": due at the end of the span
        rec.following = "FOLLOWING" in markers
        rec.last_month = "LASTMONTH" in markers
        for mk in nth:
            if mk.kind == "NTHMONTH":  # "5-го числа третьего месяца после отчетного квартала"
                rec.following, rec.months_after = True, mk.n
            else:  # "20 числа второго месяца квартала"
                rec.in_month = mk.n
    if durations and "FOLLOWING" in markers and not doms and all(
            d.unit == "M" and d.n == 1 for d in durations):
        # "в течение месяца, следующего за отчетным кварталом": by the end of that month
        rec.day_of_month, rec.following = 31, True
    elif durations and (markers & {"AFTER", "PLUS", "PERIODEND", "FOLLOWING"}):
        longest = max(durations, key=lambda d: d.days())
        if longest.unit in ("M", "Y"):
            rec.offset_months = longest.n * (12 if longest.unit == "Y" else 1)
        else:
            rec.offset_days = longest.days()
    used = rec.day_of_month is not None or rec.offset_days is not None or bool(rec.offset_months)
    if vague:
        used = False  # read as a month, but the phrase did not say so: flagged
    start, end = period.start, period.end
    extra: list[Occurrence] = []
    then_seen = False
    shift = 0
    yearly: list[Span] = []  # "annually (Q1)": a year-less part of the year, every year
    ranges: list[tuple[Span, Span]] = []  # "ежегодно, ноябрь – декабрь"
    taken: set[int] = set()
    for k in range(len(els) - 2):
        first, m, last = els[k], els[k + 1], els[k + 2]
        if isinstance(first, Span) and isinstance(last, Span) and isinstance(m, Marker) \
                and m.kind == "TO" and not first.has_year and not last.has_year \
                and first.unit in ("month", "date") and last.unit in ("month", "date"):
            ranges.append((first, last))
            taken.update((id(first), id(last)))
    prev: Element | None = None
    for e in els:
        if isinstance(e, Marker) and e.kind == "DURING":
            continue  # "starting in 2026": the "in" changes nothing
        after_from, prev = isinstance(prev, Marker) and prev.kind == "FROM", e
        if isinstance(e, Marker) and e.kind == "THEN":
            then_seen = True
        if not isinstance(e, Span) or id(e) in taken:
            continue
        if e.unit == "year" and e.year is not None and after_from:
            # "ежегодно, начиная с 2023 года": from that year to the end of the period
            start = date(e.year, 1, 1)
            end = max(end, date(e.year, 12, 31))
        elif e.unit == "year" and e.year is not None and "THEN" not in markers:
            start, end = date(e.year, 1, 1), date(e.year, 12, 31)
        elif not e.has_year and rec.unit == "year" and e.unit in (
                "quarter", "half", "decade", "season", "months", "approx"):
            yearly.append(e)
        elif e.unit == "month" and not e.has_year:
            rec.months.append(e.a)
        elif e.unit == "date" and e.year is None:
            rec.dates.append((e.a, e.b))
            shift = e.rel or 0
        elif e.has_year or then_seen:
            bounds = e.bounds(e.year or period.first_year)
            if bounds:
                extra.append(Occurrence(*bounds))
        elif e.unit != "theyear":
            loose.append(f"{e.unit} {e.a or ''}".strip())  # "ежеквартально ... II кварталом"
    # "ежегодно до 1 февраля 2024-2026": a span of years restricts the recurrence.
    years = [e for e in spans if e.unit == "year"]
    if len(years) >= 2:
        start, end = date(years[0].year or start.year, 1, 1), date(years[-1].year or end.year, 12, 31)
    if yearly or ranges:
        found: set[Occurrence] = set()
        for y in range(start.year, end.year + 1):
            found.update(Occurrence(*sb) for s in yearly if (sb := s.bounds(y)) is not None)
            for a, b in ranges:
                # "ноябрь – февраль": the end falls in the next year
                wraps = _month_of(b) < _month_of(a)
                ab, bb = a.bounds(y), b.bounds(y + 1 if wraps else y)
                if ab and bb and ab[0] <= bb[1]:
                    found.add(Occurrence(ab[0], bb[1]))
        inside = [o for o in found if o.end >= period.start and o.start <= period.end]
        return sorted(inside, key=lambda o: o.end), None, notes, used
    if rec.months:
        rec.unit = "year"
    if rec.dates and shift:
        # "ежегодно до 15 января года, следующего за отчетным": the report on each year of
        # the period falls due in the year after it.
        start, end = date(start.year + shift, 1, 1), date(end.year + shift, 12, 31)
    if extra and not then_seen and not freqs:
        return [], None, notes, used
    occ, rrule = expand(rec, start, end)
    if rec.dates and not shift:  # "ежегодно до 1 февраля" in a school year: the one inside it
        occ = [o for o in occ if o.end >= period.start and o.start <= period.end]
    if extra:
        latest = max(o.end for o in extra)
        occ = sorted({*extra, *(o for o in occ if o.end > latest)}, key=lambda o: o.end)
        rrule = None
    return occ, rrule, notes, used
