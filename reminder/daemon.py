"""The daemon: `reminder run`. The database holds the schedule; APScheduler 3.11 only wakes
the loop (one date job moved to the next due instant, never trusted to remember anything: its
job stores drop late jobs and delete one-off jobs before they run).

The loop: tick (recover, plan, deliver), notify systemd, sleep until the next ``next_at`` of an
occurrence or ``send_at`` of a pending reminder (two indexed MIN queries), or until SIGHUP
(reload the configuration, keeping the last good one) or SIGTERM (finish the tick in hand,
then stop: a reminder is never left half-recorded).

With ``channels.telegram`` configured, the Telegram bot (reminder.bot.app) long-polls in the
same event loop beside the scheduler. A Bot API that cannot be reached at start does not stop
the daemon: reminders still go out by the other channels, and the bot is started again on
later passes of the loop, with a growing pause between attempts. Daemons sharing PostgreSQL
run one bot between them: the one holding a session advisory lock (reminder.store.db
``SessionLock``); the others try to take it every ``BOT_LEASE_RETRY``, so the bot comes back
in another daemon when its holder dies.

Start-up either reaches READY or ends with one line saying why (StoreError, turned into a
message and a non-zero exit by `reminder run`). Once a day the daemon prunes the ledger rows
older than ``ledger.retention_days`` (reminder.store.retention).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os
import shutil
import signal
import socket
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, func, select

from reminder.channels.base import Channel
from reminder.config.loaded import Config
from reminder.messages.i18n import release_locale_data
from reminder.store import ledger, notices, retention
from reminder.store.db import (
    DAEMON,
    LOCK_TELEGRAM_BOT,
    WAKE_SIGNAL,
    DaemonLock,
    SessionLock,
    StoreError,
    db_error,
    open_store,
    redact,
    transaction,
)
from reminder.store.digests import next_digest_at
from reminder.store.models import LedgerRow, OccurrenceRow
from reminder.store.specs import Deployment
from reminder.store.sync import sync
from reminder.tick import EngineSettings, tick

if TYPE_CHECKING:
    from reminder.bot.app import ReminderBot
    from reminder.calendar.folder import CalendarFolder
    from reminder.web.server import WebServer

log = logging.getLogger("reminder.daemon")
MAX_SLEEP = timedelta(hours=1)  # re-read the schedule now and then even if nothing changed
RETRY = timedelta(seconds=30)  # after a failed tick
BOT_RETRY = timedelta(seconds=30)  # first pause before starting a bot that failed to start
BOT_RETRY_MAX = timedelta(minutes=15)  # the pause doubles up to this
# Shared PostgreSQL: how often a daemon without the bot tries to take it over, and how often
# the one running it checks that it still holds the lock (its connection may have been cut).
BOT_LEASE_RETRY = timedelta(minutes=1)
# During a long batch, WATCHDOG=1 goes at most this often (and at least twice per watchdog
# period): a datagram per message would cost more than the message's own bookkeeping.
WATCHDOG_MIN_GAP = 5.0
# Shared PostgreSQL: a claim older than this belongs to a daemon that died (the living renew
# theirs every minute as they send: tick.RENEW_EVERY), and its rows are sent again.
LEASE = timedelta(minutes=10)
PRUNE_BATCH = 500  # ledger rows deleted per transaction: short locks, the loop stays live


def sd_notify(state: str) -> bool:
    """Send ``state`` ("READY=1", "WATCHDOG=1", "STOPPING=1") to systemd over the datagram
    socket in $NOTIFY_SOCKET ("@" = abstract namespace). False when not run by systemd."""
    addr = os.environ.get("NOTIFY_SOCKET")
    if not addr:
        return False
    if addr.startswith("@"):
        addr = "\0" + addr[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(addr)
            sock.sendall(state.encode())
    except OSError as exc:  # systemd gone or socket wrong: say so, keep working
        log.warning("sd_notify %s failed: %s", state.split("=")[0], exc)
        return False
    return True


def shed_memory() -> None:
    """Give back what a tick or the start used and no longer needs, before sleeping: the
    messages' CLDR data, cyclic garbage, and the C heap's free pages (glibc keeps freed
    memory mapped unless asked; elsewhere that step is skipped). An idle daemon then holds
    its code and its caches, not the peak of its last batch."""
    release_locale_data()
    gc.collect()
    if _libc is not None:
        _libc.malloc_trim(0)


def _load_libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols, the C library's among them
        libc.malloc_trim  # noqa: B018 - glibc only: musl and others have no malloc_trim
    except (OSError, AttributeError):
        return None
    return libc


_libc = _load_libc()


def watchdog_interval() -> timedelta | None:
    """Half the watchdog timeout systemd set for us (WATCHDOG_USEC), if any."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    return timedelta(microseconds=int(usec) / 2)


class Daemon:
    """The long-running engine around one configuration file."""

    def __init__(self, config_path: Path, load: Callable[[Path], tuple[Config, Deployment]],
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.config_path = Path(config_path)
        self._load = load
        self.clock = clock
        self.cfg, self.dep = load(self.config_path)  # an invalid file fails here, before start
        self.engine: Engine | None = None
        self.lock: DaemonLock | None = None
        self.channels: dict[str, Channel] = {}
        self.wake = asyncio.Event()
        self.stopping = False
        self.reload_wanted = False
        # Unique across hosts and restarts: daemons on several machines (or containers, where
        # every daemon may be pid 1) share the ledger, whose claims are by worker name.
        self.worker = f"d-{socket.gethostname()[:20]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.ticks = 0
        self.bot: ReminderBot | None = None
        self.bot_retry = BOT_RETRY
        self._bot_failures = 0
        self._bot_retry_at: datetime | None = None  # set while a configured bot is down
        self._bot_lock: SessionLock | None = None  # shared PostgreSQL: held while the bot runs
        self._bot_standby = False  # another daemon runs the bot (said once in the log)
        self.watchdog = watchdog_interval()
        self._last_ping = time.monotonic()
        self._templates: Path | None = None  # the snapshot of the templates being rendered
        self._started = False  # READY was sent
        self._calendars: CalendarFolder | None = None  # calendar.folder's feeds, once written
        self.web: WebServer | None = None  # the web view, when `web:` is configured
        self._web_reader: Engine | None = None

    def _settings(self) -> EngineSettings:
        from reminder.channels.configured import attach_store, channels_from_config
        from reminder.messages.render import render

        self.channels = channels_from_config(self.cfg)
        assert self.engine is not None  # settings are made once the store is open
        attach_store(self.channels, self.engine)
        links = None
        if self.cfg.settings.web is not None:  # the web module loads only when configured
            from reminder.web.links import links_for

            links = links_for(self.cfg)
        return EngineSettings(self.dep.timezone, self.dep.secretariat, self.channels,
                              partial(render, templates_dir=self._snapshot_templates(),
                                      links=links),
                              self.dep.digest_cron, self.dep.due_soon_days,
                              self.dep.digest_when_empty)

    def _snapshot_templates(self) -> Path | None:
        """A private copy of the deployment's template overrides, which messages are rendered
        from until the next successful reload. Templates are read from disk as messages need
        them: without the copy, an edit that a reload refuses (a syntax error) would still be
        rendered, and "keep the last good configuration" would hold for the YAML only."""
        old, source = self._templates, self.cfg.templates_dir
        self._templates = None
        if source is not None and source.is_dir():
            copy = Path(tempfile.mkdtemp(prefix="reminder-templates-"))
            shutil.copytree(source, copy, dirs_exist_ok=True)
            self._templates = copy
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self._templates if self._templates is not None else source

    def _ping(self) -> None:
        """Progress in the loop that does the work (called by the tick after each message and
        between pruning batches): tell the systemd watchdog, at most every few seconds. It is
        fed from here, not from a timer task, because a timer keeps ticking while the work is
        stuck (an await that never returns), which is what the watchdog is there to catch."""
        if self.watchdog is None:
            return
        gap = min(self.watchdog.total_seconds() / 2, WATCHDOG_MIN_GAP)
        if time.monotonic() - self._last_ping >= gap:
            self._notify_watchdog()

    def _notify_watchdog(self) -> None:
        sd_notify("WATCHDOG=1")
        self._last_ping = time.monotonic()

    def next_wake(self, now: datetime) -> datetime:
        """The next instant anything is due, from the database; at most MAX_SLEEP away."""
        assert self.engine is not None
        with Session(self.engine) as s:
            occ = s.exec(select(func.min(OccurrenceRow.next_at)).where(
                col(OccurrenceRow.next_at).is_not(None))).one()
            send = ledger.next_send_at(s)
            told = notices.oldest_unqueued(s)  # a request asked or answered by another daemon
            # Shared PostgreSQL: when the oldest claim would run out if nobody renewed it (its
            # daemon died mid-batch), so its rows are taken over then, not up to an hour later.
            claimed = None if self.lock else s.exec(select(func.min(LedgerRow.claimed_at)).where(
                col(LedgerRow.status) == "sending")).one()
        orphaned = claimed + LEASE if claimed is not None else None
        digest = (next_digest_at(self.engine, self.dep.digest_cron, ZoneInfo(self.dep.timezone))
                  if self.dep.digest_cron and self.dep.secretariat else None)
        # A claim another daemon makes after this look is not seen here: sharing PostgreSQL,
        # look again within a lease, so the rows of a daemon that dies are not left waiting.
        longest = MAX_SLEEP if self.lock or self.engine.dialect.name != "postgresql" else min(
            MAX_SLEEP, LEASE)
        candidates = [t for t in (occ, send, orphaned, digest, told) if t is not None] + [
            now + longest]
        return max(min(candidates), now)

    def request_stop(self) -> None:
        """SIGTERM/SIGINT: stop after the tick in hand."""
        self.stopping = True
        self.wake.set()

    def request_reload(self) -> None:
        """SIGHUP: reload the configuration before the next tick."""
        self.reload_wanted = True
        self.wake.set()

    def request_wake(self) -> None:
        """WAKE_SIGNAL (SIGUSR1, from `reminder done/reopen/extend/snooze`): tick and re-read
        the schedule now, without reloading the configuration."""
        log.debug("woken: the database was changed")
        self.wake.set()

    async def _reload(self, settings: EngineSettings) -> EngineSettings:
        from reminder.messages.render import environment

        environment.cache_clear()  # templates edited since start are read again
        try:
            cfg, dep = self._load(self.config_path)
        except Exception as exc:  # any failure keeps the last good configuration running
            log.error("reload of %s failed, keeping the running configuration: %s",
                      self.config_path, str(exc).replace("\n", " "))
            return settings
        if dep.db_url != self.dep.db_url:
            log.error("reload: the database cannot change while running; restart instead")
            return settings
        assert self.engine is not None
        try:
            with transaction(self.engine) as s:
                report = sync(s, dep, self.clock())
        except SQLAlchemyError as exc:  # rolled back: the old plans stay loaded as they were
            log.error("reload: cannot store the new plans, keeping the running ones: %s",
                      db_error(exc))
            return settings
        log.info("reloaded: %d added, %d changed, %d archived", len(report.added),
                 len(report.changed), len(report.archived))
        old, old_bot, old_web = self.channels, _bot_settings(self.cfg), self.cfg.settings.web
        self.cfg, self.dep = cfg, dep
        self._calendars = None  # written again after the next pass: names and teams may differ
        settings = self._settings()
        for ch in old.values():
            await ch.aclose()
        if cfg.settings.web != old_web:  # a new address, accounts or secret: serve anew
            await self._stop_web()
            await self._start_web()
        if _bot_settings(cfg) != old_bot:
            # A new token or Bot API server: the old poller must stop before the new one
            # starts (two pollers on one token get Conflict from Telegram).
            await self._stop_bot()
            self._bot_failures, self._bot_retry_at = 0, None
            await self._start_bot()
        return settings

    def _scrub(self, text: str) -> str:
        """``text`` without the bot token (PTB puts it into some error messages)."""
        tg = self.cfg.channels.telegram
        token = tg.token.get_secret_value() if tg is not None and tg.token else ""
        return text.replace(token, "<token>") if token else text

    async def _start_bot(self) -> None:
        """Start the Telegram bot of the current configuration, if it has one and none runs.

        Any failure (the Bot API unreachable, the token refused) is logged without the token
        and leaves the daemon running without the bot; the next attempt is due after a pause
        that doubles each time (``_bot_retry_at``, which the loop also wakes up for)."""
        from reminder.bot.app import ReminderBot

        if self.bot is not None or self.engine is None:
            return
        if self.cfg.channels.telegram is None:
            self._bot_retry_at = None
            return
        if not self._take_bot_lease():
            return
        try:
            bot = ReminderBot.from_config(self.cfg, self.engine, clock=self.clock)
            if bot is not None:  # a request asked or answered: its notice goes out now
                bot.on_change = self.request_wake
            if bot is None:  # a telegram section without a token: the config layer says so
                self._bot_retry_at = None
                self._release_bot_lease()
                return
            await bot.start()
        except Exception as exc:  # the bot is an extra: nothing it does may stop reminders
            self._release_bot_lease()  # another daemon may have better luck
            self._bot_failures += 1
            wait = min(self.bot_retry * 2 ** (self._bot_failures - 1), BOT_RETRY_MAX)
            self._bot_retry_at = self.clock() + wait
            api = self.cfg.channels.telegram.api_url if self.cfg.channels.telegram else "?"
            log.error("Telegram bot cannot start (Bot API %s: %s: %s); running without it, "
                      "next attempt in %s", api, type(exc).__name__, self._scrub(str(exc)),
                      wait)
            return
        self.bot, self._bot_failures, self._bot_retry_at = bot, 0, None
        log.info("Telegram bot started")

    def _take_bot_lease(self) -> bool:
        """Whether this daemon may run the bot: always on SQLite (one daemon per file); on
        PostgreSQL when it holds the bot's advisory lock. A daemon that does not is told when
        to try again (``_bot_retry_at``), so the bot comes back when its holder stops."""
        assert self.engine is not None
        if self.engine.dialect.name != "postgresql":
            return True
        if self._bot_lock is None:
            self._bot_lock = SessionLock(self.engine, LOCK_TELEGRAM_BOT)
        try:
            held = self._bot_lock.try_acquire()
        except SQLAlchemyError as exc:
            log.error("cannot ask the database who runs the Telegram bot (%s); trying again "
                      "in %s", db_error(exc), BOT_LEASE_RETRY)
            held = False
        else:
            if not held and not self._bot_standby:
                log.info("another daemon on this database runs the Telegram bot; this one "
                         "takes it over if that one stops (checked every %s)", BOT_LEASE_RETRY)
        self._bot_standby = not held
        if not held:
            self._bot_retry_at = self.clock() + BOT_LEASE_RETRY
        return held

    def _release_bot_lease(self) -> None:
        if self._bot_lock is not None:
            self._bot_lock.release()

    async def _check_bot_lease(self) -> None:
        """The daemon running the bot on PostgreSQL: if its lock's connection is gone (a
        database restart, a network cut), another daemon may have taken the bot over; stop
        polling (two pollers get Conflict) and try to take the lock again later."""
        if self.bot is None or self._bot_lock is None or self._bot_lock.alive():
            return
        log.error("lost the database lock that lets this daemon run the Telegram bot "
                  "(its connection closed); stopping the bot, trying again in %s",
                  BOT_LEASE_RETRY)
        await self._stop_bot()
        self._bot_retry_at = self.clock() + BOT_LEASE_RETRY

    async def _stop_bot(self) -> None:
        """Stop polling (after this no request goes to the Bot API from the bot)."""
        bot, self.bot = self.bot, None
        if bot is None:
            return
        try:
            await bot.stop()
        except Exception as exc:  # stopping must go on to close the rest
            log.warning("Telegram bot did not stop cleanly: %s: %s", type(exc).__name__,
                        self._scrub(str(exc)))
        finally:
            self._release_bot_lease()  # only now: no poll of ours can still be in flight

    async def _start_web(self) -> None:
        """Serve the web view of the current configuration, if it has a `web:` section. Like
        the bot it is an extra: an address it cannot listen on is logged and the daemon goes
        on without it (a reload with another `listen` tries again)."""
        web = self.cfg.settings.web
        if web is None or self.engine is None or self.web is not None:
            return
        from reminder.store.db import read_only_engine
        from reminder.web.app import WebState, create_app
        from reminder.web.server import WebServer

        if self._web_reader is None:
            self._web_reader = read_only_engine(self.dep.db_url)
        state = WebState(config=lambda: self.cfg, engine=self.engine, reader=self._web_reader,
                         clock=self.clock, on_change=self.request_wake)
        server = WebServer(create_app(state), web.host, web.port)
        try:
            await server.start()
        except OSError as exc:
            log.error("web view cannot listen on %s: %s; running without it", web.listen,
                      exc.strerror or exc)
            return
        self.web = server
        log.info("web view on http://%s:%d", web.host if ":" not in web.host
                 else f"[{web.host}]", server.bound_port)

    async def _stop_web(self) -> None:
        """Stop serving the web view (requests in flight finish first, briefly)."""
        server, self.web = self.web, None
        if server is not None:
            try:
                await server.stop()
            except Exception as exc:  # stopping must go on to close the rest
                log.warning("web view did not stop cleanly: %s: %s", type(exc).__name__, exc)
        if self._web_reader is not None and self.cfg.settings.web is None:
            self._web_reader.dispose()
            self._web_reader = None

    async def run(self) -> int:
        """Run until stopped; returns the exit code."""
        loop = asyncio.get_running_loop()
        for sig, handler in ((signal.SIGTERM, self.request_stop),
                             (signal.SIGINT, self.request_stop),
                             (signal.SIGHUP, self.request_reload),
                             (WAKE_SIGNAL, self.request_wake)):
            loop.add_signal_handler(sig, handler)
        scheduler = AsyncIOScheduler(timezone=UTC)
        try:
            settings = self._start()
            await self._start_bot()
            await self._start_web()
            scheduler.start()
            sd_notify("READY=1")
            self._started = True
            self._last_ping = time.monotonic()
            log.info("started on %s", redact(self.dep.db_url))
            await self._loop(scheduler, settings)
            return 0
        finally:
            sd_notify("STOPPING=1")
            if scheduler.running:  # a failed start never started it: shutdown() would raise
                scheduler.shutdown(wait=False)
            await self._stop_bot()
            await self._stop_web()
            for ch in self.channels.values():
                await ch.aclose()
            if self._bot_lock is not None:
                self._bot_lock.release()
            if self._web_reader is not None:
                self._web_reader.dispose()
            if self.engine is not None:
                self.engine.dispose()
            if self.lock:
                self.lock.release()
            if self._templates is not None:
                shutil.rmtree(self._templates, ignore_errors=True)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, WAKE_SIGNAL):
                loop.remove_signal_handler(sig)
            # A command may have seen our lock just before it was released and wake us now:
            # the default action of SIGUSR1 would end this process with a signal.
            signal.signal(WAKE_SIGNAL, signal.SIG_IGN)
            if self._started:  # a failed start is the caller's one line, nothing more
                log.info("stopped")

    def _start(self) -> EngineSettings:
        """Everything before READY: the state directory, the SQLite lock, the migrated store,
        the plans. Any failure is a StoreError with one line saying what and where."""
        if Path(self.dep.state_dir).exists() and not Path(self.dep.state_dir).is_dir():
            raise StoreError(f"state directory {self.dep.state_dir}: is a file, not a "
                             "directory")
        try:
            Path(self.dep.state_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"state directory {self.dep.state_dir}: cannot be created: "
                             f"{exc.strerror or exc}") from None
        if not os.access(self.dep.state_dir, os.W_OK | os.X_OK):
            raise StoreError(f"state directory {self.dep.state_dir}: not writable by this "
                             "user") from None
        if self.dep.db_url.startswith("sqlite"):
            self.lock = DaemonLock(self.dep.state_dir, role=DAEMON)
            self.lock.acquire()
        self.engine = open_store(self.dep.db_url)
        try:
            with transaction(self.engine) as s:
                sync(s, self.dep, self.clock())
        except SQLAlchemyError as exc:
            raise StoreError(f"database {redact(self.dep.db_url)}: cannot load the plans: "
                             f"{db_error(exc)}", exit_code=1) from None
        try:
            return self._settings()
        except OSError as exc:  # the templates cannot be copied, an outbox cannot be made
            raise StoreError(f"{exc.filename or self.dep.state_dir}: {exc.strerror or exc}"
                             ) from None

    async def _prune(self) -> None:
        """Once a day (one daemon of those sharing the database): delete the ledger rows
        older than the retention in small batches, feeding the watchdog between them."""
        assert self.engine is not None
        days = self.dep.ledger_retention_days
        now = self.clock()
        if not days or not retention.claim_day(self.engine, now):
            return
        total = 0
        while True:
            n = retention.prune_batch(self.engine, now - timedelta(days=days), PRUNE_BATCH)
            total += n
            self._ping()
            if n < PRUNE_BATCH:
                break
            await asyncio.sleep(0)  # let the bot and signals in between batches
        if total:
            log.info("ledger: pruned %d rows older than %d days", total, days)

    def _write_calendars(self) -> None:
        """The feeds of ``calendar.folder``, if configured, after the pass (so they show what
        it did): built again only when the state may have changed (reminder.calendar.folder,
        which also logs a folder it cannot write rather than stop the loop)."""
        if self.cfg.calendar_dir is None:
            return
        from reminder.calendar.folder import CalendarFolder

        if self._calendars is None:
            self._calendars = CalendarFolder(self.cfg.calendar_dir)
        assert self.engine is not None
        self._calendars.refresh(self.engine, self.dep, self.clock())

    async def _loop(self, scheduler: AsyncIOScheduler, settings: EngineSettings) -> None:
        assert self.engine is not None
        # With the SQLite lock held, nobody else can be sending: whatever a previous run (or a
        # failed tick) left "sending" is reclaimed at once. Shared PostgreSQL: after a lease.
        lease: timedelta | None = None if self.lock else LEASE
        watchdog = self.watchdog
        while not self.stopping:
            # Cleared before the tick, not after: a wake-up that arrives during the tick (a
            # `reminder done` committed after this tick read the schedule) makes the wait
            # below return at once instead of being lost.
            self.wake.clear()
            if self.reload_wanted:
                self.reload_wanted = False
                settings = await self._reload(settings)
            await self._check_bot_lease()
            if self._bot_retry_at is not None and self.clock() >= self._bot_retry_at:
                await self._start_bot()
            try:
                report = await tick(self.engine, settings, self.clock(), self.worker,
                                    lease=lease, clock=self.clock, progress=self._ping)
                await self._prune()
                self._write_calendars()
                wake_at = self.next_wake(self.clock())
            except SQLAlchemyError as exc:
                # The database went away (a PostgreSQL restart, a full disk): every write is
                # transactional, so nothing is half-recorded; try again shortly.
                log.error("tick failed, retrying in %s: %s", RETRY, db_error(exc))
                wake_at = self.clock() + RETRY
            else:
                busy = bool(report.planned or report.sent or report.failed)
                if busy:
                    log.info("tick: planned %d, sent %d in %d messages, failed %d",
                             report.planned, report.sent, report.messages, report.failed)
                # After the start's loading and after a pass that did work; an idle pass (the
                # watchdog's every minute) allocated nothing worth a full collection.
                if busy or not self.ticks:
                    shed_memory()
            self.ticks += 1
            self._notify_watchdog()
            if self.stopping:
                break
            if watchdog is not None:
                wake_at = min(wake_at, self.clock() + watchdog)
            if self.bot is not None and self._bot_lock is not None:
                wake_at = min(wake_at, self.clock() + BOT_LEASE_RETRY)  # still ours?
            if self._bot_retry_at is not None:
                wake_at = max(min(wake_at, self._bot_retry_at), self.clock())
            # APScheduler wakes us; the job is a pointer into the database's schedule, so a
            # late or lost job costs nothing (misfire_grace_time=None: never dropped). A
            # coroutine, so it runs in this loop: a plain function would go to a worker thread
            # (asyncio.Event is not thread-safe), and its instance would still count as running
            # when a wake-up due at once replaced it, which APScheduler then skipped and
            # deleted ("maximum number of running instances reached"), leaving the daemon
            # asleep for good. The timeout is the backstop should a job be lost anyway.
            scheduler.add_job(self._wake_job, "date", run_date=wake_at, id="wake",
                              replace_existing=True, misfire_grace_time=None)
            backstop = (wake_at - self.clock()).total_seconds() + 1.0
            try:
                await asyncio.wait_for(self.wake.wait(), timeout=max(backstop, 1.0))
            except TimeoutError:
                log.debug("woken by the backstop, not by the scheduler")

    async def _wake_job(self) -> None:
        """The scheduler's one job: end the loop's sleep."""
        self.wake.set()


def _bot_settings(cfg: Config) -> tuple[object, str]:
    """What the bot is built from: the telegram section (token included: SecretStr compares
    by value) and the time zone its snooze dates are counted in."""
    return cfg.channels.telegram, str(cfg.settings.timezone)
