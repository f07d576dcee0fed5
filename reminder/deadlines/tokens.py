"""Cutting a normalised deadline cell into tokens.

The token pattern is an alternation of simple pieces whose only repetition is anchored by a
literal apostrophe, so matching is linear in the length of the text whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reminder.deadlines.lexicon import LEXICON, Lexeme, fold

_TOKEN = re.compile(
    # one separator twice: "10.01/10.04" is two days, not 10 January 2010
    r"(?P<date>(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d]))\.?"
    r"|(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\d)"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<dm>\d{1,2}\.\d{1,2})(?![\d])(?!\.\d)"
    r"|(?P<num>\d{1,6})(?:st|nd|rd|th|ый|ий|ой|го|й)?(?![\d])"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<punct>[-,;:()/.+&])"
)

@dataclass(slots=True)
class Token:
    """One token: ``kind`` is date, iso, time, dm, num, word, phrase or punct."""

    kind: str
    text: str
    value: Any = None
    lex: Lexeme | None = None
    typo: bool = False  # ``value`` is the known word this misspelt one was read as

    def cat(self, name: str) -> Any:
        """The token's value in a lexicon category, or None."""
        return self.lex.cats.get(name) if self.lex is not None else None

    def has(self, *names: str) -> bool:
        lex = self.lex
        if lex is None:
            return False
        cats = lex.cats
        for n in names:  # noqa: SIM110 - a loop, not any(): runs for every token many times
            if n in cats:
                return True
        return False


# A Roman numeral typed with look-alikes: "1v" (digit one), "iy"/"iу" (Y or Cyrillic У for V),
# "ш" (Cyrillic Ш for III). Read as a numeral only before a quarter or half-year word.
_NUMERAL_TYPO = re.compile(r"(?<!\w)([1ivxyуш]{1,4})(?=[\s.]*([^\W\d_]+))")
_LOOKALIKE = str.maketrans({"1": "i", "y": "v", "у": "v", "ш": "iii"})
_CANONICAL_ROMAN = ("i", "ii", "iii", "iv")


def _numeral_typos(text: str) -> dict[int, tuple[int, str | None]]:
    """Where a misspelt Roman numeral stands before a quarter or half: start -> (end, numeral).

    "1V квартал", "IY квартал", "Ш квартал": read as IV, IV, III. A numeral the unit cannot
    have ("1V полугодие": a fourth half) is None: kept whole as one unread word, so "1" is not
    read as the first half.
    """
    found: dict[int, tuple[int, str | None]] = {}
    for m in _NUMERAL_TYPO.finditer(text):
        typed, unit = m.group(1), m.group(2)
        if typed.isdigit() or set(typed) <= set("ivx"):
            continue  # "11 квартал", "iv квартал": not a look-alike
        fixed = typed.translate(_LOOKALIKE)
        lex = LEXICON.entries.get((unit,)) or LEXICON.entries.get((fold(unit),))
        if lex is None or fixed not in _CANONICAL_ROMAN:
            continue
        if "QUARTER" in lex.cats or ("HALF" in lex.cats and fixed in _CANONICAL_ROMAN[:2]):
            found[m.start()] = (m.end(), fixed)
        elif "HALF" in lex.cats:
            found[m.start()] = (m.end(), None)
    return found


def tokenize(text: str) -> list[Token]:
    """Cut a normalised cell into tokens; words and phrases get their lexicon entries."""
    raw: list[Token] = []
    reach, entries = LEXICON.reach, LEXICON.entries
    # Every look-alike holds one of these; most cells hold none and skip the search.
    typos = _numeral_typos(text) if any(c in text for c in "1yуш") else {}
    skip_to = 0
    for m in _TOKEN.finditer(text):
        if m.start() < skip_to:
            continue  # the rest of a misspelt numeral already read
        if m.start() in typos:
            skip_to, fixed = typos[m.start()]
            typed = text[m.start():skip_to]
            raw.append(Token("word", typed, fixed, typo=True) if fixed is not None
                       else Token("word", typed, typed))
            continue
        kind = m.lastgroup or "punct"
        s = m.group(kind)
        if kind == "word":
            r = reach.get(s)
            if r == 1:  # a word that starts no phrase: look it up now
                raw.append(Token("word", s, s, entries.get((s,))))
            elif r is not None:
                raw.append(Token("word", s, s))
            else:
                raw.extend(_unglue(s))
        elif kind == "num":
            raw.append(Token("num", m.group(0), int(s)))  # text keeps "10th", "5го"
        elif kind == "punct":
            raw.append(Token("punct", s))
        elif kind == "date":
            d, mo, y = (int(x) for x in m.group("d", "m", "y"))
            if mo > 12 >= d:  # "12/31/2025": only month first can be a date
                d, mo = mo, d
            raw.append(Token("date", s, (d, mo, y if len(m.group("y")) == 4 else 2000 + y)))
        elif kind == "iso":
            iy, im, iday = m.group("iy", "im", "id")
            raw.append(Token("date", s, (int(iday), int(im), int(iy))))
        elif kind == "dm":
            dd, mm = s.split(".")
            if 1 <= int(mm) <= 12:
                raw.append(Token("date", s, (int(dd), int(mm), None)))
            else:  # "14.00" is a time of day
                raw.append(Token("time", s))
        else:
            raw.append(Token("time", s))
    # Most cells have no hyphen, so no word broken across a line: skip that pass.
    return _join_phrases(_mend_broken_words(raw) if "-" in text else raw)


_ROMAN_HEAD = re.compile(r"[ivxіх]{1,4}")


_CYR = set("абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґ")
_LAT = set("abcdefghijklmnopqrstuvwxyz")
# Latin letters that look Cyrillic, as typed by mistake inside Cyrillic words ("Щoквартально").
_TO_CYRILLIC = str.maketrans("aceiopxykmtbh", "асеіорхукмтвн")


def _unglue(word: str) -> list[Token]:
    """"ivквартал" -> "iv", "квартал": a Roman numeral typed without its space."""
    letters = set(word)
    if letters & _CYR and letters & _LAT and word not in LEXICON.reach:
        fixed = word.translate(_TO_CYRILLIC)
        if fixed in LEXICON.reach:
            return [Token("word", word, fixed)]
    if word not in LEXICON.reach and (m := _ROMAN_HEAD.match(word)) and m.end() < len(word):
        rest = word[m.end():]
        if rest in LEXICON.reach or fold(rest) in LEXICON.reach:
            return [Token("word", m.group(), m.group()), Token("word", rest, rest)]
    if word not in LEXICON.words and fold(word) not in LEXICON.words \
            and (known := LEXICON.closest(word)) is not None:
        return [Token("word", word, known, typo=True)]
    return [Token("word", word, word)]


def _mend_broken_words(raw: list[Token]) -> list[Token]:
    """"ежеквар- тально": a word split by a PDF's line wrapping, joined again when the whole
    is a known word and its halves are not both words of their own."""
    if len(raw) < 3:
        return raw
    out: list[Token] = []
    i = 0
    words = LEXICON.words
    while i < len(raw):
        t = raw[i]
        if t.kind == "word" and i + 2 < len(raw) and raw[i + 1].kind == "punct" \
                and raw[i + 1].text == "-" and raw[i + 2].kind == "word" \
                and (whole := t.text + raw[i + 2].text) in words \
                and not (t.text in words and raw[i + 2].text in words):
            out.append(Token("word", whole, whole, LEXICON.entries.get((whole,))))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def _join_phrases(raw: list[Token]) -> list[Token]:
    # Longest match first, over runs of words, so "по мере необходимости" is one token.
    out: list[Token] = []
    i, n = 0, len(raw)
    reach, entries = LEXICON.reach, LEXICON.entries
    while i < n:
        tok = raw[i]
        if tok.kind != "word" or tok.lex is not None:
            out.append(tok)
            i += 1
            continue
        max_len = reach.get(tok.value, 0)
        if max_len == 0 and (folded := fold(tok.value)) != tok.value:
            tok.value = folded  # typed without diacritics, or with them where tables fold
            max_len = reach.get(folded, 0)
        if max_len <= 1:
            tok.lex = entries.get((tok.value,))
            out.append(tok)
            i += 1
            continue
        # Gather the words ahead, looking through the dots of abbreviations ("н.р.").
        idx: list[int] = []
        j = i
        while j < n and len(idx) < max_len:
            if raw[j].kind == "word":
                idx.append(j)
            elif not (raw[j].kind == "punct" and raw[j].text in ".-/"):
                break
            j += 1
        words = tuple(raw[k].value for k in idx)
        for length in range(len(words), 0, -1):
            lex = entries.get(words[:length])
            if lex is not None:
                last = idx[length - 1]
                text = " ".join(raw[k].text for k in idx[:length])
                kind = "phrase" if length > 1 else "word"
                out.append(Token(kind, text, " ".join(words[:length]), lex))
                i = last + 1
                break
        else:
            out.append(tok)
            i += 1
    return out
