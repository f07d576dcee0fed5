"""The digest's own sections as the templates see them (templates/email/_digest.*,
templates/telegram/_digest.html): the department table with its text bars, the ageing
buckets, the chart's image, the listed overdue items with "and N more", the changes since the
last digest, and the one line of a digest with nothing to say.

Words come from templates/words/<lang>.txt (the ``digest_*`` keys); a deployment's copy made
before a key existed takes the built-in word, so an older copy keeps rendering. Values (names,
titles, notes) are plan data: flattened to one line here, escaped by the HTML templates."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from babel.numbers import format_decimal
from jinja2 import Environment

from reminder.messages import i18n
from reminder.messages.chart import CHART_ROWS, chart_png, text_bar
from reminder.messages.digest import CHANGE_SECTIONS, Answered, Digest

CHART_CID = "overdue-chart"  # the image's Content-ID in the email (and its file in the outbox)
WORD_KEYS = ("summary", "columns", "total", "ageing", "chart", "chart_rows",
             "more_in_department", "more_overdue", "departments_unlisted",
             "newly_overdue", "answered", "answers", "more", "quiet", "quiet_subject")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def digest_words(env: Environment, builtin: Environment, lang: str) -> dict[str, Any]:
    """The ``digest_*`` words of ``lang`` from ``env``'s word table, each missing one from the
    built-in table (``builtin``)."""
    module = env.get_template(f"words/{lang}.txt").module
    out = {k: getattr(module, f"digest_{k}", None) for k in WORD_KEYS}
    if any(v is None for v in out.values()):
        base = builtin.get_template(f"words/{lang}.txt").module
        out = {k: v if v is not None else getattr(base, f"digest_{k}") for k, v in out.items()}
    return out


def number(n: int, lang: str) -> str:
    """``n`` with the language's digit grouping: 1,234 (en), 1 234 (ru, uk, lv)."""
    return format_decimal(n, locale=lang)


def fill(pattern: str, **values: object) -> str:
    """``pattern`` with its {name}s replaced (plain substitution: a translation may hold other
    braces, and no value reaches a format machinery); an unknown name stays as written."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), pattern)


def digest_context(digest: Digest | None, lang: str, words: dict[str, Any],
                   one_line: Callable[[str | None], str],
                   departments: Sequence[tuple[str, Sequence[Any]]],
                   entry_view: Callable[[Any], dict[str, str]]) -> dict[str, Any]:
    """What the digest templates use beyond a reminder's context. ``departments``: the listed
    overdue item views grouped by department (render._departments); ``one_line`` flattens
    plan text, ``entry_view`` shows a DigestEntry. Without a Digest (a sample stand-in, an
    older caller) the new sections are empty."""
    if not isinstance(digest, Digest):
        return {"dw": words, "quiet": False, "summary": [], "ageing": "", "chart": None,
                "listed": [(name, group, "") for name, group in departments],
                "unlisted": "", "newly_overdue": [], "answered": [],
                "changes_more": dict.fromkeys((*CHANGE_SECTIONS, "due_soon"), ""),
                "chart_note": "", "total": None, "has_changes": False, "bars": []}
    deps = digest.departments
    top = max((d.overdue for d in deps), default=0)
    summary = [{"n": k, "name": one_line(d.name), "open": number(d.open, lang),
                "overdue": number(d.overdue, lang),
                "buckets": [number(b, lang) for b in d.buckets],
                "bar": text_bar(d.overdue, top)} for k, d in enumerate(deps, start=1)]
    b = digest.buckets
    total = {"name": words["total"], "open": number(sum(d.open for d in deps), lang),
             "overdue": number(digest.overdue_total, lang),
             "buckets": [number(x, lang) for x in b]} if len(deps) > 1 else None
    by_name = {d.name: d for d in deps}
    # the digest's order (most overdue first), and how many of each department it lists
    order = {name: k for k, (name, _) in enumerate(digest.overdue)}
    counted = {name: len(group) for name, group in digest.overdue}
    listed = []
    for name, group in sorted(departments, key=lambda g: order.get(g[0], len(order))):
        d = by_name.get(name)
        more = d.overdue - counted.get(name, 0) if d is not None else 0
        line = ""
        if d is not None and more > 0:
            pattern = words["more_in_department"] if d.id else words["more_overdue"]
            line = fill(pattern, n=number(more, lang), id=d.id or "")
        listed.append((one_line(name), group, line))
    shown = {name for name, _ in digest.overdue}
    hidden = [d for d in deps if d.overdue and d.name not in shown]
    unlisted = fill(words["departments_unlisted"], n=number(len(hidden), lang),
                    count=number(sum(d.overdue for d in hidden), lang)) if hidden else ""
    charted = [d.overdue for d in deps if d.overdue][:CHART_ROWS]
    unlisted_of = {**dict(digest.more), "due_soon": digest.due_soon_more}
    # per section, "and N more" ("": every entry is listed)
    more_lines = {k: fill(words["more"], n=number(unlisted_of[k], lang))
                  if unlisted_of.get(k) else "" for k in (*CHANGE_SECTIONS, "due_soon")}
    return {
        "dw": words,
        "quiet": digest.empty,
        "quiet_line": words["quiet"],
        "quiet_subject": fill(words["quiet_subject"], date=i18n.long_date(digest.at.date(),
                                                                           lang)),
        "summary": summary,
        "bars": [d for d in summary if d["bar"]][:CHART_ROWS],  # the chart as characters
        "total": total,
        "ageing": fill(words["ageing"], a=number(b[0], lang), b=number(b[1], lang),
                       c=number(b[2], lang)) if digest.overdue_total else "",
        "chart": {"cid": CHART_CID, "alt": words["chart"]} if charted else None,
        "chart_note": fill(words["chart_rows"], n=CHART_ROWS)
        if len([d for d in deps if d.overdue]) > CHART_ROWS else "",
        "listed": listed,
        "unlisted": unlisted,
        "newly_overdue": [{**entry_view(e), "late": i18n.working_days(
            e.working_days_late or 0, lang)} for e in digest.newly_overdue],
        "answered": [answered_line(a, lang, words, one_line) for a in digest.answered],
        "changes_more": more_lines,
        "has_changes": bool(digest.since and (digest.newly_overdue or digest.answered)),
        "late_count": digest.overdue_total,
        "soon_count": len(digest.due_soon) + digest.due_soon_more,
    }


def chart_image(digest: Digest | None) -> bytes | None:
    """The chart's PNG for ``digest`` (None: nothing is overdue, no chart)."""
    if not isinstance(digest, Digest):
        return None
    counts = [d.overdue for d in digest.departments if d.overdue]
    return chart_png(counts) if counts else None


def answered_line(a: Answered, lang: str, words: dict[str, Any],
                  one_line: Callable[[str | None], str]) -> dict[str, str]:
    """One answered request: its item and the answer, worded."""
    pattern = words["answers"].get(a.status, a.status + " ({by})")
    return {"plan_id": one_line(a.plan_id), "task_id": one_line(a.task_id),
            "task_title": one_line(a.task_title),
            "answer": fill(pattern, executor=one_line(a.executor), by=one_line(a.answered_by),
                           due=i18n.long_date(a.new_due, lang) if a.new_due else ""),
            "note": one_line(a.note)}
