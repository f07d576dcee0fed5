"""The digest's chart: a valid PNG of the expected size (signature, IHDR), bars in proportion,
the same bars as characters in the text part, the image attached inline (cid:) to the email
only for digests, and a deployment's older word table still rendering the new sections."""

from __future__ import annotations

import email
import email.policy
import re
import struct
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest

from reminder.channels.email import build_email
from reminder.messages.chart import chart_png, text_bar
from reminder.messages.digest import DepartmentCount, Digest, DigestEntry
from reminder.messages.model import Message, Recipient
from reminder.messages.render import environment, render


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    out, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        out.append((kind, data))
        at += 12 + length
    return out


def test_the_chart_is_a_valid_png_of_the_expected_size() -> None:
    png = chart_png([40, 10, 0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks = _chunks(png)
    assert [k for k, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    # 384 wide (30 for row numbers, 300 for bars, 54 for counts); 6 + 3 rows of 22 + 6 high
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, height, depth, colour) == (384, 78, 8, 3)
    raw = zlib.decompress(chunks[2][1])
    rows = [raw[y * 385 + 1:(y + 1) * 385] for y in range(78)]
    assert len(raw) == 78 * 385
    # the middle line of each bar: the largest is 300 pixels, a quarter of it 75, none 0
    bar = 1  # the palette index of the bars
    assert [rows[y][30:].count(bar) for y in (6 + 11, 6 + 22 + 11, 6 + 44 + 11)] == [300, 75, 0]


def test_the_text_fallback_bars() -> None:
    assert text_bar(40, 40) == "█" * 20
    assert text_bar(10, 40) == "█" * 5
    assert text_bar(1, 10_000) == "█"  # any overdue item shows
    assert text_bar(0, 40) == ""


def _digest() -> Digest:
    at = datetime(2023, 10, 9, 8, 0)
    entry = DigestEntry("p", "Plan", "1.1", "Hold <consultations>", "Finance", None,
                        date(2023, 10, 2), -7, 5, "en")
    return Digest(at, datetime(2023, 10, 2, 8, 0), (("Finance", (entry,)),), (), (), (), (),
                  departments=(DepartmentCount("fin", "Finance", 9, 4, (1, 2, 1)),
                               DepartmentCount(None, "—", 1, 1, (1, 0, 0))))


def _message(d: Digest, kind: str = "digest") -> Message:
    return Message(Recipient("sec", "Secretariat", "en", ("sec@example.org",)), d.at,
                   d.items("sec"), kind=kind, digest=d)  # type: ignore[arg-type]


def test_the_digest_email_carries_the_chart_inline() -> None:
    d = _digest()
    out = render(_message(d))
    [(cid, png)] = out.images
    assert cid == "overdue-chart" and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert '<img src="cid:overdue-chart" alt="Overdue items per department"' in out.html
    # the text part: the table, the buckets, the chart as characters, "and N more"
    assert "1. Finance — Open 9, Overdue 4 (1–5 wd: 1, 6–20 wd: 2, over 20 wd: 1)" in out.text
    assert "All departments — Open 10, Overdue 5" in out.text
    assert "Overdue by working days late: 1–5: 2; 6–20: 2; over 20: 1." in out.text
    assert "████████████████████ 4  1. Finance\n█████ 1  2. —" in out.text
    assert "and 3 more: `reminder report --executor fin`" in out.text
    assert out.subject == "Plan digest, 9 October 2023: 5 overdue, 0 due soon"
    mail = email.message_from_bytes(build_email(_message(d), out, "sec@example.org",
                                                "Reminder <r@example.org>"),
                                    policy=email.policy.default)
    assert mail.get_content_type() == "multipart/related"
    alternative, image = mail.iter_parts()
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain", "text/html"]
    assert image.get_content_type() == "image/png"
    assert image["Content-ID"] == "<overdue-chart>"
    assert image.get_content_disposition() == "inline"
    assert image.get_payload(decode=True) == png


def test_only_digests_get_an_image_part() -> None:
    d = _digest()
    out = render(_message(d))
    reminder = _message(d, kind="reminder")
    mail = email.message_from_bytes(build_email(reminder, out, "sec@example.org",
                                                "r@example.org"))
    assert mail.get_content_type() == "multipart/alternative"


@pytest.mark.parametrize("lang", ["ru", "uk", "lv", "en"])
def test_an_older_word_table_takes_the_builtin_digest_words(tmp_path: Path, lang: str) -> None:
    # a deployment copied words/<lang>.txt before the digest_* keys existed
    builtin = Path(__file__).parents[2] / "reminder" / "languages" / lang / "messages.txt"
    words = builtin.read_text(encoding="utf-8")
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / f"{lang}.txt").write_text(
        "\n".join(line for line in words.splitlines()
                  if not line.startswith("{% set digest_")), encoding="utf-8")
    environment.cache_clear()
    try:
        d = _digest()
        message = Message(Recipient("sec", "Sec", lang, ("s@example.org",)), d.at,
                          d.items("sec"), kind="digest", digest=d)
        ours = render(message, templates_dir=tmp_path)
        assert ours.text == render(message).text
        # and the digest's own words are there: the built-in ones the copy lacked
        removed = re.findall(r'\{% set digest_\w+ = "([^"{]+)" %\}', words)
        assert removed and any(w in ours.text for w in removed)
    finally:
        environment.cache_clear()
