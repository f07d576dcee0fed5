"""Render a Message into an email subject, text and HTML bodies and a Telegram HTML body.

Templates live in ``templates/email/<lang>/`` and ``templates/telegram/<lang>/``, one file per
message kind (opens, upcoming, due, overdue, escalation, digest) and part
(``<kind>.subject.txt``, ``<kind>.txt``, ``<kind>.html`` for email; ``<kind>.html`` for
Telegram), each extending the language's ``_layout`` which lists the items. A deployment's
``templates:`` folder is searched first, file by file, then the built-in folder.

Plan text (titles, results, names) only ever enters as data in the render context: it is
never compiled as a template, HTML outputs are autoescaped, and undefined variables are errors.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from reminder.languages.loader import PackWordsLoader
from reminder.messages import as_planned, i18n
from reminder.messages.digest import NEED_KINDS, Need
from reminder.messages.model import Item, Message, RenderedMessage
from reminder.schedule.kinds import LADDER_ROLES

KINDS: tuple[str, ...] = ("opens", "upcoming", "due", "overdue", "escalation", "digest")
# Telegram: a reminder carries buttons for at most this many items (more would be a wall of
# buttons); beyond it the message says how to act instead (/tasks, /done).
MAX_ITEMS_WITH_BUTTONS = 8
# Most urgent first: a message's kind is its most urgent item's stage, and sections of the body
# come in this order so what matters most is read first.
URGENCY: tuple[str, ...] = ("escalation", "overdue", "due", "upcoming", "opens")
SUBJECT_MAX = 200
TELEGRAM_TITLE_MAX = 300  # keeps one item well inside Telegram's 4,096 characters
PHRASE_MAX = 200  # the plan's deadline phrase, within one line
_STOPS = (".", "!", "?", "…")  # a value ending in one of these takes no full stop of ours

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Terminal escape sequences whole (CSI "ESC [ 31 m", OSC "ESC ] ... BEL", two-byte ones): with
# only the ESC removed, "[31m" fragments would be left in the text.
_ANSI = re.compile(r"\x9b[0-?]*[ -/]*[@-~]"  # CSI as one 8-bit character
                   r"|\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Bidirectional overrides and isolates (and a stray BOM) reorder what a reader sees, so a
# title could show another text than it holds ("Trojan Source"); plan text needs none.
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _squeeze(text: str) -> str:
    """At most one blank line in a row: templates stay readable, messages stay compact."""
    return _BLANK_RUNS.sub("\n\n", text).strip()


def builtin_templates_dir() -> Path:
    """The built-in templates folder, found relative to the installed package.

    Checked in order: ``reminder/templates`` (when shipped as package data) and the project's
    top-level ``templates/`` (source checkout and editable install).
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "email").is_dir() and (candidate / "telegram").is_dir():
            return candidate
    raise FileNotFoundError(f"built-in templates not found next to {package}")


@lru_cache(maxsize=8)
def environment(templates_dir: Path | None = None) -> Environment:
    """A Jinja2 environment: the deployment folder first, then the built-in one.

    ``.html`` templates are autoescaped (email HTML and Telegram HTML), text ones are not;
    StrictUndefined turns a typo in a template into an error instead of an empty string.
    """
    search = [str(templates_dir)] if templates_dir is not None else []
    # words/<lang>.txt: the deployment's own first, then the language pack's messages.txt
    loader = ChoiceLoader([*(FileSystemLoader(p) for p in search), PackWordsLoader(),
                           FileSystemLoader(str(builtin_templates_dir()))])
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # No stat() of every template file per message: a daemon picks up edited templates
        # when it reloads (SIGHUP clears this cache), not in the middle of a batch.
        auto_reload=False,
    )
    env.filters["stop"] = stop
    return env


def stop(value: object) -> str:
    """``value`` followed by a full stop, unless it already ends with one (or "!", "?", "…"):
    "п. {{ item.task_id|stop }}" gives "п. 3." for the plan's "3" and for its "3." alike, never
    "3..". Templates use it wherever their own "." would follow plan text."""
    text = str(value).rstrip()
    return text if text.endswith(_STOPS) else text + "."


def one_line(text: str | None, limit: int | None = None) -> str:
    """Collapse newlines, control characters and runs of spaces, drop terminal escape
    sequences and bidirectional overrides; cut to ``limit`` with '…'."""
    if not text:
        return ""
    text = _BIDI.sub("", _ANSI.sub("", text))
    flat = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def message_kind(message: Message) -> str:
    """'digest' for digests, else the stage of the message's most urgent item."""
    if message.kind == "digest":
        return "digest"
    stages = {item.stage for item in message.items}
    return next((s for s in URGENCY if s in stages), "upcoming")


def message_language(message: Message) -> str:
    """The recipient's language, else the plan's (of the first item), else English."""
    plan_lang = (message.notice.plan_language if message.notice is not None
                 else message.items[0].plan_language if message.items else None)
    return i18n.pick_language(message.recipient.language, plan_lang)


@dataclass(frozen=True)
class ItemView:
    """One item as the templates see it: plan text flattened to one line, dates and counts
    already worded in the message's language."""

    stage: str
    plan_id: str
    plan_title: str
    task_id: str
    task_title: str
    short_title: str
    short_plan: str
    result: str
    short_result: str
    window: str
    # the window is a range ("1 July – 2 October 2023"), not one day: some languages label a
    # range differently from a day ("Timeframe:" / "Deadline:")
    ranged: bool
    due: str
    days_left: int
    days_left_text: str
    late_text: str
    role: str
    role_text: str
    lead_name: str
    others: tuple[str, ...]
    catch_up: bool
    plan_said: str  # the plan's deadline phrase when it says more than the date, else ""
    nominal: str  # the date the deadline gives, worded, before any move off a holiday
    moved: str  # "next" / "previous": the due day was moved off a non-working day; else ""
    asked: str  # when more time was asked for, still unanswered (worded date), else ""
    # The email's action links (reminder.web.links), one dict per occurrence of the line:
    # "due" (worded, only when the line lists several), "done", "more_time", "snooze".
    # Empty unless the web view's base_url is configured.
    links: tuple[dict[str, str], ...] = ()


Links = Callable[[Message, Item], "dict[str, str] | None"]


def _links(message: Message, group: list[Item], lang: str, links: Links | None
           ) -> tuple[dict[str, str], ...]:
    """The action links of one line: per occurrence, with its due date when there are
    several."""
    if links is None:
        return ()
    out = []
    for item in group:
        found = links(message, item)
        if found:
            due = i18n.long_date(item.due, lang) if len(group) > 1 and item.due else ""
            out.append({"due": due, **found})
    return tuple(out)


def _views(items: tuple[Item, ...], lang: str, message: Message | None = None,
           links: Links | None = None) -> list[ItemView]:
    """One view per line of the message: the occurrences of one recurring task at the same
    stage are one line listing their due dates ("quarters I–III overdue"), worded from the
    most late of them, not a line per quarter."""
    groups: dict[tuple[str, str, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.plan_id, item.task_id, item.stage), []).append(item)
    out = []
    for group in groups.values():
        also = sorted({d for i in group for d in i.also_overdue})
        acts = _links(message, group, lang, links) if message is not None else ()
        if len(group) == 1 and not also:
            out.append(dataclasses.replace(_item_view(group[0], lang), links=acts))
            continue
        group.sort(key=lambda i: i.due or date.min)
        worst = max(group, key=lambda i: (i.working_days_late or 0, -i.days_left))
        # the older periods an item speaks for (reminder.schedule.due.covered), then its own
        dues = sorted({*also, *(i.due for i in group if i.due is not None)})
        # The phrase ("щоквартально") stands for them all; each date's own move is not told.
        out.append(dataclasses.replace(_item_view(worst, lang), window=i18n.dates(dues, lang),
                                       ranged=False,
                                       catch_up=any(i.catch_up for i in group),
                                       asked=next((i18n.long_date(i.more_time_asked, lang)
                                                   for i in group if i.more_time_asked), ""),
                                       nominal="", moved="", links=acts))
    return out


def _item_view(item: Item, lang: str) -> ItemView:
    late = item.working_days_late
    return ItemView(
        stage=item.stage,
        plan_id=one_line(item.plan_id),
        plan_title=one_line(item.plan_title),
        task_id=one_line(item.task_id),
        task_title=one_line(item.task_title),
        short_title=one_line(item.task_title, TELEGRAM_TITLE_MAX),
        short_plan=one_line(item.plan_title, TELEGRAM_TITLE_MAX),
        result=one_line(item.result),
        short_result=one_line(item.result, TELEGRAM_TITLE_MAX),
        window=i18n.window(item.window_start, item.due, lang),
        ranged=(item.window_start is not None and item.due is not None
                and item.window_start < item.due),
        due=i18n.long_date(item.due, lang),
        days_left=item.days_left,
        days_left_text=i18n.days_left(item.days_left, lang) if item.days_left >= 0 else "",
        late_text=i18n.working_days(late, lang) if late else "",
        role=item.role,
        role_text=i18n.role_name(item.role, lang),
        lead_name=one_line(item.lead_name),
        others=tuple(one_line(o) for o in item.others),
        catch_up=item.catch_up,
        plan_said=as_planned.phrase(one_line(item.deadline_text, PHRASE_MAX), item.nominal_due),
        nominal=i18n.long_date(item.nominal_due, lang),
        moved=as_planned.moved(item.nominal_due, item.due),
        asked=i18n.long_date(item.more_time_asked, lang) if item.more_time_asked else "",
    )


def _sections(views: list[ItemView]) -> list[tuple[str, list[ItemView]]]:
    by_stage: dict[str, list[ItemView]] = {}
    for view in views:
        by_stage.setdefault(view.stage, []).append(view)
    return [(stage, by_stage[stage]) for stage in URGENCY if stage in by_stage]


def _departments(views: list[ItemView]) -> list[tuple[str, list[ItemView]]]:
    """Digest grouping: late items by lead department, most late first."""
    groups: dict[str, list[ItemView]] = {}
    for view in views:
        if view.stage in ("overdue", "escalation"):
            groups.setdefault(view.lead_name or "—", []).append(view)
    return sorted(groups.items(), key=lambda kv: kv[0])


def _entry_view(entry: Any, lang: str) -> dict[str, str]:
    """A digest entry (closed or extended since the last digest) as the templates see it."""
    return {
        "plan_id": one_line(entry.plan_id), "plan_title": one_line(entry.plan_title),
        "task_id": one_line(entry.task_id), "task_title": one_line(entry.task_title),
        "short_title": one_line(entry.task_title, TELEGRAM_TITLE_MAX),
        "due": i18n.long_date(entry.due, lang), "note": one_line(entry.note, 300),
    }


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DATE_VALUES = frozenset({"since"})  # values that are ISO dates, worded in the line's language
NEED_VALUE_MAX = 300  # a value (an error, a deadline as written) within one line


class NeedWordsError(ValueError):
    """A "needs a person" sentence of a word table that cannot be filled (``reminder check``
    reports it with the file and the kind)."""


def _words(env: Environment, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The ``needs`` sentences and ``channels`` names of words/<lang>.txt (a deployment's
    copy first, as for every template)."""
    module = env.get_template(f"words/{lang}.txt").module
    return dict(getattr(module, "needs", {})), dict(getattr(module, "channels", {}))


def _fill(pattern: str, values: dict[str, str], where: str) -> str:
    # Plain {name} substitution, not str.format: a translation may hold any other braces, and
    # a value never reaches a format machinery.
    def value(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            raise NeedWordsError(f"{where}: {{{m.group(1)}}} is not a value of this line "
                                 f"(its values: {', '.join(values) or 'none'})")
        return values[m.group(1)]

    return _PLACEHOLDER.sub(value, pattern)


def need_lines(needs: Sequence[Need | str], lang: str, env: Environment | None = None, *,
               templates_dir: Path | None = None, iso_dates: bool = False) -> list[str]:
    """The "needs a person" lines in ``lang``: each `Need` is its kind's sentence from
    words/<lang>.txt (``needs``) filled with its values, flattened to one line; a plain string
    (a line of an older digest) is shown as it is.

    Dates are worded in ``lang`` ("12 сентября 2023 г."), or kept ISO with ``iso_dates``
    (`reminder status`). A kind missing from a deployment's word table (a copy made before the
    kind existed) takes the built-in sentence.
    """
    if not needs:  # a reminder, or a digest with nothing to say here
        return []
    env = env or environment(templates_dir)
    needs_words, channels = _words(env, lang)
    builtin: tuple[dict[str, str], dict[str, str]] | None = None
    out: list[str] = []
    for need in needs:
        if isinstance(need, str) or need.kind == "text":
            out.append(one_line(need if isinstance(need, str) else need.fields.get("text"), 500))
            continue
        pattern = needs_words.get(need.kind)
        if pattern is None:
            builtin = builtin or _words(environment(None), lang)
            # a kind no table knows (a row written by a newer version): its values, plainly
            pattern = builtin[0].get(need.kind, need.kind + ": " + ", ".join(
                "{" + key + "}" for key in need.fields))
        values = {k: one_line(v, NEED_VALUE_MAX) for k, v in need.fields.items()}
        for key in _DATE_VALUES & values.keys():
            values[key] = _date_text(values[key], lang, iso_dates)
        if "channel" in values:
            values["channel"] = channels.get(values["channel"], values["channel"])
        out.append(one_line(_fill(pattern, values, f"words/{lang}.txt: needs.{need.kind}"),
                            500))
    return out


def _date_text(value: str, lang: str, iso: bool) -> str:
    from datetime import date

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value  # "?" when the channel recorded no date
    return value if iso else i18n.long_date(day, lang)


def context(message: Message, lang: str | None = None, digest: Any = None,
            env: Environment | None = None, links: Links | None = None) -> dict[str, Any]:
    """The render context of a message: data and language-bound helpers, nothing else.

    ``digest`` (a reminder.messages.digest.Digest, for digest messages) adds what is not an
    item: entries closed and extended since the last digest, and what needs a person (worded
    with the word tables of ``env``, the built-in ones by default). ``links`` gives an item's
    action links for the recipient (reminder.web.links.link_maker), when the web view has a
    base_url.
    """
    lang = lang or message_language(message)
    if digest is None:
        digest = getattr(message, "digest", None)  # the engine carries it on the message
    views = _views(message.items, lang, message, links)
    kind = message_kind(message)
    # The first line of the message's own kind: a subject names it, an escalation's opening
    # addresses its recipient in the role they hear it in (not that of another line's item).
    first = next((v for v in views if v.stage == kind), views[0] if views else None)
    helpers: dict[str, Callable[..., str]] = {
        "days": lambda n: i18n.days(n, lang),
        "working_days": lambda n: i18n.working_days(n, lang),
        "items_count": lambda n: i18n.items_count(n, lang),
        "date": lambda d: i18n.long_date(d, lang),
    }
    return {
        "lang": lang,
        "kind": kind,
        "first": first,
        "role": first.role if first else "",
        "recipient": one_line(message.recipient.name),
        "send_date": i18n.long_date(message.send_at.date(), lang),
        "items": views,
        "count": len(views),
        # The items of the message's own kind (a subject says "overdue — 2 items" of those 2,
        # not of everything the message holds).
        "kind_count": sum(1 for v in views if v.stage == kind),
        # of those, how many wait for the coordinator's answer to a request for more time
        "asked_count": sum(1 for v in views if v.stage == kind and v.asked),
        "late_count": sum(1 for v in views if v.stage in ("overdue", "escalation")),
        "soon_count": sum(1 for v in views if v.stage in ("due", "upcoming", "opens")),
        "sections": _sections(views),
        "departments": _departments(views),
        "catch_up": any(v.catch_up for v in views),
        "without_buttons": message.kind == "reminder" and sum(
            1 for i in message.items if i.role in LADDER_ROLES) > MAX_ITEMS_WITH_BUTTONS,
        "closed": [_entry_view(e, lang) for e in getattr(digest, "closed", ())],
        "extended": [_entry_view(e, lang) for e in getattr(digest, "extended", ())],
        "needs_a_person": need_lines(getattr(digest, "needs_a_person", ()), lang, env),
        **helpers,
        # the digest's own sections (reminder.messages.digest_view); they also count the
        # overdue and due-soon items the digest holds but does not list
        **(_digest_context(digest, lang, env, views) if kind == "digest" else {}),
    }


def _digest_context(digest: Any, lang: str, env: Environment | None,
                    views: list[ItemView]) -> dict[str, Any]:
    from reminder.messages.digest_view import digest_context, digest_words

    words = digest_words(env or environment(None), environment(None), lang)
    return digest_context(digest, lang, words, one_line, _departments(views),
                          lambda e: _entry_view(e, lang))


def render(message: Message, *, templates_dir: Path | None = None,
           digest: Any = None, links: Links | None = None) -> RenderedMessage:
    """Render ``message`` in the recipient's (else the plan's) language.

    For a digest, pass the Digest too, so its closed, extended and needs-a-person sections are
    shown. The subject is forced to one line of at most SUBJECT_MAX characters whatever the
    templates or the plan text contain. ``links``: see `context`.
    """
    if message.kind == "notice":  # worded from its own table (reminder.messages.notice)
        from reminder.messages.notice import render_notice

        return render_notice(message)
    env = environment(templates_dir)
    ctx = context(message, digest=digest, env=env, links=links)
    lang, kind = ctx["lang"], ctx["kind"]
    subject = env.get_template(f"email/{lang}/{kind}.subject.txt").render(ctx)
    images: tuple[tuple[str, bytes], ...] = ()
    if kind == "digest" and ctx.get("chart") and not ctx.get("quiet"):
        from reminder.messages.digest_view import CHART_CID, chart_image

        png = chart_image(digest if digest is not None else message.digest)
        images = ((CHART_CID, png),) if png else ()
    return RenderedMessage(
        subject=one_line(subject, SUBJECT_MAX),
        text=_squeeze(env.get_template(f"email/{lang}/{kind}.txt").render(ctx)) + "\n",
        html=env.get_template(f"email/{lang}/{kind}.html").render(ctx),
        telegram_html=_squeeze(env.get_template(f"telegram/{lang}/{kind}.html").render(ctx)),
        images=images,
    )


def template_names(lang: str, kind: str) -> tuple[str, ...]:
    """Every template file one (language, kind) pair needs."""
    return (
        f"email/{lang}/{kind}.subject.txt",
        f"email/{lang}/{kind}.txt",
        f"email/{lang}/{kind}.html",
        f"telegram/{lang}/{kind}.html",
    )


def sample_message(kind: str, lang: str) -> Message:
    """A message of the given kind with every field filled, for checks and previews."""
    from datetime import date, datetime, timedelta

    from reminder.messages.model import Recipient

    due = date(2023, 10, 2)
    stages = ("overdue", "escalation", "upcoming", "due") if kind == "digest" else (kind,)
    items = tuple(
        Item(
            ledger_key=f"sample/{kind}/{n}",
            stage=stage,  # type: ignore[arg-type]
            plan_id="sample-plan",
            plan_title="Sample action plan 2023",
            task_id=f"2.{n}",
            task_title="Organise public consultations <with> civil society & partners",
            result="Report sent to the secretariat",
            window_start=date(2023, 7, 1),
            due=due,
            days_left=3 if stage in ("upcoming", "opens") else (0 if stage == "due" else -9),
            working_days_late=7 if stage in ("overdue", "escalation") else None,
            role="lead" if stage != "escalation" else "supervisor",
            lead_name="Department of mass communications",
            others=("District administrations", "City councils"),
            catch_up=n == 1,
            plan_language=lang,
        )
        for n, stage in enumerate(stages, start=1)
    )
    recipient = Recipient(id="sample", name="Sample department", language=lang,
                          emails=("dept@example.org",), telegram_chats=("1",))
    send_at = datetime(2023, 9, 29, 9, 0) + timedelta(0)
    return Message(recipient=recipient, send_at=send_at, items=items,
                   kind="digest" if kind == "digest" else "reminder")


def sample_needs() -> tuple[Need, ...]:
    """One "needs a person" line of every kind, each value filled, for checks and tests."""
    sample = {"task": "sample-plan/4.2", "deadline": "as <needed>", "executor": "sample",
              "name": "Sample department", "chat": "-1001", "since": "2023-09-12",
              "reason": "Forbidden: bot was blocked by the user", "recipient": "sample",
              "channel": "telegram", "error": "Telegram chat -1001: chat not found", "tries": "7",
              "coordinator": "Plan office", "request": "12"}
    return tuple(Need.of(kind, **{k: sample[k] for k in keys})
                 for kind, keys in NEED_KINDS.items())


def sample_digest() -> Any:
    """Stand-in digest extras (one closed, one extended, a line of every needs-a-person kind)
    for checks."""
    from datetime import date
    from types import SimpleNamespace

    entry = SimpleNamespace(plan_id="sample-plan", plan_title="Sample action plan 2023",
                            task_id="3.1", task_title="Publish the report <draft>",
                            due=date(2023, 12, 1), note="waiting for the ministry's data")
    return SimpleNamespace(closed=(entry,), extended=(entry,), needs_a_person=sample_needs())


def check_templates(templates_dir: Path | None = None) -> list[str]:
    """Render every template (each kind in each language) once with sample data.

    Returns one line per problem ("email/ru/due.html: 'x' is undefined"); empty when all
    render. ``reminder check`` calls this with the deployment's ``templates:`` folder.
    """
    from jinja2 import TemplateError

    problems: list[str] = []
    environment.cache_clear()  # see edits made since the last render
    env = environment(templates_dir)
    for lang in i18n.LANGUAGES:
        try:
            need_lines(sample_needs(), lang, env)
        except NeedWordsError as exc:
            problems.append(str(exc))
        except TemplateError:
            pass  # the word table does not even compile: rendering below reports its line
        for kind in KINDS:
            digest = sample_digest() if kind == "digest" else None
            try:
                ctx = context(sample_message(kind, lang), lang, digest=digest, env=env)
            except NeedWordsError:
                continue  # reported above; the digest cannot be rendered without its lines
            except TemplateError as exc:
                where = getattr(exc, "filename", None) or f"words/{lang}.txt"
                line = getattr(exc, "lineno", None)
                problems.append(f"{where}:{line}: {exc.message}" if line
                                else f"{where}: {exc.message or type(exc).__name__}")
                continue
            for name in template_names(lang, kind):
                try:
                    env.get_template(name).render(ctx)
                except TemplateError as exc:
                    where = getattr(exc, "filename", None) or name
                    line = getattr(exc, "lineno", None)
                    at = f"{where}:{line}" if line else where
                    problems.append(f"{at}: {exc.message or type(exc).__name__}")
                except Exception as exc:  # a template calling a helper wrongly, e.g. days("x")
                    problems.append(f"{name}: {type(exc).__name__}: {exc}")
    return problems
