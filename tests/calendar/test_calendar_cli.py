"""`reminder calendar` on a small deployment: the file read by two independent parsers
(icalendar and vobject) against events written by hand; the same state exported twice is the
same bytes; an extension keeps the UID and raises SEQUENCE; a closed item is cancelled; an
unknown executor or plan is refused naming the near ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from reminder.cli import main
from tests.calendar.deployment import make_deployment

NOW = "2027-01-10T09:00"  # Kyiv: 07:00 UTC, when the deployment is first loaded
LOADED = datetime(2027, 1, 10, 7, 0, tzinfo=UTC)
# Babel writes a narrow no-break space before "р." (the year)
TITLE = "Консультації, звіт; підсумки\nдругий рядок — «лапки» ✓"
PLAN_LINE = "roadmap: План заходів; 2027, перший етап"
LEAD = "Відповідальний виконавець"

# The executor fin's feed, written by hand: (UID, start, end (exclusive), summary, status,
# SEQUENCE, DTSTAMP, description).
FIN_DESC_11 = (f"{TITLE}\n\nПеріод: 1 лютого – 2 березня 2027\u202fр.\n"
               f"{LEAD}: Департамент масових комунікацій (dmk)\n"
               "Співвиконавці: Finance, Budget; Audit (fin)\n"
               "Ваша роль: співвиконавець\nСтатус: відкрито\n" + PLAN_LINE)
FIN_DESC_12 = ("Звіт про виконання\n\nСтрок за планом: IV квартал\n"
               "Період: 1 жовтня – 31 грудня 2027\u202fр.\n"
               f"{LEAD}: Finance, Budget; Audit (fin)\n"
               "Ваша роль: відповідальний виконавець\nСтатус: відкрито\n" + PLAN_LINE)
FIN_EVENTS = [
    ("roadmap/1.1/0@reminder", date(2027, 3, 2), date(2027, 3, 3),
     "roadmap/1.1: Консультації, звіт; підсумки другий рядок — «лапки» ✓",
     "CONFIRMED", 0, LOADED, FIN_DESC_11),
    ("roadmap/1.1/0/window@reminder", date(2027, 2, 1), date(2027, 3, 3),
     "roadmap/1.1 (період): Консультації, звіт; підсумки другий рядок — «лапки» ✓",
     "CONFIRMED", 0, LOADED, FIN_DESC_11),
    ("roadmap/1.2/0@reminder", date(2027, 12, 31), date(2028, 1, 1),
     "roadmap/1.2: Звіт про виконання", "CONFIRMED", 0, LOADED, FIN_DESC_12),
    ("roadmap/1.2/0/window@reminder", date(2027, 10, 1), date(2028, 1, 1),
     "roadmap/1.2 (період): Звіт про виконання", "CONFIRMED", 0, LOADED, FIN_DESC_12),
]


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    return make_deployment(tmp_path)


def export(conf: Path, *flags: str, now: str = NOW) -> bytes:
    out = conf.parent / "out.ics"
    assert main(["calendar", "--config", str(conf), "--now", now, "-o", str(out),
                 *flags]) == 0
    return out.read_bytes()


def by_icalendar(data: bytes) -> list[tuple]:
    cal = icalendar.Calendar.from_ical(data)
    return [(str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"]),
             str(e["STATUS"]), int(e["SEQUENCE"]), e.decoded("DTSTAMP"),
             str(e["DESCRIPTION"])) for e in cal.walk("VEVENT")]


def by_vobject(data: bytes) -> list[tuple]:
    cal = vobject.readOne(data.decode("utf-8"))
    return [(e.uid.value, e.dtstart.value, e.dtend.value, e.summary.value, e.status.value,
             int(e.sequence.value), e.dtstamp.value, e.description.value)
            for e in cal.vevent_list]


def test_an_executors_feed_is_read_alike_by_two_parsers(conf: Path) -> None:
    data = export(conf, "--executor", "fin")
    assert by_icalendar(data) == FIN_EVENTS
    assert by_vobject(data) == FIN_EVENTS
    cal = icalendar.Calendar.from_ical(data)
    assert cal["X-WR-CALNAME"].to_ical() == b"Reminders: Finance\\, Budget\\; Audit"  # raw
    assert vobject.readOne(data.decode()).contents["x-wr-calname"][0].value == (
        "Reminders: Finance, Budget; Audit")


def test_the_text_is_escaped_and_all_day_dates_carry_no_zone(conf: Path) -> None:
    data = export(conf, "--executor", "fin")
    unfolded = data.replace(b"\r\n ", b"").decode()
    assert "\r\nDTSTART;VALUE=DATE:20270302\r\n" in unfolded
    assert "TZID" not in unfolded and "VTIMEZONE" not in unfolded
    assert ("\r\nSUMMARY:roadmap/1.1: Консультації\\, звіт\\; підсумки другий рядок — "
            "«лапки» ✓\r\n") in unfolded
    assert "DESCRIPTION:Консультації\\, звіт\\; підсумки\\nдругий рядок" in unfolded
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))


def test_the_whole_deployment_has_every_item_and_a_closed_one_cancelled(conf: Path) -> None:
    events = {e[0]: e for e in by_vobject(export(conf))}
    assert sorted(events) == [
        "roadmap/1.1/0/window@reminder", "roadmap/1.1/0@reminder",
        "roadmap/1.2/0/window@reminder", "roadmap/1.2/0@reminder",
        "roadmap/1.3/0/window@reminder", "roadmap/1.3/0@reminder"]
    done = events["roadmap/1.3/0@reminder"]
    # marked done in the plan file: cancelled, so an app that imported it open drops it
    assert done[1:6] == (date(2027, 2, 15), date(2027, 2, 16),
                         "roadmap/1.3: План комунікацій", "CANCELLED", 1)
    assert done[7] == ("План комунікацій\n\nПеріод: 1 січня – 15 лютого 2027\u202fр.\n"
                       f"{LEAD}: Департамент масових комунікацій (dmk)\n"
                       "Статус: виконано\n" + PLAN_LINE)  # no role: the feed is no one's
    window = events["roadmap/1.3/0/window@reminder"]
    assert window[1:6] == (date(2027, 1, 1), date(2027, 2, 16),  # the plan's period opens it
                           "roadmap/1.3 (період): План комунікацій", "CANCELLED", 1)


def test_a_second_export_of_the_same_state_is_the_same_bytes(conf: Path) -> None:
    first = export(conf)
    assert export(conf, now="2027-02-20T16:30") == first  # a later clock changes nothing
    for executor in ("dmk", "fin", "sec"):
        assert export(conf, "--executor", executor) == export(conf, "--executor", executor)


def test_stdout_holds_the_same_bytes_as_the_file(conf: Path,
                                                 capfdbinary: pytest.CaptureFixture) -> None:
    data = export(conf, "--plan", "roadmap")
    capfdbinary.readouterr()
    assert main(["calendar", "--config", str(conf), "--now", NOW, "--plan", "roadmap"]) == 0
    assert capfdbinary.readouterr().out == data


def test_an_extension_keeps_the_uid_and_raises_the_sequence(conf: Path) -> None:
    before = {e[0]: e for e in by_icalendar(export(conf, "--executor", "fin"))}
    assert main(["extend", "--config", str(conf), "roadmap/1.1", "--to", "2027-03-16",
                 "--reason", "консультації подовжено", "--now", "2027-02-25T14:00"]) == 0
    after = {e[0]: e for e in by_icalendar(export(conf, "--executor", "fin"))}
    assert sorted(after) == sorted(before)
    due = after["roadmap/1.1/0@reminder"]
    assert due[1:3] == (date(2027, 3, 16), date(2027, 3, 17))
    assert due[5] == 1 > before["roadmap/1.1/0@reminder"][5]
    assert due[6] == datetime(2027, 2, 25, 12, 0, tzinfo=UTC)  # the extension's instant
    window = after["roadmap/1.1/0/window@reminder"]
    assert window[1:3] == (date(2027, 2, 1), date(2027, 3, 17)) and window[5] == 1
    assert after["roadmap/1.2/0@reminder"] == before["roadmap/1.2/0@reminder"]  # untouched
    # done, then reopened: each a revision, the last one open again
    assert main(["done", "--config", str(conf), "roadmap/1.1", "--now", "2027-03-01T10:00"]) == 0
    closed = {e[0]: e for e in by_icalendar(export(conf, "--executor", "fin"))}
    assert closed["roadmap/1.1/0@reminder"][4:6] == ("CANCELLED", 2)
    assert main(["reopen", "--config", str(conf), "roadmap/1.1",
                 "--now", "2027-03-02T10:00"]) == 0
    reopened = {e[0]: e for e in by_icalendar(export(conf, "--executor", "fin"))}
    assert reopened["roadmap/1.1/0@reminder"][4:6] == ("CONFIRMED", 3)


def test_a_snooze_changes_no_event(conf: Path) -> None:
    before = export(conf, "--executor", "fin")
    assert main(["snooze", "--config", str(conf), "roadmap/1.2", "--days", "5",
                 "--now", "2027-01-11T10:00"]) == 0
    assert export(conf, "--executor", "fin") == before


@pytest.mark.parametrize(("flags", "message"), [
    (("--executor", "fni"), "reminder: --executor: unknown executor 'fni'; did you mean fin?"),
    (("--executor", "Департамент масових комунікацій"), None),  # a name works as the id
    (("--plan", "roadmpa"), "reminder: --plan: unknown plan 'roadmpa'; did you mean roadmap?"),
    (("--plan", "zzz"), "reminder: --plan: unknown plan 'zzz'; known: roadmap"),
])
def test_an_unknown_executor_or_plan_is_refused_naming_the_near_ids(
        conf: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...],
        message: str | None) -> None:
    code = main(["calendar", "--config", str(conf), "--now", NOW, *flags])
    out, err = capsys.readouterr()
    if message is None:
        assert code == 0 and "Ваша роль: відповідальний виконавець" in vobject.readOne(
            out).vevent_list[0].description.value
        return
    assert (code, err.strip(), out) == (2, message, "")
    assert not (conf.parent / "state").exists()  # refused before the store was opened


def test_an_output_in_a_missing_folder_is_one_line(conf: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = conf.parent / "nowhere" / "fin.ics"
    assert main(["calendar", "--config", str(conf), "--now", NOW, "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"reminder: -o: {out.parent}: no such folder\n"
    assert not (conf.parent / "state").exists()  # refused before the store was opened


def test_a_closed_plan_cancels_its_open_items_and_reopening_restores_them(conf: Path) -> None:
    export(conf, "--executor", "fin")  # first load at NOW
    assert main(["close-plan", "--config", str(conf), "roadmap", "--now",
                 "2027-04-01T10:00"]) == 0
    closed = {e[0]: e for e in by_vobject(export(conf, "--executor", "fin"))}
    assert {u: e[4:6] for u, e in closed.items()} == {
        "roadmap/1.1/0@reminder": ("CANCELLED", 1),
        "roadmap/1.1/0/window@reminder": ("CANCELLED", 1),
        "roadmap/1.2/0@reminder": ("CANCELLED", 1),
        "roadmap/1.2/0/window@reminder": ("CANCELLED", 1)}
    assert closed["roadmap/1.2/0@reminder"][7].endswith(
        "Статус: відкрито; план закрито\n" + PLAN_LINE)
    assert closed["roadmap/1.2/0@reminder"][6] == datetime(2027, 4, 1, 7, 0, tzinfo=UTC)
    assert main(["close-plan", "--config", str(conf), "roadmap", "--reopen", "--now",
                 "2027-04-02T10:00"]) == 0
    reopened = {e[0]: e for e in by_vobject(export(conf, "--executor", "fin"))}
    assert reopened["roadmap/1.2/0@reminder"][4:6] == ("CONFIRMED", 2)  # closed, reopened
