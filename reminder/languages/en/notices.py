"""English: Notices (reminder.messages.notice): per event its subject, body and how to answer; fields
are filled with escaped values; no gendered verb forms, as the one acting is often a department.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "greeting": "Dear colleagues,",
    "to": "To:",
    "more_time_asked.subject": "More time requested: {number}",
    "more_time_asked": "More time has been requested for item {number} “{title}” (due {due}). "
                       "Requested by: {who}.",
    "more_time_approved.subject": "Deadline extended: {number}",
    "more_time_approved": "The deadline for item {number} “{title}” has been extended to "
                          "{new_due} (previously {due}). Decided by: {who}.",
    "more_time_denied.subject": "More time not granted: {number}",
    "more_time_denied": "The request for more time on item {number} “{title}” was not granted; "
                        "the deadline remains {due}. Decided by: {who}.",
    "reported.subject": "Item reported done: {number}",
    "reported": "Item {number} “{title}” (due {due}) has been reported done. Reported "
                "by: {who}. Please accept it or return it for revision.",
    "accepted.subject": "Item accepted: {number}",
    "accepted": "Item {number} “{title}” has been accepted and closed. Decided by: "
                "{who}.",
    "returned.subject": "Item returned for revision: {number}",
    "returned": "Item {number} “{title}” has been returned for revision. Deadline: "
                "{due}. Decided by: {who}.",
    "part_done.subject": "Part done: {number}",
    "part_done": "A co-executor's part of item {number} “{title}” (due {due}) has been "
                 "reported done. Reported by: {who}. As the lead executor, you close the "
                 "item.",
    "note": "Note: {note}",
    "answer_email.more_time_asked": "To answer: reminder approve {id} --to YYYY-MM-DD or "
                                    "reminder deny {id} --note \"…\"",
    "answer_email.reported": "To answer: reminder accept {id} or reminder return {id} "
                             "--note \"…\"",
    "answer_telegram": "Answer with the buttons below.",
}
