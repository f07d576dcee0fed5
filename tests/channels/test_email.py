"""The email channel against a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
from datetime import date, datetime

import pytest

from reminder.channels.base import (
    DeliveryError,
    PermanentError,
    TransientError,
    Unreachable,
)
from reminder.channels.email import SmtpChannel
from reminder.messages.model import Item, Message, Recipient
from reminder.messages.render import render
from tests.channels.servers import (
    GreylistOnce,
    Recording,
    RejectRecipient,
    Scripted,
    password_checker,
    silent_server,
    smtp_server,
)


def message(title: str = "Провести публичные консультации", lang: str = "ru",
            n: int = 1) -> Message:
    items = tuple(
        Item(ledger_key=f"occ-{k}/dmk/due/email", stage="due", plan_id="rm-2023",
             plan_title="Дорожная карта", task_id=f"3.{k}", task_title=title,
             result="Протокол", window_start=date(2023, 7, 1), due=date(2023, 10, 2),
             days_left=0, working_days_late=None, role="lead", lead_name="ДМК", others=(),
             plan_language="ru")
        for k in range(1, n + 1)
    )
    recipient = Recipient(id="dmk", name="Департамент «ДМК»", language=lang,
                          emails=("dmk@example.org", "boss@example.org"))
    return Message(recipient=recipient, send_at=datetime(2023, 10, 2, 9), items=items)


def channel(port: int, **kw: object) -> SmtpChannel:
    args: dict = {"host": "127.0.0.1", "port": port, "tls": "none", "timeout": 5,
                  "sender": "Plan office <reminder@plans.example.org>"}
    args.update(kw)
    return SmtpChannel(**args)


def parse(envelope: object) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.original_content,  # type: ignore[attr-defined]
                                    policy=email.policy.default)


def test_delivers_multipart_with_headers_to_each_address() -> None:
    async def run() -> Recording:
        handler = Recording()
        async with smtp_server(handler) as port:
            ch = channel(port)
            msg = message()
            rendered = render(msg)
            for address in ch.addresses(msg.recipient):
                await ch.send(msg, rendered, address)
            await ch.send(message(lang="uk"), render(message(lang="uk")), "dmk@example.org")
            await ch.aclose()
        return handler

    handler = asyncio.run(run())
    assert [e.rcpt_tos for e in handler.envelopes] == [
        ["dmk@example.org"], ["boss@example.org"], ["dmk@example.org"]]
    assert handler.connections == 1  # one connection reused for the batch
    first = parse(handler.envelopes[0])
    assert handler.envelopes[0].mail_from == "reminder@plans.example.org"
    assert first["Subject"] == "Срок истекает сегодня — 3.1. Провести публичные консультации"
    assert first["To"].addresses[0].addr_spec == "dmk@example.org"
    assert first["To"].addresses[0].display_name == "Департамент «ДМК»"
    assert first["From"] == "Plan office <reminder@plans.example.org>"
    assert first["Auto-Submitted"] == "auto-generated"
    # the tick's clock (the message's send time), not the wall clock: `tick --now` dates its mail
    assert first["Date"].datetime.replace(tzinfo=None) == datetime(2023, 10, 2, 9)
    assert first["Message-ID"] == f"<reminder.{message().key}@plans.example.org>"
    assert first.get_content_type() == "multipart/alternative"
    text = first.get_body(("plain",)).get_content()
    html = first.get_body(("html",)).get_content()
    assert "(сегодня)" in text and "Протокол" in text
    assert "<strong>п. 3.1." in html
    ukrainian = parse(handler.envelopes[2])
    assert ukrainian["Subject"].startswith("Строк спливає сьогодні")
    assert ukrainian["Content-Language"] == "uk"


def test_greylisting_4xx_is_transient_without_a_wait_then_gets_through() -> None:
    async def run() -> tuple[DeliveryError, Recording]:
        handler = GreylistOnce()
        async with smtp_server(handler) as port:
            ch = channel(port)
            with pytest.raises(TransientError) as failed:
                await ch.send(message(), render(message()), "dmk@example.org")
            await ch.send(message(), render(message()), "dmk@example.org")  # the retry
            await ch.aclose()
        return failed.value, handler

    error, handler = asyncio.run(run())
    # Transient but not Unreachable: the server is there, only this message waits. SMTP names
    # no wait, so none is made up: the tick's retry policy picks it.
    assert type(error) is TransientError and error.retry_after is None
    assert "451" in error.reason
    assert len(handler.envelopes) == 1 and handler.connections == 1


def test_5xx_is_permanent_with_the_server_reason() -> None:
    async def run() -> DeliveryError:
        async with smtp_server(RejectRecipient()) as port:
            ch = channel(port)
            with pytest.raises(PermanentError) as failed:
                await ch.send(message(), render(message()), "nobody@example.org")
            await ch.aclose()
        return failed.value

    error = asyncio.run(run())
    assert "550" in error.reason and "No such user" in error.reason


def test_failed_login_is_permanent_and_never_shows_the_password(
        caplog: pytest.LogCaptureFixture) -> None:
    async def run() -> DeliveryError:
        handler = Recording()
        async with smtp_server(handler, authenticator=password_checker(b"right"),
                               auth_require_tls=False) as port:
            ch = channel(port, username="reminder", password="s3cret-Pa55")
            with pytest.raises(PermanentError) as failed:
                await ch.send(message(), render(message()), "dmk@example.org")
            good = channel(port, username="reminder", password="right")
            await good.send(message(), render(message()), "dmk@example.org")
            await good.aclose()
        assert len(handler.envelopes) == 1
        return failed.value

    error = asyncio.run(run())
    assert "login failed" in error.reason and "'reminder'" in error.reason
    assert "s3cret-Pa55" not in f"{error} {error.reason} {error!r} {caplog.text}"
    assert "s3cret-Pa55" not in repr(channel(1, username="u", password="s3cret-Pa55"))


def test_timeout_and_refused_connection_are_unreachable() -> None:
    async def run() -> tuple[Unreachable, Unreachable]:
        async with silent_server() as port:
            ch = channel(port, timeout=0.3)
            with pytest.raises(Unreachable) as timed_out:
                await ch.send(message(), render(message()), "dmk@example.org")
            await ch.aclose()
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        ch = channel(closed_port)
        with pytest.raises(Unreachable) as refused:
            await ch.send(message(), render(message()), "dmk@example.org")
        return timed_out.value, refused.value

    timed_out, refused = asyncio.run(run())
    assert "timeout" in timed_out.reason.lower() and timed_out.retry_after is None
    assert "unreachable" in refused.reason and refused.retry_after is None


@pytest.mark.parametrize(("script", "kind", "code"), [
    ({"data": "451 4.7.1 Greylisted, please try again later"}, TransientError, "451"),
    ({"rcpt": "450 4.2.1 Mailbox busy"}, TransientError, "450"),
    ({"rcpt": "550 5.1.1 No such user here"}, PermanentError, "550"),
    ({"data": "554 5.7.1 Message refused"}, PermanentError, "554"),
    ({"hang_up": True}, Unreachable, ""),
], ids=["451-data", "450-rcpt", "550-rcpt", "554-data", "hang-up"])
def test_each_failure_is_raised_as_its_kind(script: dict, kind: type, code: str) -> None:
    async def run() -> DeliveryError:
        async with smtp_server(Scripted(**script)) as port:
            ch = channel(port)
            with pytest.raises(DeliveryError) as failed:
                await ch.send(message(), render(message()), "dmk@example.org")
            await ch.aclose()
        return failed.value

    error = asyncio.run(run())
    assert type(error) is kind and code in error.reason
    assert error.retry_after is None if isinstance(error, TransientError) else True


def test_reconnects_when_the_server_dropped_the_idle_connection() -> None:
    async def run() -> Recording:
        handler = Recording()
        async with smtp_server(handler) as port:
            ch = channel(port)
            await ch.send(message(), render(message()), "dmk@example.org")
            assert ch._smtp is not None
            ch._smtp.transport.close()  # as a server's idle timeout would  # type: ignore
            await asyncio.sleep(0.05)
            await ch.send(message(), render(message()), "dmk@example.org")
            await ch.aclose()
        return handler

    handler = asyncio.run(run())
    assert len(handler.envelopes) == 2 and handler.connections == 2


@pytest.mark.parametrize("title", [
    "Первая строка\nBcc: victim@example.org\r\nSubject: fake",
    "<b>{{ 7*7 }}</b> " + "очень длинно " * 800,
])
def test_subject_stays_one_header_line_whatever_the_title(title: str) -> None:
    async def run() -> Recording:
        handler = Recording()
        async with smtp_server(handler) as port:
            ch = channel(port)
            await ch.send(message(title), render(message(title)), "dmk@example.org")
            await ch.aclose()
        return handler

    handler = asyncio.run(run())
    mail = parse(handler.envelopes[0])
    assert mail["Bcc"] is None and len(mail.get_all("Subject")) == 1
    assert "\n" not in mail["Subject"] and len(mail["Subject"]) <= 200
    assert handler.envelopes[0].rcpt_tos == ["dmk@example.org"]
    if "{{" in title:
        assert "{{ 7*7 }}" in mail["Subject"]
        assert "&lt;b&gt;{{ 7*7 }}&lt;/b&gt;" in mail.get_body(("html",)).get_content()


@pytest.mark.parametrize("subject", [
    "Срок 🗓️ истекает — " + "очень длинное название мероприятия " * 5,
    'Plain ASCII "quoted" subject, long enough to be folded: ' + "word " * 25,
    "=?utf-8?b?0J/RgNC40LLQtdGC?= looks encoded but is plan text",
])
def test_subject_and_names_round_trip_exactly(subject: str) -> None:
    from reminder.channels.email import build_email
    from reminder.messages.model import RenderedMessage

    msg = message()
    rendered = RenderedMessage(subject=subject.strip(), text="t", html="<p>h</p>",
                               telegram_html="t")
    raw = build_email(msg, rendered, "dmk@example.org", 'Office "A, B" <o@example.org>')
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"] == subject.strip()
    assert mail["From"].addresses[0].display_name == "Office A, B"
    assert mail["To"].addresses[0].display_name == "Департамент «ДМК»"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class TlsRecording(Recording):
    """Records whether each message came over an encrypted connection."""

    def __init__(self) -> None:
        super().__init__()
        self.encrypted: list[bool] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.encrypted.append(server.transport.get_extra_info("ssl_object") is not None)
        return await super().handle_DATA(server, session, envelope)


def test_tls_modes_are_explicit_and_never_downgrade(certificate: tuple[str, str]) -> None:
    import ssl

    cert, key = certificate
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=cert)

    async def run() -> tuple[TlsRecording, DeliveryError, TlsRecording, DeliveryError]:
        handler = TlsRecording()
        async with smtp_server(handler, tls_context=server_ctx, require_starttls=True) as port:
            ch = channel(port, tls="starttls", tls_context=client_ctx)
            await ch.send(message(), render(message()), "dmk@example.org")
            await ch.aclose()
            plain = channel(port, tls="none")
            with pytest.raises(PermanentError) as refused:
                await plain.send(message(), render(message()), "dmk@example.org")
            await plain.aclose()
        implicit = TlsRecording()
        loop = asyncio.get_running_loop()
        from aiosmtpd.smtp import SMTP

        server = await loop.create_server(lambda: SMTP(implicit, hostname="mx.test"),
                                          "127.0.0.1", 0, ssl=server_ctx)
        port = server.sockets[0].getsockname()[1]
        ch = channel(port, tls="ssl", tls_context=client_ctx)
        await ch.send(message(), render(message()), "dmk@example.org")
        await ch.aclose()
        server.close()
        async with smtp_server(Recording()) as port:  # offers no STARTTLS at all
            wanting = channel(port, tls="starttls", tls_context=client_ctx)
            with pytest.raises(PermanentError) as unsupported:
                await wanting.send(message(), render(message()), "dmk@example.org")
        return handler, refused.value, implicit, unsupported.value

    handler, refused, implicit, unsupported = asyncio.run(run())
    assert handler.encrypted == [True] and implicit.encrypted == [True]
    assert "530" in refused.reason  # no silent plaintext
    assert "STARTTLS" in unsupported.reason.upper()
