"""Latvian: What the bot replies (reminder.bot): plain strings with ``{}`` fields, sent as Telegram
HTML; the bot escapes the values before filling them in.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "not_linked": "Šī tērzēšana nav piesaistīta izpildītājam. Palūdziet plāna "
                  "koordinatoram kodu un nosūtiet /start KODS.",
    "bad_code": "Kods ir nederīgs, jau izmantots vai tam beidzies derīguma termiņš. "
                "Palūdziet koordinatoram jaunu.",
    "locked": "No šīs tērzēšanas saņemts pārāk daudz nederīgu kodu. Mēģiniet vēlreiz "
              "pēc {time} ({date}).",
    "linked": "Tērzēšana piesaistīta: <b>{name}</b>. Atgādinājumi turpmāk tiks sūtīti šeit. "
              "Atvērtie punkti: /tasks",
    "no_items": "Atvērtu punktu nav.",
    "items": "Atvērtie punkti:",
    "item_line": "• <b>{number}</b> {title} — termiņš {due}",
    "next_line": "; nākamais atgādinājums {when}",
    "done_usage": "Rakstiet /done PUNKTS, piemēram, /done 2.1 (saraksts: /tasks).",
    "unknown_item": "Starp jūsu atvērtajiem punktiem nav „{item}”. Saraksts: /tasks",
    "ambiguous": "Numuram „{item}” atbilst vairāki punkti: {choices}. Norādiet punktu "
                 "formā plāns/punkts.",
    "done": "Atzīmēts kā izpildīts: <b>{number}</b> {title}",
    "gone": "Šī punkta vairs nav starp jūsu atvērtajiem punktiem.",
    "which": "Punktam <b>{item}</b> ir vairāki atvērti termiņi. Kurš no tiem ir izpildīts?",
    "part_done": "Jūsu daļa punktā <b>{number}</b> atzīmēta kā izpildīta. Punktu slēdz "
                 "atbildīgais izpildītājs: {lead}.",
    "more": "Lūgums pagarināt punkta <b>{number}</b> termiņu nosūtīts koordinatoram "
            "({coordinator}). Līdz atbildei termiņš nemainās: {due}. Atbilde tiks "
            "nosūtīta šeit.",
    "more_nobody": "Lūgums pagarināt punkta <b>{number}</b> termiņu ir reģistrēts, bet "
                   "plānā nav norādīts koordinators, tāpēc atbilde netiks saņemta: "
                   "sazinieties ar plāna atbildīgajiem tieši. Termiņš nemainās: {due}.",
    "more_again": "Jūs jau lūdzāt pagarināt punkta <b>{number}</b> termiņu ({date}); "
                  "koordinators vēl nav atbildējis.",
    "reported": "Punkts <b>{number}</b> atzīmēts kā izpildīts un gaida koordinatora "
                "({coordinator}) pieņemšanu. Atgādinājumi par to vairs nepienāks.",
    "not_yours": "Uz šo pieprasījumu var atbildēt tikai punkta koordinators.",
    "answered": "Uz šo pieprasījumu jau ir atbildēts.",
    "approved": "Saskaņots: punkta <b>{number}</b> jaunais termiņš ir {due}. {who} saņems "
                "paziņojumu.",
    "ask_deny": "Vienā ziņā uzrakstiet atteikuma iemeslu — to saņems {who} (vai "
                "nosūtiet /skip, lai atteiktu bez komentāra).",
    "ask_return": "Vienā ziņā uzrakstiet, kas jāpilnveido, — to saņems {who}.",
    "denied": "Atteikts: punkta <b>{number}</b> termiņš nemainās — {due}. {who} saņems "
              "paziņojumu.",
    "accepted": "Pieņemts: punkts <b>{number}</b> slēgts. {who} saņems paziņojumu.",
    "returned": "Atdots pilnveidošanai: punkts <b>{number}</b> atkal atvērts. {who} "
                "saņems paziņojumu.",
    "snoozed": "Jūsu atgādinājumi par punktu <b>{number}</b> atlikti uz {days}. "
               "Pārējie punkta izpildītāji savējos saņem kā parasti.",
}
