"""The Telegram bot executors talk to, run inside the daemon's event loop.

``/start CODE`` ties a chat to an executor (codes from `reminder link`; a chat that sends
too many wrong codes is locked out for a while, see reminder.store.chats); ``/tasks`` lists the
executor's open items in pages; ``/done ITEM`` closes one (asking which when the task has
several open periods; a co-executor's "done" records its part and tells the lead, who alone
closes the item); the buttons under a reminder mark it done,
snooze it 1/3/7 days, or ask for more time (recorded for the coordinator; the deadline does not
move). Chats that are not linked are refused politely and told nothing about any plan. A chat
can act only on its own executor's items; every action goes into the history with the chat as
the actor.

Start it beside the scheduler, never with ``run_polling()`` (which owns the loop)::

    bot = ReminderBot(engine, token, api_url, timezone="Europe/Kyiv")
    await bot.start()      # initialize, start, updater.start_polling
    ...
    await bot.stop()
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from reminder.bot.texts import TEXTS
from reminder.channels.telegram import redact_token
from reminder.channels.telegram.buttons import (
    PAGE_ITEMS,
    Answer,
    decode,
    decode_answer,
    decode_page,
    encode,
    item_rows,
    page_groups,
    page_keyboard,
    paginate,
)
from reminder.messages import i18n
from reminder.messages.notice import fill
from reminder.preview import next_reminders
from reminder.store import actions as store_actions
from reminder.store import chats, requests
from reminder.store.models import (
    ExecutorRow,
    OccurrenceRow,
    RequestRow,
    TaskRow,
)

log = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)  # request URLs carry the bot token

MORE_TIME = requests.MORE_TIME_ASKED  # history action of a request for more time


class ReminderBot:
    """Long-polls the Bot API and answers executors; see the module docstring."""

    def __init__(self, engine: Engine, token: str, api_url: str = "https://api.telegram.org",
                 *, timezone: str, clock: Callable[[], datetime] | None = None,
                 poll_timeout: int = 30, secretariat: str | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        api = api_url.rstrip("/")
        redact_token(token)  # before the Bot is made: it logs its URL, token included
        self.engine = engine
        self.secretariat = secretariat  # answers requests when a plan names no coordinator
        # Called after an action that owes someone a notice (the daemon ticks at once).
        self.on_change = on_change
        # A coordinator who pressed "deny" or "return": their next message is the note.
        self._awaiting: dict[str, tuple[str, int]] = {}
        self.tz = ZoneInfo(timezone)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.poll_timeout = poll_timeout
        self.app: Application = (
            ApplicationBuilder().token(token).base_url(f"{api}/bot")
            .base_file_url(f"{api}/file/bot").build()
        )
        self.app.add_handler(CommandHandler("start", self._start))
        self.app.add_handler(CommandHandler("tasks", self._tasks))
        self.app.add_handler(CommandHandler("done", self._done))
        self.app.add_handler(CallbackQueryHandler(self._button))
        self.app.add_handler(MessageHandler(filters.ALL, self._other))
        self.app.add_error_handler(self._error)

    @classmethod
    def from_config(cls, cfg: Any, engine: Engine, *,
                    clock: Callable[[], datetime] | None = None) -> ReminderBot | None:
        """The bot for a loaded configuration (token from the secret, ``api_url``), or None
        when ``channels.telegram`` is not configured."""
        tg = cfg.channels.telegram
        if tg is None or tg.token is None:
            return None
        return cls(engine, tg.token.get_secret_value(), tg.api_url,
                   timezone=str(cfg.settings.timezone), clock=clock,
                   secretariat=cfg.settings.secretariat)

    async def start(self) -> None:
        """Join the running event loop: initialize, start, and begin long polling.

        When any step fails (the Bot API unreachable, the token rejected), what was started
        is stopped again before the error propagates, so a caller can simply retry later
        with a new bot."""
        try:
            await self.app.initialize()
            await self.app.start()
            assert self.app.updater is not None
            await self.app.updater.start_polling(
                timeout=self.poll_timeout, allowed_updates=["message", "callback_query"])
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        """Stop polling and release the HTTP connections."""
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        # Application.shutdown does nothing when initialize failed half-way (getMe refused
        # after the HTTP clients were opened); the Bot's own shutdown closes them then.
        await self.app.bot.shutdown()

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    def _lang(executor: ExecutorRow | None, update: Update) -> str:
        user = update.effective_user
        return i18n.pick_language(executor.language if executor else None,
                                  user.language_code if user else None)

    def _say(self, lang: str, key: str, **values: object) -> str:
        escaped = {k: html.escape(str(v), quote=False) for k, v in values.items()}
        return fill(TEXTS[lang][key], escaped)  # no ".." after a date ending "р."

    async def _reply(self, update: Update, text: str) -> None:
        if update.effective_chat is not None:
            await update.get_bot().send_message(update.effective_chat.id, text,
                                                parse_mode=ParseMode.HTML)

    def _who(self, update: Update) -> tuple[str, ExecutorRow | None]:
        chat = str(update.effective_chat.id) if update.effective_chat else ""
        return chat, chats.executor_for_chat(self.engine, chat) if chat else None

    # --- handlers ------------------------------------------------------------------------

    async def _start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, executor = self._who(update)
        if context.args:
            # The code itself is never logged: a wrong one may be a near miss of a live one.
            now = self.clock()
            attempt = chats.attempt_link(self.engine, context.args[0], chat, now)
            lang = self._lang(executor, update)
            if attempt.locked_until is not None:
                until = attempt.locked_until.astimezone(self.tz)
                if attempt.locked_now:
                    log.warning("chat %s locked out of linking until %s after %d wrong link "
                                "codes", chat, until.isoformat(timespec="minutes"),
                                attempt.failures)
                else:
                    log.info("chat %s sent a link code while locked out (until %s); not "
                             "looked at", chat, until.isoformat(timespec="minutes"))
                await self._reply(update, self._say(
                    lang, "locked", time=f"{until:%H:%M}",
                    date=i18n.long_date(until.date(), lang)))
                return
            if attempt.executor is None:
                log.info("chat %s sent a wrong or spent link code (%d of %d allowed)", chat,
                         attempt.failures, chats.MAX_WRONG_CODES)
                await self._reply(update, self._say(lang, "bad_code"))
                return
            log.info("chat %s linked to executor %s", chat, attempt.executor.id)
            executor = attempt.executor
        if executor is None:
            await self._reply(update, self._say(self._lang(None, update), "not_linked"))
            return
        await self._reply(update, self._say(self._lang(executor, update), "linked",
                                            name=executor.name))

    async def _tasks(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        _chat, executor = self._who(update)
        lang = self._lang(executor, update)
        if executor is None:
            await self._reply(update, self._say(lang, "not_linked"))
            return
        pages = self._task_pages(executor, lang)
        if not pages:
            await self._reply(update, self._say(lang, "no_items"))
            return
        if update.effective_chat is not None:
            text, buttons = pages[0]
            await update.get_bot().send_message(
                update.effective_chat.id, text, parse_mode=ParseMode.HTML,
                reply_markup=page_keyboard(0, len(pages), buttons))

    def _task_pages(self, executor: ExecutorRow, lang: str
                    ) -> list[tuple[str, list[list[InlineKeyboardButton]]]]:
        """The executor's open items as /tasks pages, each within Telegram's message limit
        and PAGE_ITEMS items, with the planner's next reminder per item (what /tasks
        promises is what the tick sends), and under each page a row of buttons per item."""
        items = chats.open_items(self.engine, executor.id)
        if not items:
            return []
        with Session(self.engine) as s:
            occs = list(s.exec(select(OccurrenceRow).where(
                col(OccurrenceRow.id).in_([i.occurrence_id for i in items]))))
            nexts = next_reminders(s, occs, self.tz, self.clock())
        lines = []
        for i in items:
            line = self._say(lang, "item_line", number=f"{i.plan_id}/{i.number}",
                             title=i18n_title(i.title), due=i18n.long_date(i.due, lang))
            when = nexts.get(i.occurrence_id)
            if when is not None:
                line += self._say(lang, "next_line",
                                  when=i18n.long_date(when.astimezone(self.tz).date(), lang))
            lines.append(line)
        header = self._say(lang, "items")
        groups = page_groups(header, lines)
        return [(text, item_rows([(items[n].number, f"{items[n].due:%d.%m.%Y}", items[n].token)
                                  for n in group]))
                for text, group in zip(paginate(header, lines), groups, strict=True)]

    async def _done(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, executor = self._who(update)
        lang = self._lang(executor, update)
        if executor is None:
            await self._reply(update, self._say(lang, "not_linked"))
            return
        wanted = " ".join(context.args or []).strip()
        if not wanted:
            await self._reply(update, self._say(lang, "done_usage"))
            return
        items = chats.open_items(self.engine, executor.id)
        matches = [i for i in items if wanted in (i.task_key, i.number)]
        if len({i.task_key for i in matches}) > 1:
            choices = ", ".join(sorted({i.task_key for i in matches}))
            await self._reply(update, self._say(lang, "ambiguous", item=wanted,
                                                choices=choices))
            return
        if not matches:
            await self._reply(update, self._say(lang, "unknown_item", item=wanted[:60]))
            return
        if len(matches) > 1:  # several open periods of one task: ask which, never guess
            rows = [[InlineKeyboardButton(
                f"✅ {m.number} · {m.due:%d.%m.%Y}", callback_data=encode("done", m.token))]
                for m in matches[:PAGE_ITEMS]]
            if update.effective_chat is not None:
                await update.get_bot().send_message(
                    update.effective_chat.id,
                    self._say(lang, "which", item=f"{matches[0].plan_id}/{matches[0].number}"),
                    parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(rows))
            return
        await self._act(update, lang, "done", matches[0], executor, chat)

    async def _button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        chat, executor = self._who(update)
        lang = self._lang(executor, update)
        pressed = decode(query.data or "")
        if executor is None:
            await query.answer(self._say(lang, "not_linked")[:190], show_alert=True)
            return
        answer = decode_answer(query.data or "")
        if answer is not None:  # a coordinator answering a request
            await self._answer(update, lang, answer, executor, chat)
            return
        page = decode_page(query.data or "")
        if page is not None:  # /tasks: another page of the list, in place
            pages = self._task_pages(executor, lang)
            await query.answer()
            if pages:
                page = min(page, len(pages) - 1)
                text, buttons = pages[page]
                await query.edit_message_text(text, parse_mode=ParseMode.HTML,
                                              reply_markup=page_keyboard(page, len(pages),
                                                                         buttons))
            return
        item = next((i for i in chats.open_items(self.engine, executor.id)
                     if pressed is not None and i.token == pressed.token), None)
        if pressed is None or item is None:  # someone else's item, or closed: say nothing more
            await query.answer(self._say(lang, "gone"), show_alert=True)
            return
        await query.answer()
        await self._act(update, lang, pressed.action, item, executor, chat, pressed.days)

    async def _act(self, update: Update, lang: str, action: str, item: chats.OpenItem,
                   executor: ExecutorRow, chat: str, days: int = 0) -> None:
        now, actor = self.clock(), f"telegram:{executor.id}:{chat}"
        number, title = f"{item.plan_id}/{item.number}", i18n_title(item.title)
        try:
            if action == "done" and item.role != "lead":
                # Only the lead closes an item: a co-executor's part is recorded and the lead
                # told, and the item stays open for everyone.
                text = await self._part_done(item, executor, actor, now, lang)
            elif action == "done" and self._by_acceptance(item):
                req = requests.report_done(self.engine, item.occurrence_id, executor.id, actor,
                                           now, self.secretariat, "via Telegram")
                text = self._say(lang, "reported", number=number,
                                 coordinator=self._name(req.coordinator_id))
            elif action == "done":
                store_actions.done(self.engine, item.task_key, item.due, "via Telegram", now,
                                   actor=actor)
                text = self._say(lang, "done", number=number, title=title)
            elif action == "snooze":  # this executor's reminders only
                store_actions.snooze_for(self.engine, item.task_key, executor.id, days,
                                         item.due, now, self.tz, actor)
                text = self._say(lang, "snoozed", number=number, days=i18n.days(days, lang))
            else:
                text = self._more_time(item, executor, actor, now, lang)
        except store_actions.ActionError:
            text = self._say(lang, "gone")
        log.info("%s: %s %s", actor, action, item.task_key)
        self._changed()
        await self._reply(update, text)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def _name(self, executor_id: str | None) -> str:
        if executor_id is None:
            return "—"
        with Session(self.engine) as s:
            row = s.get(ExecutorRow, executor_id)
        return row.name if row is not None else executor_id

    def _by_acceptance(self, item: chats.OpenItem) -> bool:
        with Session(self.engine) as s:
            task = s.get(TaskRow, item.task_key)
        return task is not None and requests.closes_by_acceptance(task)

    def _more_time(self, item: chats.OpenItem, executor: ExecutorRow, actor: str,
                   now: datetime, lang: str) -> str:
        """A request to the coordinator, who is told; the deadline does not move until they
        approve. Asking again while it is pending says so and changes nothing."""
        number = f"{item.plan_id}/{item.number}"
        req, new = requests.ask_more_time(self.engine, item.occurrence_id, executor.id, actor,
                                          now, self.secretariat, "via Telegram", self.tz)
        if not new:
            return self._say(lang, "more_again", number=number, date=i18n.long_date(
                requests.asked_day(req, self.tz), lang))
        if req.coordinator_id is None:
            return self._say(lang, "more_nobody", number=number,
                             due=i18n.long_date(item.due, lang))
        return self._say(lang, "more", number=number, due=i18n.long_date(item.due, lang),
                         coordinator=self._name(req.coordinator_id))

    async def _answer(self, update: Update, lang: str, answer: Answer,
                      executor: ExecutorRow, chat: str) -> None:
        """A coordinator's press under a request: approve at once; deny and return ask for
        the note in the next message."""
        query = update.callback_query
        assert query is not None
        with Session(self.engine) as s:
            req = s.get(RequestRow, answer.request_id)
            task = s.get(TaskRow, req.task_key) if req else None
        if req is None or task is None or req.coordinator_id != executor.id:
            await query.answer(self._say(lang, "not_yours"), show_alert=True)
            return
        if req.status != "pending":
            await query.answer(self._say(lang, "answered"), show_alert=True)
            return
        await query.answer()
        who = self._name(req.executor_id)
        if answer.verb in ("deny", "return"):
            self._awaiting[chat] = (answer.verb, req.id or 0)
            await self._reply(update, self._say(lang, f"ask_{answer.verb}", who=who))
            return
        await self._decide(update, lang, answer.verb, req, executor, chat, None,
                           days=answer.days)

    async def _decide(self, update: Update, lang: str, verb: str, req: RequestRow,
                      executor: ExecutorRow, chat: str, note: str | None,
                      days: int = 0) -> None:
        now, actor = self.clock(), f"telegram:{executor.id}:{chat}"
        with Session(self.engine) as s:
            task = s.get(TaskRow, req.task_key)
        number = f"{task.plan_id}/{task.number}" if task else req.task_key
        who = self._name(req.executor_id)
        try:
            if verb == "approve":
                to = max(req.due, requests.asked_day(req, self.tz)) + timedelta(days=days)
                requests.approve(self.engine, req.id or 0, to, note, now, self.tz, actor,
                                 executor.name)
                text = self._say(lang, "approved", number=number, who=who,
                                 due=i18n.long_date(to, lang))
            elif verb == "deny":
                requests.deny(self.engine, req.id or 0, note, now, actor, executor.name)
                text = self._say(lang, "denied", number=number, who=who,
                                 due=i18n.long_date(req.due, lang))
            elif verb == "accept":
                requests.accept(self.engine, req.id or 0, note, now, actor, executor.name)
                text = self._say(lang, "accepted", number=number, who=who)
            else:
                requests.return_item(self.engine, req.id or 0, note or "", now, self.tz, actor,
                                     executor.name)
                text = self._say(lang, "returned", number=number, who=who)
        except store_actions.ActionError:
            text = self._say(lang, "answered")
        log.info("%s: %s request %s", actor, verb, req.id)
        self._changed()
        await self._reply(update, text)

    async def _part_done(self, item: chats.OpenItem, executor: ExecutorRow, actor: str,
                         now: datetime, lang: str) -> str:
        """Record a co-executor's part as done (history ``part_done``) and owe the lead a
        notice, which goes by the lead's channel (Telegram when linked, else email); the
        reply says who closes the item."""
        number = f"{item.plan_id}/{item.number}"
        lead_id = requests.part_done(self.engine, item.task_key, item.occurrence_id,
                                     executor.id, actor, now, "via Telegram")
        return self._say(lang, "part_done", number=number, lead=self._name(lead_id))

    async def _other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, executor = self._who(update)
        if executor is None:
            await self._reply(update, self._say(self._lang(None, update), "not_linked"))
            return
        waiting = self._awaiting.get(chat)
        text = (update.effective_message.text or "").strip() if update.effective_message \
            else ""
        if waiting is not None and text:
            verb, rid = waiting
            lang = self._lang(executor, update)
            skip = text.split()[0].split("@")[0] == "/skip"
            with Session(self.engine) as s:
                req = s.get(RequestRow, rid)
            if skip and verb == "return" and req is not None:  # a return says what is missing
                await self._reply(update, self._say(lang, "ask_return",
                                                    who=self._name(req.executor_id)))
                return
            del self._awaiting[chat]
            if req is None or req.status != "pending":
                await self._reply(update, self._say(lang, "answered"))
                return
            await self._decide(update, lang, verb, req, executor, chat,
                               None if skip else text[:1000])
            return
        await self._reply(update, self._say(self._lang(executor, update), "done_usage"))

    async def _error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("bot handler failed: %s", type(context.error).__name__,
                  exc_info=context.error)


def i18n_title(title: str, limit: int = 120) -> str:
    """A task title cut for a one-line listing."""
    from reminder.messages.render import one_line

    return one_line(title, limit)
