"""Action links from reminder emails, end to end: the link a rendered email carries closes
the item once; a forged, reused or expired link changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import Session, select
from starlette.testclient import TestClient

from reminder.store.models import HistoryRow, OccurrenceRow
from reminder.web.app import create_app
from reminder.web.links import Claim, derive, sign
from tests.web.conftest import NOW, SECRET, Deployment


def occurrence(d: Deployment, key: str) -> OccurrenceRow:
    with Session(d.engine) as s:
        return s.exec(select(OccurrenceRow).where(OccurrenceRow.task_key == key)).one()


def link(d: Deployment, recipient: str, key: str, action: str, days: int = 14) -> str:
    claim = Claim(recipient, occurrence(d, key).id or 0, action, NOW + timedelta(days=days))
    return "/a/" + sign(derive(SECRET, "links"), claim)


def confirm(client: TestClient, path: str) -> str:
    page = client.get(path).text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert token, page
    return client.post(path, data={"csrf": token.group(1)}).text


def test_the_email_carries_links_that_close_the_item(deployment: Deployment) -> None:
    from reminder.messages.model import Item, Message, Recipient
    from reminder.messages.render import render
    from reminder.web.links import link_maker

    occ = occurrence(deployment, "roadmap/1.2")
    item = Item(ledger_key=f"{occ.id}@2023-11-01|dmk|overdue-1", stage="overdue",
                plan_id="roadmap", plan_title="План", task_id="1.2",
                task_title="Підготувати звіт", result=None, window_start=None,
                due=occ.due, days_left=-19, working_days_late=14, role="lead",
                lead_name=None, others=(), plan_language="uk")
    message = Message(Recipient("dmk", "ДМК", "uk", ("dmk@example.org",)), NOW, (item,))
    plain = render(message).text
    assert "/a/" not in plain  # without base_url nothing changes
    text = render(message, links=link_maker(SECRET, "https://plans.example.org/reminder",
                                            14)).text
    urls = re.findall(r"(https://plans\.example\.org/reminder/a/\S+)", text)
    assert len(urls) == 3 and "Виконано: " + urls[0] in text
    client = TestClient(create_app(deployment.state()), base_url="https://testserver")
    done = urls[0].removeprefix("https://plans.example.org/reminder")
    page = client.get(done).text  # a mail scanner's GET: it shows, it does not act
    assert "Позначити пункт 1.2 виконаним?" in page
    assert occurrence(deployment, "roadmap/1.2").status == "open"
    assert "Пункт 1.2 позначено виконаним. Дякуємо." in confirm(client, done)
    assert occurrence(deployment, "roadmap/1.2").status == "done"
    with Session(deployment.engine) as s:
        row = s.exec(select(HistoryRow).where(HistoryRow.action == "done")).one()
    assert row.actor.startswith("email:dmk:") and row.note == "via email link"
    # twice: said, nothing more done
    assert "Це посилання вже використано: нічого не змінено." in client.get(done).text


def test_a_forged_link_changes_nothing(deployment: Deployment, client: TestClient) -> None:
    good = link(deployment, "dmk", "roadmap/1.2", "done")
    body, _, mac = good.removeprefix("/a/").partition(".")
    other = link(deployment, "osv", "roadmap/1.3", "done").removeprefix("/a/").split(".")[0]
    for forged in (f"/a/{body}.{'A' * len(mac)}", f"/a/{other}.{mac}", "/a/nonsense",
                   "/a/" + sign(derive("another secret", "links"),
                                Claim("dmk", occurrence(deployment, "roadmap/1.2").id or 0,
                                      "done", NOW + timedelta(days=3)))):
        r = client.get(forged)
        assert r.status_code == 404 and "This link is not valid" in r.text, forged
        r = client.post(forged, data={"csrf": "x"})
        assert r.status_code == 404
    assert occurrence(deployment, "roadmap/1.2").status == "open"
    assert occurrence(deployment, "roadmap/1.3").status == "open"


def test_an_expired_link_changes_nothing(deployment: Deployment, client: TestClient) -> None:
    path = link(deployment, "dmk", "roadmap/1.2", "done", days=1)
    deployment.clock[0] = NOW + timedelta(days=1)
    r = client.post(path, data={"csrf": "anything"})
    assert r.status_code == 410 and "This link has expired" in r.text
    assert occurrence(deployment, "roadmap/1.2").status == "open"


def test_a_co_executor_records_their_part(deployment: Deployment, client: TestClient) -> None:
    page = confirm(client, link(deployment, "osv", "roadmap/1.1", "done"))
    assert "Вашу частину пункту 1.1 відзначено" in page
    assert occurrence(deployment, "roadmap/1.1").status == "open"  # the lead closes it
    with Session(deployment.engine) as s:
        (row,) = s.exec(select(HistoryRow).where(HistoryRow.action == "part_done")).all()
    assert row.note == "Департамент освіти: part done via email link"


def test_snooze_and_more_time(deployment: Deployment, client: TestClient) -> None:
    page = confirm(client, link(deployment, "dmk", "roadmap/1.2", "snooze"))
    assert "Нагадувань вам про пункт 1.2 не буде до 2023-11-27." in page  # 20 Nov + 7
    page = confirm(client, link(deployment, "dmk", "roadmap/1.2", "more_time"))
    assert "Ваше прохання продовжити строк пункту 1.2 надіслано координатору." in page
    assert deployment.woken  # the coordinator's notice goes out at once
    page = confirm(client, link(deployment, "dmk", "roadmap/1.2", "more_time", days=13))
    assert "Продовження за пунктом 1.2 уже запитано" in page


def test_acceptance_reports_instead_of_closing(deployment: Deployment, client: TestClient
                                               ) -> None:
    page = confirm(client, link(deployment, "dmk", "roadmap/2.2", "done"))
    assert "Про виконання пункту 2.2 повідомлено; координатор його прийме." in page
    assert occurrence(deployment, "roadmap/2.2").status == "reported"


def test_someone_elses_item_is_refused(deployment: Deployment, client: TestClient) -> None:
    page = confirm(client, link(deployment, "osv", "roadmap/1.2", "done"))
    assert "Пункт 1.2 для вас більше не відкритий: нічого не змінено." in page
    assert occurrence(deployment, "roadmap/1.2").status == "open"


def test_a_used_link_respelt_in_its_spare_bits_is_not_a_new_one(deployment: Deployment,
                                                                 client: TestClient) -> None:
    """base64's last character carries spare bits: the other spellings of a used link's
    signature must not act again (found by a tester: sixteen uses of one snooze link)."""
    path = link(deployment, "dmk", "roadmap/1.2", "snooze")
    assert "Нагадувань вам про пункт 1.2 не буде" in confirm(client, path)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    respelt = [path[:-1] + c for c in alphabet if c != path[-1]]
    for other in respelt:
        page = client.get(other)
        assert page.status_code == 404 and "This link is not valid" in page.text, other
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert token is None  # no button to press
    with Session(deployment.engine) as s:
        snoozes = [h for h in s.exec(select(HistoryRow)) if h.action == "snoozed"]
    assert len(snoozes) == 1
