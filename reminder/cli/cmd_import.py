"""`reminder import FILE`: turn a plan document into a plan YAML for a coordinator to review."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reminder.cli.errors import UserError
from reminder.cli.terminal import printable

if TYPE_CHECKING:  # the importer loads only when the command runs
    from reminder.config import Directory, Problem
    from reminder.importers.model import ImportResult, Plan

_LANGS = ("ru", "uk", "lv", "en")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `import` subcommand."""
    p = subparsers.add_parser(
        "import",
        help="import a plan document (DOCX, XLSX, CSV, text) as a plan YAML",
        description=(
            "Read a plan document and write a plan YAML with comments where a person is "
            "needed; what it writes passes `reminder check` (ids are made from the document's "
            "item numbers). The summary (rows read, tasks, warnings) goes to stderr."
        ),
    )
    p.add_argument("file", metavar="FILE", help="the plan document")
    p.add_argument("--period", help='plan period: "2020", "2023-2025" or "2019-08-12..2020-10-31"')
    p.add_argument("--lang", choices=_LANGS, help="language of the document (default: detected)")
    p.add_argument("--id", dest="plan_id", help="plan id (default: from the output or input name)")
    p.add_argument(
        "--directory", metavar="EXECUTORS.yaml",
        help="the executors directory (checked as `reminder check` checks it): names it does "
             "not know get a comment with suggestions and a file:line: key: warning line",
    )
    p.add_argument(
        "--config", metavar="PATH",
        help="the deployment file (reminder.yaml): its executors directory is used as "
             "--directory is (give one or the other)",
    )
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="write here (default: stdout)")
    p.add_argument(
        "--directory-stub", metavar="NEW.yaml",
        help="also write an executors directory stub: one entry per name the directory "
             "(--directory or --config; without one: every name) does not know, with a "
             "proposed id, the plan's language, empty email/telegram to fill, and partner: "
             "true for those named by agreement; not written when every name is known",
    )
    p.add_argument("--force", action="store_true",
                   help="replace an existing --directory-stub file")
    p.set_defaults(func=run)


class _Bar:
    """A one-line progress bar on a terminal, for documents with many rows."""

    MIN_ROWS = 300

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_ROWS:
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + " " * (width - filled)
        self.stream.write(f"\r{self.name}: [{bar}] {done}/{total} rows")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _relative_source(source: Path, output: Path | None) -> str:
    base = output.parent if output else Path.cwd()
    try:
        return os.path.relpath(source.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(source)


def run(args: argparse.Namespace) -> int:
    """Import the file; exit 0 on success, 2 with a message naming the file otherwise.

    The text is checked with the loader `reminder check` uses before it is written: a value
    check would reject is never written. Problems of the ``--directory`` file and names it does
    not know are reported as check reports them (``file:line: key: severity: message``).
    """
    from reminder.importers.importer import import_document
    from reminder.importers.model import ImportFailed
    from reminder.importers.valid import check_output, is_id
    from reminder.importers.yaml_out import render, write_atomic

    source = Path(args.file)
    output = Path(args.output) if args.output else None
    if args.plan_id is not None and not is_id(args.plan_id):
        raise UserError(f"--id: {args.plan_id!r} is not a plan id (no spaces or slashes)")
    if args.period is not None:  # the option's mistake, not the document's: said as such
        from reminder.deadlines import Period

        try:
            Period.parse(args.period)
        except ValueError as exc:
            raise UserError(f"--period: {exc}") from None
    # The output's name may hold spaces: the importer makes it an id, and says so.
    plan_id = args.plan_id or (output.stem if output else None)
    # The output folder and the directory are checked first: a mistake in either should not
    # cost a long import.
    if output:
        _check_output(output)
    if args.directory and args.config:
        raise UserError("--directory and --config both name an executors directory: give one")
    directory_path = (Path(args.directory) if args.directory
                      else _directory_of(Path(args.config)) if args.config else None)
    stub = Path(args.directory_stub) if args.directory_stub else None
    if stub is not None:
        _check_stub(stub, args.force, output, directory_path)
    directory = _directory(directory_path) if directory_path is not None else None
    bar = _Bar(sys.stderr, source.name) if sys.stderr.isatty() else None
    try:
        result = import_document(source, args.period, args.lang, plan_id, progress=bar)
    except ImportFailed as exc:
        raise UserError(f"{source}: {exc}") from None
    finally:
        if bar:
            bar.close()
    plan = result.plan
    plan.source = _relative_source(source, output)
    if directory is not None:
        from reminder.importers.matching import mark_unmatched

        mark_unmatched(plan, lambda name: directory.match(name) is not None,
                       lambda name: [e.name for e in directory.suggest(name)])
    header = [
        f"Imported by `reminder import` from {source.name} ({result.mode}): review every "
        "comment below, then delete it.",
        *[f"Note: {n}" for n in result.notes],
    ]
    text = render(plan, header)
    shown = str(output) if output else "<stdout>"
    errors, unknown = check_output(text, shown, today=date.today(), directory=directory)
    if errors:
        _print_problems(errors)
        raise UserError(f"{source}: the imported plan would not pass `reminder check` (the "
                        "problems above); nothing was written")
    if output:
        _check_output(output)  # again: the import may have taken a while
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)
    _summary(sys.stderr, source, result, output, unknown)
    if stub is not None:
        _write_stub(stub, plan, directory, directory_path, source)
    return 0


def _directory_of(config: Path) -> Path:
    """The executors directory a deployment file names (`directory:`, default
    executors.yaml next to it), read without loading the rest of the deployment."""
    from reminder.config.yamlsource import read_yaml

    doc = read_yaml(config)
    if doc.data is None:
        first = doc.problems[0] if doc.problems else f"{config}: cannot be read"
        raise UserError(f"--config: {first}; nothing was imported")
    data = doc.data if isinstance(doc.data, dict) else {}
    name = data.get("directory", "executors.yaml")
    if not ({"timezone", "plans"} & set(data)) or not isinstance(name, str) or not name.strip():
        raise UserError(f"--config: {config}: not a deployment file naming an executors "
                        "directory (`directory: executors.yaml`); nothing was imported")
    return config.parent / Path(name).expanduser()


def _check_stub(stub: Path, force: bool, output: Path | None, directory: Path | None) -> None:
    """--directory-stub names a new file in an existing folder (or, with --force, a file to
    replace), and neither the plan written nor the directory read."""
    if stub.is_dir():
        raise UserError(f"--directory-stub {stub}: is a directory; name the file "
                        f"({stub / 'executors-new.yaml'})")
    if not stub.parent.is_dir():
        raise UserError(f"--directory-stub {stub}: the directory {stub.parent} does not exist")
    for other, what in ((output, "the plan file (-o)"), (directory, "the executors directory")):
        if other is not None and stub.absolute() == other.absolute():
            raise UserError(f"--directory-stub {stub}: is {what}; name a new file")
    if stub.exists() and not force:
        raise UserError(f"--directory-stub {stub}: the file exists; nothing was imported "
                        "(--force replaces it)")


def _write_stub(stub: Path, plan: Plan, directory: Directory | None,
                directory_path: Path | None, source: Path) -> None:
    from reminder.importers.stub import render_stub, stub_entries
    from reminder.importers.yaml_out import write_atomic

    entries = stub_entries(plan, directory)
    if not entries:
        print(printable(f"  every executor name is in {directory_path}: no stub written"),
              file=sys.stderr)
        return
    text = render_stub(entries, source.name, str(directory_path) if directory_path else None)
    try:
        write_atomic(stub, text)
    except OSError as exc:
        raise UserError(f"{stub}: cannot write ({exc.strerror or exc})") from None
    print(printable(f"  directory stub: {len(entries)} new executor"
                    f"{'' if len(entries) == 1 else 's'} -> {stub} (fill each `email`, then "
                    "copy them into the directory)"), file=sys.stderr)


def _check_output(output: Path) -> None:
    """-o must name a file in an existing folder (the plan is written atomically beside it)."""
    if output.is_dir():
        raise UserError(f"-o {output}: is a directory; name the plan file "
                        f"({output / 'plan.yaml'})")
    if not output.parent.is_dir():
        if output.parent.exists():
            raise UserError(f"-o {output}: {output.parent} is a file, not a directory")
        raise UserError(f"-o {output}: the directory {output.parent} does not exist")


def _print_problems(problems: list[Problem]) -> None:
    """Each problem on its own line of stderr, as `reminder check` prints it."""
    for problem in problems:
        print(printable(problem), file=sys.stderr)


def _directory(path: Path) -> Directory:
    """The executors directory, read and checked as `reminder check` does; its problems are
    printed as check prints them, and the import stops."""
    from reminder.config import ConfigError, load_directory

    try:
        return load_directory(path)
    except ConfigError as exc:
        if len(exc.problems) == 1:  # one mistake, one line
            raise UserError(f"--directory: {exc.problems[0]}; nothing was imported") from None
        _print_problems(exc.problems)
        raise UserError(f"{path}: not a valid executors directory (the problems above); "
                        "nothing was imported") from None


def _summary(stream: TextIO, source: Path, result: ImportResult, output: Path | None,
             unknown: list[Problem]) -> None:
    """The figures of the import, its warnings grouped by kind, then each executor name the
    directory does not know on its own line, located as `reminder check` locates it.

    The lines quote the document (cells, names, its file name): each goes through
    `printable`, so nothing in the document can drive the terminal."""
    _summary_lines(_Escaped(stream), source, result, output, unknown)


class _Escaped:
    """A text stream that shows each written line through `printable` (newlines kept)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(printable(text, newlines=True))


def _summary_lines(stream: _Escaped, source: Path, result: ImportResult,
                   output: Path | None, unknown: list[Problem]) -> None:
    plan = result.plan
    leads = sum(1 for t in plan.tasks if any(e.role == "lead" for e in t.executors))
    stream.write(
        f"{source.name}: {result.rows_read} {'sentences' if result.mode == 'prose' else 'rows'} "
        f"read, {len(plan.tasks)} tasks "
        f"({leads} with a lead executor), {len(result.warnings) + len(unknown)} warnings; "
        f"period {plan.period or 'not set'}, language {plan.language}"
        + (f" -> {output}" if output else "")
        + "\n"
    )
    for note in result.notes:
        stream.write(f"  note: {note}\n")
    # One line per kind of warning, with the tasks it concerns: 20 identical lines help nobody.
    grouped: dict[str, list[str]] = {}
    for warning in result.warnings:
        where, _, what = warning.partition(": ")
        if where.startswith("task ") and what:
            grouped.setdefault(what, []).append(where[len("task "):])
        else:
            grouped.setdefault(warning, [])
    for what, tasks in grouped.items():
        ids = [t for t in tasks if t]
        shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        stream.write(f"  warning: {what}" + (f" (tasks {shown})" if ids else "") + "\n")
    for problem in unknown:
        stream.write(f"{problem}\n")
