"""`reminder tick`: one pass — load the plans, send what is due now, record it. For cron, a
systemd timer, and tests (``--now`` sets the clock)."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from functools import partial

from reminder.cli._engine import add_config, load_for_sending, opened, parse_now
from reminder.cli.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `tick` subcommand."""
    p = subparsers.add_parser("tick", help="send what is due now, once",
                              description=__doc__)
    add_config(p)
    p.add_argument("--now", metavar="ISO", help="the clock (default: now), e.g. 2023-10-02T09:00")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync the configuration, then plan and deliver everything due by --now."""
    import asyncio

    from reminder.channels.configured import attach_store, channels_from_config
    from reminder.messages.render import render
    from reminder.store import retention
    from reminder.store.db import transaction
    from reminder.store.sync import sync
    from reminder.tick import EngineSettings, tick

    cfg, dep = load_for_sending(args.config)  # templates that cannot render: refused here
    now = parse_now(args.now, cfg.timezone)
    channels = channels_from_config(cfg)
    links = None
    if cfg.settings.web is not None:  # emails carry the same action links as the daemon's
        from reminder.web.links import links_for

        links = links_for(cfg)
    settings = EngineSettings(dep.timezone, dep.secretariat, channels,
                              partial(render, templates_dir=cfg.templates_dir, links=links),
                              dep.digest_cron, dep.due_soon_days, dep.digest_when_empty)
    with opened(dep) as store:
        attach_store(channels, store.engine)
        with transaction(store.engine) as s:
            changes = sync(s, dep, now)

        async def once():  # type: ignore[no-untyped-def]
            try:
                # Holding the SQLite lock, no one else can be mid-send: reclaim at once.
                lease = None if store.exclusive else timedelta(minutes=10)
                return await tick(store.engine, settings, now, store.worker, lease=lease)
            finally:
                for ch in channels.values():
                    await ch.aclose()

        report = asyncio.run(once())
        # Deployments run by a timer instead of the daemon prune the ledger too, once a day
        # between all the ticks and daemons sharing the database.
        pruned = (retention.prune(store.engine, now, dep.ledger_retention_days)
                  if dep.ledger_retention_days and retention.claim_day(store.engine, now)
                  else 0)
    print(f"synced: {len(changes.added)} added, {len(changes.changed)} changed, "
          f"{len(changes.archived)} archived; planned {report.planned}, sent {report.sent} "
          f"in {report.messages} messages, failed {report.failed}"
          + (f" ({report.given_up} for good, {report.failed - report.given_up} to be retried)"
             if report.failed else ""))
    if pruned:
        print(f"ledger: pruned {pruned} rows older than {dep.ledger_retention_days} days")
    for err in report.errors:
        print(f"  failed: {printable(err)}")
    # Nothing unreachable is lost (the reminders wait in the ledger and are retried with
    # backoff), but a timer or cron job must see every pass that did not deliver all it had.
    for name, reason in sorted(report.unreachable.items()):
        print(f"reminder tick: channel {name} unreachable: {printable(reason)}; its "
              "reminders are kept and retried", file=sys.stderr)
    if report.given_up:
        print(f"reminder tick: {report.given_up} reminders could not be delivered and will not "
              "be retried (see `reminder status` and the digest)", file=sys.stderr)
    if report.unrenderable:
        print(f"reminder tick: {report.unrenderable} reminders are held back by a template "
              "that fails on their data; fix it and they are sent", file=sys.stderr)
    return 1 if report.unreachable or report.given_up or report.unrenderable else 0
