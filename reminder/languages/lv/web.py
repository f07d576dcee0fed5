"""Latvian: the words of an email action link's confirmation page (reminder.web):
what the link will do, its button, and what came of it. ``{number}``, ``{until}`` are
filled with the item's values (escaped by the page's template).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "title": "Atgādinājums",
    "item": "Punkts",
    "plan": "Plāns",
    "due": "Termiņš",
    "ask_done": "Atzīmēt punktu {number} kā izpildītu?",
    "ask_more_time": "Lūgt koordinatoram pagarināt punkta {number} termiņu?",
    "ask_snooze": "Apturēt jūsu atgādinājumus par punktu {number} uz 7 dienām?",
    "do_done": "Jā, izpildīts",
    "do_more_time": "Lūgt pagarinājumu",
    "do_snooze": "Apturēt uz 7 dienām",
    "done": "Punkts {number} atzīmēts kā izpildīts. Paldies.",
    "reported": "Par punkta {number} izpildi ziņots; koordinators to pieņems.",
    "part_done": "Jūsu daļa punktā {number} atzīmēta; punktu slēdz atbildīgais izpildītājs.",
    "snoozed": "Atgādinājumu jums par punktu {number} nebūs līdz {until}.",
    "asked": "Jūsu lūgums pagarināt punkta {number} termiņu nosūtīts koordinatoram.",
    "asked_again": "Pagarinājums punktam {number} jau lūgts; koordinators vēl nav atbildējis.",
    "used": "Šī saite jau izmantota: nekas netika mainīts.",
    "gone": "Punkts {number} jums vairs nav atvērts: nekas netika mainīts.",
    "expired": "Saites derīguma termiņš beidzies: nekas netika mainīts. Nākamajā atgādinājumā "
               "būs jaunas saites.",
    "forged": "Saite nav derīga: nekas netika mainīts.",
}
