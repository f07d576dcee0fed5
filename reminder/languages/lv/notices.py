"""Latvian: Notices (reminder.messages.notice): per event its subject, body and how to answer; fields
are filled with escaped values; no gendered verb forms, as the one acting is often a department.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "greeting": "Labdien!",
    "to": "Adresāts:",
    "more_time_asked.subject": "Lūgums pagarināt termiņu: {number}",
    "more_time_asked": "{who} lūdz pagarināt punkta {number} „{title}” termiņu (pašreizējais "
                       "termiņš: {due}).",
    "more_time_approved.subject": "Termiņš pagarināts: {number}",
    "more_time_approved": "Punkta {number} „{title}” termiņš pagarināts. Jaunais termiņš: "
                          "{new_due} (iepriekšējais: {due}). Lēmumu pieņēma: {who}.",
    "more_time_denied.subject": "Termiņa pagarinājums nav saskaņots: {number}",
    "more_time_denied": "Punkta {number} „{title}” termiņa pagarinājums nav saskaņots. Termiņš "
                        "nemainās: {due}. Lēmumu pieņēma: {who}.",
    "reported.subject": "Punkts pieņemšanai: {number}",
    "reported": "{who} ziņo, ka punkts {number} „{title}” (termiņš: {due}) ir "
                "izpildīts. Pieņemiet to vai atdodiet pilnveidošanai.",
    "accepted.subject": "Punkts pieņemts: {number}",
    "accepted": "Punkts {number} „{title}” pieņemts un slēgts. Lēmumu pieņēma: {who}.",
    "returned.subject": "Punkts atdots pilnveidošanai: {number}",
    "returned": "Punkts {number} „{title}” atdots pilnveidošanai. Termiņš: {due}. "
                "Lēmumu pieņēma: {who}.",
    "part_done.subject": "Daļa darba izpildīta: {number}",
    "part_done": "{who} ziņo par savas daļas izpildi punktā {number} „{title}” (termiņš: "
                 "{due}). Punktu slēdz atbildīgais izpildītājs, t. i., jūs.",
    "note": "Komentārs: {note}",
    "answer_email.more_time_asked": "Lai atbildētu, izpildiet: reminder approve {id} --to GGGG-MM-DD vai "
                                    "reminder deny {id} --note \"…\"",
    "answer_email.reported": "Lai atbildētu, izpildiet: reminder accept {id} vai reminder return {id} "
                             "--note \"…\"",
    "answer_telegram": "Atbildiet ar pogām zemāk.",
}
