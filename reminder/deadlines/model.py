"""What a parsed deadline is: the output contract of deadlines/SPEC.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple, get_args

Kind = Literal["window", "by", "recurring", "ongoing", "event", "unknown"]
KINDS: tuple[str, ...] = get_args(Kind)


class Occurrence(NamedTuple):
    """One due instance: the window it may be done in, and its due date (``end``).

    A named tuple: a daily recurrence makes hundreds of them per phrase.
    """

    start: date
    end: date

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Period:
    """The plan period a phrase is read against: a year, a range of years, or two dates."""

    start: date
    end: date
    explicit: bool = False  # given as dates ("2019-08-12..2020-10-31"), not as whole years

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    @property
    def single_year(self) -> bool:
        return self.start.year == self.end.year

    @property
    def short_explicit(self) -> bool:
        """Dates spanning under two years (a school year): year-less dates fall inside it."""
        return self.explicit and (self.end - self.start).days < 730

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse(cls, text: str | int | Period) -> Period:
        """Read ``2020``, ``2023-2025``, ``2020/2021`` (1 Sep .. 31 Aug) or
        ``2019-08-12..2020-10-31``; ValueError otherwise."""
        if isinstance(text, Period):
            return text
        if isinstance(text, int):
            return cls.year(text)
        s = str(text).strip()
        m = re.fullmatch(r"(\d{4})", s)
        if m:
            if not 1000 <= int(m.group(1)) <= 9990:
                raise ValueError(f"period {s!r}: not a year")
            return cls.year(int(m.group(1)))
        m = re.fullmatch(r"(\d{4})\s*[-–—]\s*(\d{4})", s)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                raise ValueError(f"period {s!r}: the first year is after the last")
            if not 1000 <= a <= b <= 9990:
                raise ValueError(f"period {s!r}: years must lie in 1000-9990")
            return cls(date(a, 1, 1), date(b, 12, 31))
        m = re.fullmatch(r"(\d{4})\s*/\s*(\d{4}|\d{2})", s)
        if m:  # a school year, "2020/2021" or "2020/21": 1 September .. 31 August
            a = int(m.group(1))
            if int(m.group(2)) not in (a + 1, (a + 1) % 100):
                raise ValueError(f"period {s!r}: a school year is two years in a row (2020/2021)")
            if not 1000 <= a <= 9990:
                raise ValueError(f"period {s!r}: years must lie in 1000-9990")
            return cls(date(a, 9, 1), date(a + 1, 8, 31), explicit=True)
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})", s)
        if m:
            try:
                a_d, b_d = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
            except ValueError as exc:
                raise ValueError(f"period {s!r}: {exc}") from None
            if a_d > b_d:
                raise ValueError(f"period {s!r}: the start is after the end")
            if not 1000 <= a_d.year <= b_d.year <= 9990:
                raise ValueError(f"period {s!r}: the dates must lie in 1000-9990")
            return cls(a_d, b_d, explicit=True)
        raise ValueError(
            f"period {s!r} is not a year (2020), a range of years (2023-2025), "
            "a school year (2020/2021) or two dates (2019-08-12..2020-10-31)"
        )

    def __str__(self) -> str:
        if self.explicit:
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.single_year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"


class Deadline(NamedTuple):
    """What a deadline phrase means as dates (SPEC.md, "The output contract").

    An immutable named tuple: cheap to build, safe to share from the parser's cache.
    """

    text: str
    kind: Kind
    start: date | None = None
    end: date | None = None
    occurrences: tuple[Occurrence, ...] = ()
    rrule: str | None = None
    offset: str | None = None
    approximate: bool = False
    lang: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def due_dates(self) -> list[date]:
        return [o.end for o in self.occurrences]

    def to_json(self) -> dict[str, Any]:
        """The JSON object `reminder parse --json` prints: exactly SPEC.md's fields."""
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "occurrences": [o.to_json() for o in self.occurrences],
            "rrule": self.rrule,
            "offset": self.offset,
            "approximate": self.approximate,
            "lang": self.lang,
            "notes": list(self.notes),
        }
