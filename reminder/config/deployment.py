"""Models of the deployment file (`reminder.yaml`): policy, digest, channels and the rest.

Each model mirrors a section of docs/configuration.md; the doc and these classes change together.
"""

from __future__ import annotations

import email.utils
import zoneinfo
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from holidays.registry import EntityLoader
from pydantic import BeforeValidator, Field, SecretStr, field_validator, model_validator

from reminder.config.base import Ident, StrictModel, Text, as_list, check_email
from reminder.schedule.policy import Policy


def _null_inherits(value: Any) -> Any:
    # In the YAML a null key inherits (here: the built-in default). In a Policy None is a value
    # (overdue_every None: no overdue repeats), so the YAML's nulls go before validation.
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if item is not None}
    return value


# The deployment's `policy:`, validated straight into the schedule's Policy; plans and tasks
# override its keys with PolicyOverride (reminder.config.plan).
DeploymentPolicy = Annotated[Policy, BeforeValidator(_null_inherits)]


class Digest(StrictModel):
    """When the secretariat's digest goes out, what counts as due soon, and what a digest with
    nothing to say does: ``line`` (sent as one line, the default) or ``skip`` (not sent)."""

    cron: str = "0 8 * * mon"
    due_soon_days: int = Field(default=14, ge=0)
    when_empty: Literal["skip", "line"] = "line"

    @field_validator("cron")
    @classmethod
    def _cron_valid(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        if len(value.split()) != 5:
            raise ValueError(
                f"{value!r} needs five crontab fields: minute hour day month day_of_week"
            )
        try:
            # An explicit zone: without one APScheduler would look up the machine's zone.
            trigger = CronTrigger.from_crontab(value, timezone="UTC")
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a crontab expression: {exc}") from None
        # A day that no month has ("31 2": 31 February): the digest would never be sent.
        if trigger.get_next_fire_time(None, datetime(2000, 1, 1, tzinfo=UTC)) is None:
            raise ValueError(f"{value!r} never fires (no month has that day)")
        return value


class Ledger(StrictModel):
    """How long the ledger keeps reminders that are finished (sent, superseded, failed)."""

    # 0: forever. At most a century: the cutoff must stay a representable date.
    retention_days: int = Field(default=400, ge=0, le=36500)


class OutboxChannel(StrictModel):
    """Messages written as files, for previews and deployments without email or Telegram."""

    path: Text | None = None


def _exactly_one_secret(model: Any, name: str, required: bool) -> None:
    env, cred = getattr(model, f"{name}_env"), getattr(model, f"{name}_credential")
    if env and cred:
        raise ValueError(f"give either {name}_env or {name}_credential, not both")
    if required and not (env or cred):
        raise ValueError(
            f"{name}_env (an environment variable) or {name}_credential "
            "(a file in $CREDENTIALS_DIRECTORY) is required"
        )


class EmailChannel(StrictModel):
    """SMTP delivery. ``password`` is never read from YAML: it is filled from the secret."""

    host: Text
    port: int | None = Field(default=None, ge=1, le=65535)
    tls: Literal["none", "starttls", "ssl"] = "starttls"
    username: Text | None = None
    password_env: Ident | None = None
    password_credential: Ident | None = None
    from_: Text = Field(alias="from")
    timeout: float = Field(default=30, gt=0)
    password: SecretStr | None = Field(default=None, exclude=True)

    @field_validator("from_")
    @classmethod
    def _from_address(cls, value: str) -> str:
        check_email(email.utils.parseaddr(value)[1] or value)
        return value

    @model_validator(mode="after")
    def _secret_source(self) -> EmailChannel:
        _exactly_one_secret(self, "password", required=False)
        has_password = bool(self.password_env or self.password_credential)
        if has_password and not self.username:
            raise ValueError("a password is configured but no username")
        if self.username and not has_password:
            raise ValueError(
                "username is set: give password_env or password_credential as well"
            )
        return self

    @property
    def effective_port(self) -> int:
        """The port, defaulting by TLS mode (465 for ssl, 587 for starttls, 25 otherwise)."""
        return self.port or {"ssl": 465, "starttls": 587}.get(self.tls, 25)


class TelegramChannel(StrictModel):
    """Telegram Bot API delivery. ``token`` is filled from the secret, never from YAML."""

    token_env: Ident | None = None
    token_credential: Ident | None = None
    api_url: Text = "https://api.telegram.org"
    token: SecretStr | None = Field(default=None, exclude=True)

    @field_validator("api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _secret_source(self) -> TelegramChannel:
        _exactly_one_secret(self, "token", required=True)
        return self


class CalendarFeeds(StrictModel):
    """The folder the daemon keeps the calendar feeds in (reminder.calendar.folder)."""

    folder: Text


class Channels(StrictModel):
    """Where messages go; without email and Telegram they are written to the outbox."""

    outbox: OutboxChannel = Field(default_factory=OutboxChannel)
    email: EmailChannel | None = None
    telegram: TelegramChannel | None = None


def _country(value: str) -> str:
    code = value.strip().upper()
    # The registry's codes, not list_supported_countries(): that one imports all ~250 country
    # modules (several MiB the daemon would hold for good) to list their subdivisions.
    if code not in EntityLoader.get_country_codes():
        raise ValueError(f"{value!r} is not a country the holidays calendar knows (ISO alpha-2)")
    return code


WebRole = Literal["secretariat", "coordinator"]


class WebUser(StrictModel):
    """An account of the web view: its name, its password's hash (`reminder web-password`),
    its role, and for a coordinator optionally the executor it answers requests as."""

    name: Ident
    password_hash: Text
    role: WebRole
    executor: Ident | None = None

    @field_validator("password_hash")
    @classmethod
    def _hash_format(cls, value: str) -> str:
        from reminder.web.passwords import check_hash_format

        check_hash_format(value)
        return value

    @model_validator(mode="after")
    def _executor_for_coordinator(self) -> WebUser:
        if self.executor is not None and self.role != "coordinator":
            raise ValueError("executor goes with role: coordinator (whose requests the user "
                             "answers); the secretariat only reads")
        return self


class Web(StrictModel):
    """The secretariat's web view and the action links in reminder emails (docs/configuration.md
    ``web:``). ``secret`` is filled from ``secret_env``/``secret_credential``, never from YAML."""

    listen: Text = "127.0.0.1:8080"
    base_url: Text | None = None
    users: list[WebUser] = Field(default_factory=list)
    trusted_header: Text | None = None
    header_users: dict[Ident, WebRole] = Field(default_factory=dict)
    secret_env: Ident | None = None
    secret_credential: Ident | None = None
    link_days: int = Field(default=14, ge=1, le=90)
    secret: SecretStr | None = Field(default=None, exclude=True)

    @field_validator("listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        listen_address(value)
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.netloc or parts.query \
                or parts.fragment:
            raise ValueError(f"{value!r} is not an http(s) address such as "
                             "https://plans.example.org/reminder")
        return value.rstrip("/")

    @field_validator("trusted_header")
    @classmethod
    def _header(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"[A-Za-z0-9-]+", value):
            raise ValueError(f"{value!r} is not an HTTP header name (e.g. X-Remote-User)")
        return value

    @model_validator(mode="after")
    def _accounts(self) -> Web:
        _exactly_one_secret(self, "secret", required=True)
        if self.users and self.trusted_header:
            raise ValueError("give users (accounts with passwords) or trusted_header (a "
                             "reverse proxy signs people in), not both")
        if not self.users and not self.trusted_header:
            raise ValueError("nobody can sign in: give users (accounts with password hashes "
                             "from `reminder web-password`) or trusted_header with header_users")
        if self.trusted_header and not self.header_users:
            raise ValueError("trusted_header needs header_users: the role of each name the "
                             "proxy sends (secretariat or coordinator)")
        if self.header_users and not self.trusted_header:
            raise ValueError("header_users goes with trusted_header")
        names = [u.name for u in self.users]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"user {twice[0]!r} is listed twice")
        return self

    @property
    def host(self) -> str:
        """The address to listen on."""
        return listen_address(self.listen)[0]

    @property
    def port(self) -> int:
        """The TCP port to listen on."""
        return listen_address(self.listen)[1]


def listen_address(value: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8080`` for IPv6; a bare host listens on 8080) as a pair."""
    import ipaddress

    host, port = value, "8080"
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"{value!r}: write host:port, e.g. 127.0.0.1:8080")
            port = rest[1:]
    elif value.count(":") == 1:
        host, port = value.split(":")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{value!r}: the port must be a number from 1 to 65535")
    if not host:
        raise ValueError(f"{value!r}: no address before the port (127.0.0.1 listens on this "
                         "machine only)")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise ValueError(f"{value!r}: {host!r} is not an IP address (127.0.0.1, 0.0.0.0, "
                             "[::1]) or localhost") from None
    return host, int(port)


class DeploymentFile(StrictModel):
    """The top-level `reminder.yaml`."""

    timezone: Text
    country: Text
    state_dir: Text | None = None
    database: Text | None = None
    directory: Text = "executors.yaml"
    plans: as_list(Text) = Field(min_length=1)  # type: ignore[valid-type]
    templates: Text | None = None
    secretariat: Ident | None = None
    policy: DeploymentPolicy = Field(default_factory=Policy)
    digest: Digest = Field(default_factory=Digest)
    channels: Channels = Field(default_factory=Channels)
    ledger: Ledger = Field(default_factory=Ledger)
    calendar: CalendarFeeds | None = None
    web: Web | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return zone_name(value)

    @field_validator("country")
    @classmethod
    def _country_known(cls, value: str) -> str:
        return _country(value)


def zone_name(value: str) -> str:
    """Validate an IANA time zone name (the deployment's and a plan's ``timezone``)."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # "Europe": a folder
        raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/Kyiv)") from None
    return value


def country_code(value: str) -> str:
    """Validate and upper-case an ISO 3166 alpha-2 code known to the holidays package."""
    return _country(value)
