"""Latvian: Calendar feed labels (reminder.calendar): event descriptions and the feed's name."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "deadline": "Termiņš plānā",
    "window": "Periods",
    "lead": "Atbildīgais izpildītājs",
    "co": "Līdzizpildītāji",
    "role": "Jūsu loma",
    "status": "Statuss",
    "open": "atvērts",
    "reported": "atskaite gaida pieņemšanu",
    "done": "izpildīts",
    "cancelled": "atcelts",
    "plan_closed": "plāns ir slēgts",
    "plan_archived": "plāns ir arhivēts",
    "removed": "uzdevums izņemts no plāna",
    "window_event": "periods",
    "all": "visi plāni",
    "feed": "Atgādinājumi",
}
