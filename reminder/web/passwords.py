"""Password hashes for the web view's accounts: scrypt from the standard library.

A hash is one line, ``scrypt$<n>$<r>$<p>$<salt>$<key>`` (salt and key in URL-safe base64
without padding), so that `reminder web-password` can print it for the YAML and the cost can
be raised later without invalidating older hashes: each hash carries its own parameters."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
# 2**14 with r=8: 16 MiB and some 50 ms per check on a small machine; checked once per
# sign-in (the session cookie carries the rest), so the cost falls on guessing, not on use.
N, R, P = 2 ** 14, 8, 1
KEY_BYTES = 32
MAX_N = 2 ** 20  # a hash asking for more memory than this is refused, not computed


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The line to put in ``password_hash`` for ``password``."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=KEY_BYTES,
                         maxmem=128 * R * N * 2)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(key)}"


def _parts(value: str) -> tuple[int, int, int, bytes, bytes]:
    fields = value.split("$")
    if len(fields) != 6 or fields[0] != SCHEME:
        raise ValueError("not a password hash from `reminder web-password` (it starts "
                         "with scrypt$; never write the password itself)")
    try:
        n, r, p = int(fields[1]), int(fields[2]), int(fields[3])
        salt, key = _unb64(fields[4]), _unb64(fields[5])
    except ValueError:
        raise ValueError("a damaged password hash: make a new one with "
                         "`reminder web-password`") from None
    if n < 2 or n & (n - 1) or n > MAX_N or not 1 <= r <= 32 or not 1 <= p <= 16 \
            or len(salt) < 8 or len(key) < 16:
        raise ValueError("a password hash with parameters out of range: make a new one with "
                         "`reminder web-password`")
    return n, r, p, salt, key


def check_hash_format(value: str) -> None:
    """Raise ValueError saying what is wrong when ``value`` is not a usable hash."""
    _parts(value)


def verify(password: str, stored: str) -> bool:
    """Whether ``password`` matches the hash ``stored`` (compared in constant time)."""
    try:
        n, r, p, salt, key = _parts(stored)
    except ValueError:
        return False
    got = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=len(key),
                         maxmem=128 * r * n * 2)
    return hmac.compare_digest(got, key)
