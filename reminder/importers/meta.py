"""What a plan says about itself: title, period, language, country, "deadlines set later"."""

from __future__ import annotations

import re
import unicodedata

from reminder.importers.words import (
    COUNTRY_BY_LANG,
    COUNTRY_WORDS,
    LANG_LETTERS,
    SET_LATER,
    TITLE_WORDS,
)

_YEAR_RANGE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\.?\s*(?:[-–—]|по|до|to|līdz)\s*((?:19|20)\d{2})(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# A single year is the plan period only when the title says "for that year".
_FOR_YEAR = re.compile(
    r"(?:\b(?:на|for|за)\s+((?:19|20)\d{2})\b)"
    r"|(?:\b((?:19|20)\d{2})\.?\s*(?:gadam|gadā|рік|год|году|year)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZА-ЯЁІЇЄҐĀČĒĢĪĶĻŅŠŪŽ])")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\.?(?!\d)")


def find_title(paragraphs: list[str], first_heading: int | None = None) -> str | None:
    """The plan's title: the first paragraph naming a plan, with its lower-case continuation.

    A document with headings (slides, Markdown) is titled by its first heading when no
    paragraph before it names a plan.
    """
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in TITLE_WORDS) + r")(?!\w)", re.IGNORECASE
    )
    for i, text in enumerate(paragraphs):
        if first_heading is not None and i >= first_heading:
            return " ".join(paragraphs[first_heading].split())
        if len(text) > 400 or not pattern.search(text):
            continue
        title = " ".join(text.split())
        # "ПЛАН ЗАХОДІВ" + "щодо реалізації ... на 2020 рік": a title broken over lines.
        j = i + 1
        while j < len(paragraphs) and paragraphs[j][:1].islower() and len(title) < 400:
            title += " " + " ".join(paragraphs[j].split())
            j += 1
        return title
    for text in paragraphs:
        if len(text) >= 12 and any(ch.isalpha() for ch in text):
            return " ".join(text.split())
    return None


def period_from_title(title: str | None) -> str | None:
    """The plan period a title states: "на 2020 рік" -> "2020", "2024.-2026. gadam" -> range."""
    if not title:
        return None
    m = _YEAR_RANGE.search(title)
    if m and int(m.group(1)) <= int(m.group(2)):
        return f"{m.group(1)}-{m.group(2)}"
    m = _FOR_YEAR.search(title)
    if m:
        return m.group(1) or m.group(2)
    return None


def period_from_dates(text: str) -> str | None:
    """"12.08.2019. – 31.10.2020." -> "2019-08-12..2020-10-31" (two day.month.year dates)."""
    dates = _DMY.findall(text)
    if len(dates) < 2:
        return None
    (d1, m1, y1), (d2, m2, y2) = dates[0], dates[1]
    a = f"{int(y1):04d}-{int(m1):02d}-{int(d1):02d}"
    b = f"{int(y2):04d}-{int(m2):02d}-{int(d2):02d}"
    return f"{a}..{b}" if a <= b else None


def period_from_years(texts: list[str]) -> str | None:
    """The span of the years the given texts mention ("2023" .. "2030"), or None."""
    years = sorted({int(y) for t in texts for y in _YEAR.findall(t)})
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


def detect_language(text: str) -> str:
    """ru, uk, lv or en, by the letters only one of them uses and by script."""
    lower = text[:100_000].lower()  # a sample is enough, and keeps big documents fast
    scores = {lang: sum(map(lower.count, letters)) for lang, letters in LANG_LETTERS.items()}
    cyrillic = sum(1 for ch in lower if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in lower if ch.isascii() and ch.isalpha())
    if cyrillic > latin:
        return "uk" if scores["uk"] > scores["ru"] else "ru"
    if scores["lv"] > max(3, latin // 200):
        return "lv"
    return "en"


def detect_country(lang: str, head_text: str) -> str | None:
    """The plan's country: by language unless the document's head names another country."""
    lower = unicodedata.normalize("NFC", head_text.lower())
    for stem, country in COUNTRY_WORDS.items():
        if stem in lower:
            return country
    return COUNTRY_BY_LANG.get(lang)


def says_set_later(paragraphs: list[str]) -> str | None:
    """The sentence saying deadlines/executors will be set later, if the document has one."""
    for text in paragraphs:
        lower = text.lower()
        for phrase in SET_LATER:
            at = lower.find(phrase)
            if at >= 0:
                ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= at]
                start = ends[-1] if ends else 0
                after = _SENTENCE_END.search(text, at)
                return " ".join(text[start: after.start() + 1 if after else None].split())
    return None
