"""The web view: a Starlette application over the store, served in the daemon's loop.

Pages (signed-in users; the secretariat reads, a coordinator also answers requests):
``/`` the dashboard (overdue register, counts per department, a chart), ``/plan/<id>``,
``/department/<id>``, ``/card/<plan>/<task>`` the control card, ``/requests`` the pending
requests. Filters are query parameters: ``plan``, ``department``, ``all=1`` (open items not
yet due too), ``q`` (search), ``page``. The data comes from reminder.web.views, which calls
the same code as `reminder report`; pages read through a read-only engine.

Action links from emails (``/a/<token>``) need no account: the signed token is the key. GET
shows what the link will do (mail scanners fetch links: a GET never acts), POST acts once.

Every form that changes something carries a CSRF token (an HMAC of the user and the session,
or of the link's token); the session cookie is HttpOnly, SameSite=Lax, Secure under https.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reminder.config.deployment import Web
from reminder.config.loaded import Config
from reminder.report.formats.cells import show
from reminder.report.formats.sections import BUCKET_NAMES
from reminder.store import requests as store_requests
from reminder.store.actions import ActionError
from reminder.store.models import ExecutorRow, RequestRow
from reminder.web import act, chart, views
from reminder.web.links import LinkError, derive, read
from reminder.web.passwords import verify
from reminder.web.words import say

log = logging.getLogger("reminder.web")
TEMPLATES = Path(__file__).parent / "templates"
SESSION_HOURS = 12
SESSION_SECONDS = SESSION_HOURS * 3600
MAX_FAILED_SIGN_INS = 5  # wrong passwords for one name within LOCKOUT_SECONDS ...
LOCKOUT_SECONDS = 15 * 60  # ... and that name is not checked again until the oldest is older
HEADERS = [  # no script runs, nothing is framed, a link's token never leaves in a Referer
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; "
     b"img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


@dataclass(frozen=True)
class User:
    """Who is signed in: a name, a role, and for a coordinator the executor they answer as
    (None: any request)."""

    name: str
    role: str
    executor: str | None = None

    @property
    def answers(self) -> bool:
        """Whether the user may answer requests."""
        return self.role == "coordinator"


@dataclass
class WebState:
    """What the application reads at each request (the daemon swaps ``config`` on reload)."""

    config: Callable[[], Config]
    engine: Engine  # writes: the links' and the coordinators' actions
    reader: Engine  # reads: every page
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    on_change: Callable[[], None] | None = None

    @property
    def web(self) -> Web:
        """The ``web:`` section in force."""
        web = self.config().settings.web
        assert web is not None  # the application exists only when it is configured
        return web

    def secret(self) -> str:
        """The signing secret (never logged)."""
        secret = self.web.secret
        assert secret is not None  # the loader refuses a web section without one
        return secret.get_secret_value()


class SecurityHeaders:
    """Adds HEADERS to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, add if scope["type"] == "http" else send)


def environment() -> Environment:
    """The pages' Jinja2 environment: everything autoescaped, plan text shown on one line
    with control characters escaped (the `t` filter, as the report's HTML does)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["t"] = lambda value: show(value, "text", "—") if value is not None else "—"
    env.filters["d"] = lambda value: show(value, "date")
    env.globals["bucket_names"] = BUCKET_NAMES
    return env


def create_app(state: WebState) -> Starlette:
    """The application for ``state``; see the module docstring."""
    env = environment()
    web = state.web
    prefix = urlsplit(web.base_url).path.rstrip("/") if web.base_url else ""
    csrf_key = derive(state.secret(), "csrf")
    # In this daemon's memory: the sessions signed out (a copied cookie is refused until it
    # would have expired) and each name's recent failed sign-ins.
    signed_out: dict[str, float] = {}
    failures: dict[str, list[float]] = {}
    said_key = derive(state.secret(), "said")

    def said_mac(key: str, text: str) -> str:
        """The signature of an outcome the page shows after a redirect: the page shows only
        what this site said, never a message written into a link by someone else."""
        return hmac.new(said_key, f"{key}\n{text}".encode(), "sha256").hexdigest()[:32]

    def said(request: Request, key: str) -> str:
        text = request.query_params.get(key, "")
        sig = request.query_params.get("sig", "")
        return text if text and hmac.compare_digest(sig, said_mac(key, text)) else ""

    def page(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("user", None)
        ctx.setdefault("csrf", "")
        body = env.get_template(name).render(prefix=prefix, request=request, **ctx)
        return HTMLResponse(body, status_code=status)

    def current_user(request: Request) -> User | None:
        web = state.web
        if web.trusted_header:
            name = request.headers.get(web.trusted_header, "").strip()
            role = web.header_users.get(name)
            return User(name, role) if role else None
        signed = request.session.get("user")
        if request.session.get("nonce") in signed_out:  # a copy of a cookie signed out
            return None
        found = next((u for u in web.users if u.name == signed), None)
        return User(found.name, found.role, found.executor) if found else None

    def csrf_for(request: Request, user: User) -> str:
        nonce = request.session.get("nonce", "") if not state.web.trusted_header else ""
        return hmac.new(csrf_key, f"user|{user.name}|{nonce}".encode(),
                        hashlib.sha256).hexdigest()

    def signed_in(handler: Callable[[Request, User], Awaitable[Response]]
                  ) -> Callable[[Request], Awaitable[Response]]:
        async def wrapper(request: Request) -> Response:
            user = current_user(request)
            if user is None:
                if state.web.trusted_header:
                    return page("message.html", request, 403, title="Not allowed",
                                text="Your account has no access to this page.")
                return RedirectResponse(f"{prefix}/login", 303)
            return await handler(request, user)
        return wrapper

    def today() -> date:
        return state.clock().astimezone(state.config().timezone).date()

    def filters(request: Request, **fixed: str) -> views.Filters:
        q = request.query_params
        try:
            page_no = min(max(0, int(q.get("page", "0"))), 10 ** 6)
        except ValueError:
            page_no = 0
        return views.Filters(plan=fixed.get("plan") or q.get("plan", ""),
                             department=fixed.get("department") or q.get("department", ""),
                             overdue_only=q.get("all") != "1", q=q.get("q", "")[:200],
                             page=page_no)

    def dashboard_page(request: Request, user: User, heading: str, f: views.Filters
                       ) -> Response:
        cfg = state.config()
        with Session(state.reader) as s:
            plans, people = views.choices(s)
            # a filter naming nothing is a mistake, not "nothing overdue"
            unknown = ("plan", f.plan) if f.plan and f.plan not in dict(plans) else (
                ("department", f.department)
                if f.department and f.department not in dict(people) else None)
            if unknown is not None:
                return page("message.html", request, 404, user=user, title="Not found",
                            text=f"There is no {unknown[0]} {unknown[1][:80]!r}.")
            data = views.dashboard(s, cfg.timezone, today(), f)
        return page("dashboard.html", request, user=user, heading=heading, data=data,
                    plans=plans, people=people, svg=chart.bars(data.per_department, prefix),
                    csrf=csrf_for(request, user))

    async def home(request: Request, user: User) -> Response:
        return dashboard_page(request, user, "Overdue register", filters(request))

    async def plan(request: Request, user: User) -> Response:
        plan_id = request.path_params["plan_id"]
        found = next((p for p in state.config().plans if p.id == plan_id), None)
        if found is None:
            return page("message.html", request, 404, user=user, title="Not found",
                        text=f"There is no plan {plan_id!r}.")
        return dashboard_page(request, user, f"Plan {found.id}: {found.entry.title}",
                              filters(request, plan=plan_id))

    async def department(request: Request, user: User) -> Response:
        dep = request.path_params["dep_id"]
        entry = state.config().directory.get(dep)
        if entry is None:
            return page("message.html", request, 404, user=user, title="Not found",
                        text=f"There is no department {dep!r}.")
        return dashboard_page(request, user, f"Department: {entry.name}",
                              filters(request, department=dep))

    async def card(request: Request, user: User) -> Response:
        key = request.path_params["key"]
        cfg = state.config()
        task = cfg.task(key)
        with Session(state.reader) as s:
            found = views.card(s, cfg.timezone, key, today(),
                               task.entry.section if task is not None else None)
        if found is None:
            return page("message.html", request, 404, user=user, title="Not found",
                        text=f"There is no task {key!r}.")
        return page("card.html", request, user=user, card=found, csrf=csrf_for(request, user))

    async def requests_page(request: Request, user: User) -> Response:
        cfg = state.config()
        with Session(state.reader) as s:
            data = views.dashboard(s, cfg.timezone, today(), views.Filters(overdue_only=True))
            coordinators = {r.id: r.coordinator_id for r in store_requests.pending(s)}
        mine = {rid for rid, c in coordinators.items()
                if user.answers and (user.executor is None or c == user.executor)}
        return page("requests.html", request, user=user, requests=data.requests, mine=mine,
                    csrf=csrf_for(request, user), done=said(request, "done"),
                    error=said(request, "error"))

    async def answer(request: Request, user: User) -> Response:
        form = await request.form()
        if not hmac.compare_digest(str(form.get("csrf", "")), csrf_for(request, user)):
            return page("message.html", request, 403, user=user, title="Refused",
                        text="The form has expired or did not come from this site: reload "
                             "the page and try again.")
        if not user.answers:
            return page("message.html", request, 403, user=user, title="Refused",
                        text="The secretariat's accounts read; coordinators answer requests.")
        rid = request.path_params["request_id"]
        verb, note = str(form.get("verb", "")), str(form.get("note", "")).strip()[:1000] or None
        text = _answer(state, user, rid, verb, note, str(form.get("days", "")))
        if state.on_change is not None:
            state.on_change()
        key = "done" if text.startswith("ok:") else "error"
        from urllib.parse import quote

        text = text.removeprefix("ok:")
        return RedirectResponse(f"{prefix}/requests?{key}={quote(text)}&sig="
                                f"{said_mac(key, text)}", 303)

    async def login(request: Request) -> Response:
        if state.web.trusted_header:
            return RedirectResponse(f"{prefix}/", 303)
        if request.method == "GET":
            return page("login.html", request, error="")
        form = await request.form()
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        clock = time.monotonic()
        recent = [t for t in failures.get(name, []) if clock - t < LOCKOUT_SECONDS]
        failures[name] = recent
        if len(recent) >= MAX_FAILED_SIGN_INS:  # not even checked: guessing is slowed down
            log.warning("web: sign-in for %r refused after %d failures", name[:60],
                        len(recent))
            return page("login.html", request, 429, error=(
                "Too many wrong passwords for this name: try again in "
                f"{int((LOCKOUT_SECONDS - (clock - recent[0])) // 60) + 1} minutes."))
        found = next((u for u in state.web.users if u.name == name), None)
        # a name that does not exist costs the same scrypt as one that does
        stored = found.password_hash if found else _DUMMY_HASH
        if not verify(password, stored) or found is None:
            log.warning("web: failed sign-in for %r", name[:60])
            failures.setdefault(name, []).append(clock)
            return page("login.html", request, 401, error="Wrong name or password.")
        failures.pop(name, None)
        request.session.clear()
        request.session.update({"user": found.name, "nonce": secrets.token_hex(16)})
        return RedirectResponse(f"{prefix}/", 303)

    async def logout(request: Request) -> Response:
        user = current_user(request)
        form = await request.form()
        if user is not None and not hmac.compare_digest(str(form.get("csrf", "")),
                                                        csrf_for(request, user)):
            return page("message.html", request, 403, user=user, title="Refused",
                        text="The form has expired or did not come from this site.")
        nonce = request.session.get("nonce")
        if nonce:  # a copy of this cookie is refused from now on
            signed_out[nonce] = time.monotonic()
            for old, at in list(signed_out.items()):  # kept as long as a session lives
                if time.monotonic() - at > SESSION_SECONDS:
                    del signed_out[old]
        request.session.clear()
        return RedirectResponse(f"{prefix}/login", 303)

    async def link(request: Request) -> Response:
        token = request.path_params["token"]
        now = state.clock()
        try:
            claim = read(derive(state.secret(), "links"), token, now)
        except LinkError as exc:
            return page("link.html", request, 410 if exc.reason == "expired" else 404,
                        lang="en", result=say("en", exc.reason), target=None)
        found = act.target(state.engine, claim)
        if found is None:
            return page("link.html", request, 404, lang="en", result=say("en", "gone",
                        number="—"), target=None)
        lang, number = found.language, found.number
        link_csrf = hmac.new(csrf_key, f"link|{token}".encode(), hashlib.sha256).hexdigest()
        if request.method == "GET":
            result = say(lang, "used") if act.used(state.engine, claim, token) else ""
            return page("link.html", request, lang=lang, target=found, result=result,
                        question=say(lang, f"ask_{claim.action}", number=number),
                        button=say(lang, f"do_{claim.action}"), csrf=link_csrf)
        form = await request.form()
        if not hmac.compare_digest(str(form.get("csrf", "")), link_csrf):
            return page("link.html", request, 403, lang=lang, target=found,
                        result=say(lang, "forged"))
        cfg = state.config()
        outcome = await act.act(state.engine, claim, token, now, cfg.timezone,
                                cfg.settings.secretariat)
        log.info("web: link %s %s by %s: %s", claim.action, found.task_key, claim.recipient,
                 outcome.what)
        if outcome.what not in ("used", "gone") and state.on_change is not None:
            state.on_change()
        until = show(outcome.until, "date") if outcome.until else ""
        return page("link.html", request, lang=lang, target=found,
                    result=say(lang, outcome.what, number=number, until=until))

    routes = [
        Route("/", signed_in(home)),
        Route("/plan/{plan_id}", signed_in(plan)),
        Route("/department/{dep_id}", signed_in(department)),
        Route("/card/{key:path}", signed_in(card)),
        Route("/requests", signed_in(requests_page)),
        Route("/requests/{request_id:int}", signed_in(answer), methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/a/{token}", link, methods=["GET", "POST"]),
        # browsers ask for it on every site: "no icon", not a 404 in their console
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    https = bool(web.base_url and web.base_url.startswith("https://"))
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(SessionMiddleware, secret_key=derive(state.secret(), "session").hex(),
                   session_cookie="reminder_session", max_age=SESSION_HOURS * 3600,
                   same_site="lax", https_only=https),
    ]
    return Starlette(routes=routes, middleware=middleware)


_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43


def _answer(state: WebState, user: User, rid: int, verb: str, note: str | None,
            days: str) -> str:
    """A coordinator's answer to request ``rid`` through reminder.store.requests: "ok:" and
    what was done, or why it was refused."""
    cfg = state.config()
    now, tz = state.clock(), cfg.timezone
    with Session(state.engine) as s:
        req = s.get(RequestRow, rid)
        person = s.get(ExecutorRow, user.executor) if user.executor else None
    if req is None or req.status != "pending":
        return f"request {rid} is not awaiting an answer"
    if user.executor is not None and req.coordinator_id != user.executor:
        return f"request {rid} is for another coordinator"
    by, who = person.name if person else user.name, f"web:{user.name}"
    try:
        if verb == "approve":
            try:
                extra = int(days)
            except ValueError:
                return "approve needs a number of days"
            if not 1 <= extra <= 365:
                return "approve gives 1 to 365 more days"
            to = max(req.due, store_requests.asked_day(req, tz)) + timedelta(days=extra)
            store_requests.approve(state.engine, rid, to, note, now, tz, who, by)
            return f"ok:request {rid} approved: new deadline {to.isoformat()}"
        if verb == "deny":
            if not note:
                return "deny needs a note saying why"
            store_requests.deny(state.engine, rid, note, now, who, by)
            return f"ok:request {rid} denied"
        if verb == "accept":
            store_requests.accept(state.engine, rid, note, now, who, by)
            return f"ok:request {rid} accepted: the item is closed"
        if verb == "return":
            if not note:
                return "return needs a note saying what is missing"
            store_requests.return_item(state.engine, rid, note, now, tz, who, by)
            return f"ok:request {rid} returned: the item is open again"
    except ActionError as exc:
        return str(exc)
    return f"unknown answer {verb[:20]!r}"
