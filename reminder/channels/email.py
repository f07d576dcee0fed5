"""Email delivery over SMTP with aiosmtplib: one connection reused for a batch.

TLS is always explicit (``tls: none | starttls | ssl``): aiosmtplib's default
``start_tls=None`` upgrades only when the server offers it, which an attacker on the path can
suppress. Errors are raised as DeliveryError kinds (see ``classify``): 4xx may be retried,
5xx and a failed login may not, and a server that cannot be reached is Unreachable. The
password never appears in an error or a log line.
"""

from __future__ import annotations

import asyncio
import base64
import email.utils
import logging
from functools import lru_cache
from typing import Any, Literal

import aiosmtplib

from reminder.channels.base import DeliveryError, PermanentError, TransientError, Unreachable
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import SUBJECT_MAX, message_language, one_line

log = logging.getLogger(__name__)

Tls = Literal["none", "starttls", "ssl"]


def message_id(message: Message, domain: str) -> str:
    """A Message-ID fixed by the message's ledger key: a resend after a crash carries the same
    id, so a duplicate is recognisable (and mail clients thread or drop it)."""
    return f"<reminder.{message.key}@{domain}>"


def _header(value: str) -> str:
    """RFC 2047-encode a one-line header value: ASCII as is (folded at spaces), anything else
    as base64 encoded-words of whole characters, folded with CRLF + space.

    Hand-written because ``email.header.Header`` measures every character and costs about
    0.3 ms a subject, a sixth of the whole send.
    """
    if value.isascii() and "=?" not in value:  # "=?" would read as an encoded word
        if len(value) <= 70:
            return value
        words, lines, line = value.split(" "), [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > 70:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\r\n ".join(lines)
    chunks: list[str] = []
    current = bytearray()
    for char in value:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > 45:  # 45 bytes -> 60 base64 chars: lines stay < 76
            chunks.append(f"=?utf-8?b?{base64.b64encode(bytes(current)).decode()}?=")
            current.clear()
        current += encoded
    if current:
        chunks.append(f"=?utf-8?b?{base64.b64encode(bytes(current)).decode()}?=")
    return "\r\n ".join(chunks)


def _address(name: str, addr: str) -> str:
    """``name <addr>``, the name quoted when ASCII with specials, encoded when not."""
    if not name:
        return addr
    if name.isascii():
        return email.utils.formataddr((name, addr))
    return f"{_header(name)} <{addr}>"


@lru_cache(maxsize=8)
def _parse_sender(sender: str) -> tuple[str, str, str]:
    name, addr = email.utils.parseaddr(sender)
    return name, addr or sender, addr.rpartition("@")[2] or "reminder.invalid"


def _part(content_type: str, body: str) -> bytes:
    encoded = base64.encodebytes(body.encode("utf-8")).replace(b"\n", b"\r\n")
    return (f"Content-Type: {content_type}; charset=\"utf-8\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode() + encoded


def build_email(
    message: Message, rendered: RenderedMessage, address: str, sender: str
) -> bytes:
    """The MIME message as wire bytes: multipart/alternative text + HTML with From, To,
    Date, Subject (one line, RFC 2047-encoded), Message-ID, Auto-Submitted. A digest with a
    chart (``rendered.images``) is multipart/related: the alternative, then each PNG as an
    inline part with the Content-ID its HTML names (``cid:``), which mail clients show in
    place; the text part has the chart as characters.

    Written directly rather than through ``email.message.EmailMessage``, whose content
    manager and folding generator cost about 2 ms a message, more than the SMTP round trip.
    """
    sender_name, sender_addr, domain = _parse_sender(sender)
    name = one_line(message.recipient.name, 120)
    # The renderer already makes the subject one line; repeat it here because a subject
    # with a newline would let plan text write headers of its own.
    subject = one_line(rendered.subject, SUBJECT_MAX)
    boundary = f"=_reminder_{message.key}"  # base64 bodies can never contain it ("_")
    headers = [
        f"From: {_address(sender_name, sender_addr)}",
        f"To: {_address(name, address)}",
        f"Subject: {_header(subject)}",
        # The tick's clock (its --now), not the wall clock: one clock for everything a pass
        # writes, so a replayed or simulated pass dates its mail as it dates its ledger.
        f"Date: {email.utils.format_datetime(message.send_at)}",
        f"Message-ID: {message_id(message, domain)}",
        "Auto-Submitted: auto-generated",  # RFC 3834: no auto-replies, no vacation loops
        "X-Auto-Response-Suppress: All",  # the same for Exchange
        f"Content-Language: {message_language(message)}",
        "MIME-Version: 1.0",
    ]
    alternative = b"".join((
        f"--{boundary}\r\n".encode(), _part("text/plain", rendered.text),
        f"\r\n--{boundary}\r\n".encode(), _part("text/html", rendered.html),
        f"\r\n--{boundary}--\r\n".encode(),
    ))
    images = rendered.images if message.kind == "digest" else ()  # only digests have charts
    if not images:
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        return b"".join(("\r\n".join(headers).encode("ascii"), b"\r\n\r\n", alternative))
    related = f"=_reminder_rel_{message.key}"
    headers.append(f'Content-Type: multipart/related; boundary="{related}"; '
                   'type="multipart/alternative"')
    parts = [f"--{related}\r\n".encode(),
             f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode(),
             alternative]
    for cid, png in images:
        parts += [f"\r\n--{related}\r\n".encode(), _image_part(cid, png)]
    parts.append(f"\r\n--{related}--\r\n".encode())
    return b"".join(("\r\n".join(headers).encode("ascii"), b"\r\n\r\n", *parts))


def _image_part(cid: str, png: bytes) -> bytes:
    """An inline PNG part, named by its Content-ID (an ASCII token of ours, never plan text)."""
    encoded = base64.encodebytes(png).replace(b"\n", b"\r\n")
    return (f'Content-Type: image/png; name="{cid}.png"\r\n'
            "Content-Transfer-Encoding: base64\r\n"
            f"Content-ID: <{cid}>\r\n"
            f'Content-Disposition: inline; filename="{cid}.png"\r\n\r\n').encode() + encoded


def classify(exc: Exception, user: str | None = None) -> DeliveryError:
    """The DeliveryError kind for an aiosmtplib (or socket) error.

    A 4xx answer is a TransientError; a 5xx answer, a refused recipient, a failed login and a
    feature the server lacks are PermanentError; a failed connect, a timeout, a dropped
    connection and a failed TLS handshake are Unreachable. SMTP says no wait of its own, so no
    kind carries a ``retry_after``: the tick's retry policy decides when to try again.
    """
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        who = f" for user {user!r}" if user else ""
        return PermanentError(
            f"SMTP login failed{who} ({exc.code}): check the username and password")
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in exc.recipients]
        texts = "; ".join(f"{r.code} {one_line(r.message, 200)}" for r in exc.recipients)
        if codes and all(400 <= c < 500 for c in codes):
            return TransientError(f"recipient deferred: {texts}")
        return PermanentError(f"recipient refused: {texts}")
    # Before ConnectionError: a refusing greeting (SMTPConnectResponseError) is both, and its
    # code says more than "could not connect".
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        text = f"SMTP {exc.code} {one_line(exc.message, 200)}"
        if exc.code >= 500:
            return PermanentError(text)
        return TransientError(text)  # 4xx, and codes SMTP does not define
    if isinstance(exc, aiosmtplib.SMTPTimeoutError | TimeoutError):
        return Unreachable(f"SMTP timeout: {type(exc).__name__}")
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected | ConnectionError | OSError):
        # OSError covers DNS failures (socket.gaierror) and TLS handshakes (ssl.SSLError).
        return Unreachable(f"SMTP server unreachable: {one_line(str(exc), 200)}")
    text = one_line(str(exc), 200)
    if isinstance(exc, aiosmtplib.SMTPNotSupported) or "not supported" in text.lower():
        # e.g. tls: starttls against a server without STARTTLS: retrying cannot help, and
        # falling back to plain text is exactly the downgrade the explicit setting forbids.
        return PermanentError(f"SMTP server lacks a feature: {text}")
    return TransientError(f"SMTP error: {type(exc).__name__}: {text}")


class SmtpChannel:
    """The ``email`` channel: sends each rendered message as multipart mail to one address.

    The SMTP connection is opened on the first send and kept for the following ones (a tick's
    batch); a connection the server dropped while idle is reopened once transparently.
    """

    name = "email"
    max_length: int | None = None

    def __init__(
        self, *, host: str, port: int, sender: str, tls: Tls = "starttls",
        username: str | None = None, password: str | None = None, timeout: float = 30.0,
        tls_context: Any = None,
    ) -> None:
        if tls not in ("none", "starttls", "ssl"):
            raise ValueError(f"tls must be none, starttls or ssl, not {tls!r}")
        self.host, self.port, self.sender, self.tls = host, port, sender, tls
        self.username = username
        self._password = password  # kept out of repr, errors and logs
        self.timeout = timeout
        self._tls_context = tls_context
        self._smtp: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()  # one SMTP transaction at a time on the shared connection
        self.sender_address = email.utils.parseaddr(sender)[1] or sender

    @classmethod
    def from_config(cls, cfg: Any) -> SmtpChannel:
        """Build from ``channels.email`` of the deployment (the config layer fills
        ``password`` from the environment or $CREDENTIALS_DIRECTORY)."""
        password = cfg.password.get_secret_value() if cfg.password is not None else None
        return cls(host=cfg.host, port=cfg.effective_port, sender=cfg.from_, tls=cfg.tls,
                   username=cfg.username, password=password, timeout=cfg.timeout)

    def __repr__(self) -> str:
        return f"SmtpChannel({self.host}:{self.port}, tls={self.tls}, user={self.username!r})"

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        """The recipient's email addresses."""
        return recipient.emails

    async def _connect(self) -> aiosmtplib.SMTP:
        smtp = aiosmtplib.SMTP(
            hostname=self.host, port=self.port, timeout=self.timeout,
            use_tls=self.tls == "ssl",
            start_tls=self.tls == "starttls",  # explicit: never the opportunistic None
            username=self.username, password=self._password,
            tls_context=self._tls_context,
        )
        try:
            await smtp.connect()  # also STARTTLS and login, as configured
        except BaseException:
            smtp.close()  # a refused login leaves a live socket behind otherwise
            raise
        return smtp

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        """Send one message to one address; raise a DeliveryError kind when it fails."""
        mail = build_email(message, rendered, address, self.sender)
        async with self._lock:
            for reuse in (True, False):
                fresh = self._smtp is None or not self._smtp.is_connected
                try:
                    if fresh:
                        await self._drop()
                        self._smtp = await self._connect()
                    assert self._smtp is not None
                    await self._smtp.sendmail(self.sender_address, [address], mail)
                    log.debug("email sent: message %s to %s", message.key, address)
                    return
                except aiosmtplib.SMTPServerDisconnected as exc:
                    await self._drop()
                    # The server closed an idle kept-alive connection: nothing was accepted,
                    # so one immediate retry on a new connection is safe.
                    if reuse and not fresh:
                        continue
                    raise classify(exc, self.username) from None
                except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
                    if not isinstance(exc, aiosmtplib.SMTPResponseException |
                                      aiosmtplib.SMTPRecipientsRefused):
                        await self._drop()  # the connection's state is unknown: start over
                    error = classify(exc, self.username)
                    log.warning("email to %s failed: %s", address, error.reason)
                    raise error from None

    async def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except Exception:  # closing a broken transport must not mask the real error
                log.debug("closing SMTP connection failed", exc_info=True)

    async def aclose(self) -> None:
        """QUIT politely if connected, else just drop the socket."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None and smtp.is_connected:
            try:
                await smtp.quit()
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                smtp.close()
