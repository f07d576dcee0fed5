"""The web view's routes with Starlette's TestClient: sign-in, roles, CSRF, escaping, and
that the pages show what `reminder report` counts."""

from __future__ import annotations

import re

from sqlmodel import Session, select
from starlette.testclient import TestClient

from reminder.store import requests
from reminder.store.models import OccurrenceRow, RequestRow
from reminder.web.app import create_app
from tests.web.conftest import HOSTILE, NOW, PASSWORD, Deployment, sign_in


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, str]) -> str:
    """Post a form and read the page it redirects to (the proxy's path prefix taken off, as
    the proxy would)."""
    r = client.post(path, data=data, follow_redirects=False)
    if r.status_code != 303:
        return f"{r.status_code} {r.text}"
    return client.get(r.headers["location"].removeprefix("/reminder")).text


def test_pages_need_a_signed_in_user(client: TestClient) -> None:
    for path in ("/", "/plan/roadmap", "/department/dmk", "/card/roadmap/1.2", "/requests"):
        r = client.get(path, follow_redirects=False)
        assert (r.status_code, r.headers["location"]) == (303, "/reminder/login"), path


def test_a_wrong_password_or_name_is_refused(client: TestClient) -> None:
    for name, password in (("olena", "wrong password!"), ("nobody", "correct horse battery")):
        r = client.post("/login", data={"name": name, "password": password})
        assert r.status_code == 401
        assert "Wrong name or password." in r.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_dashboard_shows_the_register(client: TestClient) -> None:
    sign_in(client, "olena")
    r = client.get("/")
    assert r.status_code == 200
    page = r.text
    # overdue on 20 November 2023: 1.1 (2 Oct), 1.2 (1 Nov), 2.2 (6 Nov), 1.3 (10 Nov)
    assert '<b id="total-overdue">4</b>' in page
    rows = re.findall(r'<a href="/reminder/card/([^"]+)">', page)
    # most late first: 1.1 (35 working days), 1.2 (13), 2.2 (10), 1.3 (6)
    assert rows == ["roadmap/1.1", "roadmap/1.2", "roadmap/2.2", "roadmap/1.3"]
    assert "<svg" in page and "Департамент масових комунікацій: 3" in page
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["referrer-policy"] == "no-referrer"


def test_plan_text_is_escaped(client: TestClient) -> None:
    sign_in(client, "olena")
    for path in ("/", "/card/roadmap/1.3", "/department/osv", "/?q=script"):
        page = client.get(path).text
        assert "<script>" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Захід &amp; «лапки»" in page, path
    assert HOSTILE not in client.get("/card/roadmap/1.3").text


def test_filters_narrow_the_rows(client: TestClient) -> None:
    sign_in(client, "olena")

    def keys(path: str) -> list[str]:
        return re.findall(r'<a href="/reminder/card/([^"]+)">', client.get(path).text)

    assert keys("/department/osv") == ["roadmap/1.3"]
    assert keys("/?department=dmk") == ["roadmap/1.1", "roadmap/1.2", "roadmap/2.2"]
    assert keys("/?q=ЗВІТ") == ["roadmap/1.2"]  # case-insensitive
    assert keys("/?q=nothing-like-this") == []
    # with items not yet due: 2.1 (due 20 December) after the overdue ones
    assert keys("/?all=1") == ["roadmap/1.1", "roadmap/1.2", "roadmap/2.2", "roadmap/1.3",
                               "roadmap/2.1"]
    assert keys("/plan/roadmap?q=сайт&all=1") == ["roadmap/2.1"]
    assert client.get("/plan/nope").status_code == 404
    assert client.get("/department/nope").status_code == 404
    assert client.get("/card/roadmap/9.9").status_code == 404


def test_the_card_lists_executors_and_history(client: TestClient, deployment: Deployment
                                              ) -> None:
    from reminder.store import actions

    actions.extend(deployment.engine, "roadmap/1.2", __import__("datetime").date(2023, 11, 24),
                   "бюджет затримано", None, NOW, deployment.config.timezone, actor="cli")
    sign_in(client, "olena")
    page = client.get("/card/roadmap/1.1").text
    assert "Департамент масових комунікацій</a> (lead); Департамент освіти (co)" in page
    page = client.get("/card/roadmap/1.2").text
    assert "Due 2023-11-24 (first due 2023-11-01): open" in page
    assert "<td>extended</td><td>cli</td><td>бюджет затримано</td><td>2023-11-01</td>" \
           "<td>2023-11-24</td>" in page


def test_the_secretariat_reads_a_coordinator_answers(client: TestClient,
                                                     deployment: Deployment) -> None:
    with Session(deployment.engine) as s:
        occ = s.exec(select(OccurrenceRow).where(OccurrenceRow.task_key == "roadmap/1.2")).one()
    req, _ = requests.ask_more_time(deployment.engine, occ.id or 0, "dmk", "test", NOW, "sec",
                                    "чекаємо дані", deployment.config.timezone)
    sign_in(client, "olena")
    page = client.get("/requests").text
    assert "чекаємо дані" in page and "Approve" not in page  # no form for the secretariat
    r = client.post(f"/requests/{req.id}", data={"verb": "approve", "days": "14",
                                                 "csrf": csrf(client.get("/").text)})
    assert r.status_code == 403
    r = client.post("/logout", data={"csrf": csrf(page)}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/reminder/login")

    sign_in(client, "coord")
    page = client.get("/requests").text
    token = csrf(page)
    # without the CSRF token, or with another session's, nothing happens
    assert client.post(f"/requests/{req.id}", data={"verb": "approve", "days": "14"}
                       ).status_code == 403
    assert client.post(f"/requests/{req.id}", data={"verb": "approve", "days": "14",
                                                    "csrf": "0" * 64}).status_code == 403
    with Session(deployment.engine) as s:
        assert s.get(RequestRow, req.id).status == "pending"
    page = post(client, f"/requests/{req.id}", {"verb": "approve", "days": "14",
                                                "csrf": token})
    # asked on 20 November, past its due date: 14 days from the day asked
    assert "request 1 approved: new deadline 2023-12-04" in page
    with Session(deployment.engine) as s:
        assert s.get(RequestRow, req.id).status == "approved"
        assert s.get(OccurrenceRow, occ.id).due.isoformat() == "2023-12-04"
    assert deployment.woken  # the daemon is woken to send the notice
    page = post(client, f"/requests/{req.id}", {"verb": "deny", "note": "ні", "csrf": token})
    assert "request 1 is not awaiting an answer" in page


def test_a_coordinator_tied_to_an_executor_answers_only_their_requests(
        deployment: Deployment) -> None:
    from dataclasses import replace

    web = deployment.config.settings.web
    assert web is not None
    users = [replace_user for replace_user in web.users]
    users[1] = users[1].model_copy(update={"executor": "osv"})
    settings = deployment.config.settings.model_copy(
        update={"web": web.model_copy(update={"users": users})})
    deployment.config = replace(deployment.config, settings=settings)
    client = TestClient(create_app(deployment.state()), base_url="https://testserver")
    with Session(deployment.engine) as s:
        occ = s.exec(select(OccurrenceRow).where(OccurrenceRow.task_key == "roadmap/1.2")).one()
    req, _ = requests.ask_more_time(deployment.engine, occ.id or 0, "dmk", "test", NOW, "sec",
                                    None, deployment.config.timezone)
    sign_in(client, "coord")
    page = client.get("/requests").text
    assert "Approve" not in page
    page = post(client, f"/requests/{req.id}", {"verb": "approve", "days": "7",
                                                "csrf": csrf(page)})
    assert "request 1 is for another coordinator" in page


def test_a_trusted_header_signs_in_through_the_proxy(deployment: Deployment) -> None:
    from dataclasses import replace

    web = deployment.config.settings.web
    assert web is not None
    web = web.model_copy(update={"users": [], "trusted_header": "X-Remote-User",
                                 "header_users": {"olena": "secretariat"}})
    deployment.config = replace(deployment.config, settings=deployment.config.settings
                                .model_copy(update={"web": web}))
    client = TestClient(create_app(deployment.state()), base_url="https://testserver")
    assert client.get("/").status_code == 403
    assert client.get("/", headers={"X-Remote-User": "mallory"}).status_code == 403
    r = client.get("/", headers={"X-Remote-User": "olena"})
    assert r.status_code == 200 and '<b id="total-overdue">4</b>' in r.text


def test_the_requests_page_shows_only_outcomes_this_site_said(client: TestClient) -> None:
    """A crafted link cannot put its own words in the page's notice boxes (found by a
    tester: ?error=Sign in again at http://evil.example)."""
    sign_in(client, "olena")
    r = client.get("/requests?error=Sign%20in%20again%20at%20http://evil.example/login"
                   "&done=All%20approved")
    assert r.status_code == 200 and 'name="csrf"' in r.text  # the page itself, signed in
    assert "evil.example" not in r.text and "All approved" not in r.text


def test_a_filter_naming_no_plan_or_department_says_so(client: TestClient) -> None:
    """Not "nothing overdue" for a misspelt filter (found by a tester)."""
    sign_in(client, "olena")
    for query in ("plan=nope", "department=nope"):
        r = client.get(f"/?{query}")
        assert r.status_code == 404 and "There is no" in r.text and "nope" in r.text
    assert client.get("/?plan=roadmap").status_code == 200


def test_five_wrong_passwords_lock_the_name_out_for_a_while(client: TestClient) -> None:
    """Found by a tester: 25 wrong passwords in a row were all just answered 401."""
    for _ in range(5):
        r = client.post("/login", data={"name": "olena", "password": "wrong guess"})
        assert r.status_code == 401
    r = client.post("/login", data={"name": "olena", "password": PASSWORD},
                    follow_redirects=False)
    assert r.status_code == 429 and "Too many wrong passwords" in r.text
    sign_in(client, "coord")  # another name is not locked


def test_a_cookie_copied_before_signing_out_no_longer_works(client: TestClient) -> None:
    sign_in(client, "olena")
    page = client.get("/requests")
    copied = dict(client.cookies)
    r = client.post("/logout", data={"csrf": csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    client.cookies.clear()
    for k, v in copied.items():
        client.cookies.set(k, v)
    r = client.get("/requests", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/login")
