"""What the bot says, in each language. Plain strings with ``{}`` fields; the bot escapes the
values (plan titles) before formatting, since replies are sent as Telegram HTML."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "not_linked": "Этот чат не привязан к исполнителю. Попросите у координатора плана код "
                      "и отправьте /start КОД.",
        "bad_code": "Код неверный, уже использован или просрочен. Попросите у координатора "
                    "новый.",
        "locked": "Слишком много неверных кодов из этого чата. Попробуйте снова после {time} "
                  "({date}).",
        "linked": "Чат привязан: <b>{name}</b>. Напоминания будут приходить сюда. "
                  "Открытые пункты: /tasks",
        "no_items": "Открытых пунктов нет.",
        "items": "Открытые пункты:",
        "item_line": "• <b>{number}</b> {title} — срок {due}",
        "next_line": "; следующее напоминание {when}",
        "done_usage": "Напишите /done ПУНКТ, например /done 2.1 (список: /tasks).",
        "unknown_item": "Среди ваших открытых пунктов нет «{item}». Список: /tasks",
        "ambiguous": "Под «{item}» подходят несколько пунктов: {choices}. Укажите план/пункт.",
        "done": "Отмечено как выполненное: <b>{number}</b> {title}",
        "snoozed": "Напоминания о пункте <b>{number}</b> отложены на {days} дн.",
        "more": "Просьба о дополнительном времени по пункту <b>{number}</b> передана "
                "координатору. Срок пока прежний: {due}.",
        "gone": "Этот пункт уже не открыт среди ваших.",
        "which": "У пункта <b>{item}</b> несколько открытых сроков. Какой из них выполнен?",
        "part_done": "Ваша часть по пункту <b>{number}</b> отмечена как выполненная. Закрывает "
                     "пункт ответственный исполнитель: {lead}.",
        "part_done_lead": "{who} сообщает, что выполнил(а) свою часть пункта <b>{number}</b> "
                          "{title} (срок {due}). Пункт закрываете вы: /done {number}",
    },
    "uk": {
        "not_linked": "Цей чат не прив'язано до виконавця. Попросіть у координатора плану код "
                      "і надішліть /start КОД.",
        "bad_code": "Код неправильний, уже використаний або прострочений. Попросіть у "
                    "координатора новий.",
        "locked": "Забагато неправильних кодів із цього чату. Спробуйте знову після {time} "
                  "({date}).",
        "linked": "Чат прив'язано: <b>{name}</b>. Нагадування надходитимуть сюди. "
                  "Відкриті пункти: /tasks",
        "no_items": "Відкритих пунктів немає.",
        "items": "Відкриті пункти:",
        "item_line": "• <b>{number}</b> {title} — строк {due}",
        "next_line": "; наступне нагадування {when}",
        "done_usage": "Напишіть /done ПУНКТ, наприклад /done 2.1 (перелік: /tasks).",
        "unknown_item": "Серед ваших відкритих пунктів немає «{item}». Перелік: /tasks",
        "ambiguous": "«{item}» відповідає кілька пунктів: {choices}. Зазначте план/пункт.",
        "done": "Позначено як виконане: <b>{number}</b> {title}",
        "snoozed": "Нагадування щодо пункту <b>{number}</b> відкладено на {days} дн.",
        "more": "Прохання про додатковий час щодо пункту <b>{number}</b> передано "
                "координатору. Строк поки що той самий: {due}.",
        "gone": "Цей пункт уже не відкритий серед ваших.",
        "which": "Пункт <b>{item}</b> має кілька відкритих строків. Який із них виконано?",
        "part_done": "Вашу частину пункту <b>{number}</b> позначено як виконану. Закриває "
                     "пункт відповідальний виконавець: {lead}.",
        "part_done_lead": "{who} повідомляє, що виконав(ла) свою частину пункту <b>{number}</b> "
                          "{title} (строк {due}). Пункт закриваєте ви: /done {number}",
    },
    "lv": {
        "not_linked": "Šī tērzēšana nav piesaistīta izpildītājam. Palūdziet plāna "
                      "koordinatoram kodu un nosūtiet /start KODS.",
        "bad_code": "Kods nav derīgs, jau izmantots vai novecojis. Palūdziet koordinatoram "
                    "jaunu.",
        "locked": "No šīs tērzēšanas saņemts pārāk daudz nederīgu kodu. Mēģiniet vēlreiz "
                  "pēc {time} ({date}).",
        "linked": "Tērzēšana piesaistīta: <b>{name}</b>. Atgādinājumi pienāks šeit. "
                  "Atvērtie punkti: /tasks",
        "no_items": "Atvērtu punktu nav.",
        "items": "Atvērtie punkti:",
        "item_line": "• <b>{number}</b> {title} — termiņš {due}",
        "next_line": "; nākamais atgādinājums {when}",
        "done_usage": "Rakstiet /done PUNKTS, piemēram, /done 2.1 (saraksts: /tasks).",
        "unknown_item": "Starp jūsu atvērtajiem punktiem nav “{item}”. Saraksts: /tasks",
        "ambiguous": "“{item}” atbilst vairāki punkti: {choices}. Norādiet plānu/punktu.",
        "done": "Atzīmēts kā izpildīts: <b>{number}</b> {title}",
        "snoozed": "Atgādinājumi par punktu <b>{number}</b> atlikti uz {days} d.",
        "more": "Lūgums pēc papildu laika punktam <b>{number}</b> nodots koordinatoram. "
                "Termiņš pagaidām nemainās: {due}.",
        "gone": "Šis punkts vairs nav atvērts starp jūsējiem.",
        "which": "Punktam <b>{item}</b> ir vairāki atvērti termiņi. Kurš no tiem ir izpildīts?",
        "part_done": "Jūsu daļa punktā <b>{number}</b> atzīmēta kā izpildīta. Punktu slēdz "
                     "atbildīgais izpildītājs: {lead}.",
        "part_done_lead": "{who} ziņo, ka savu daļu punktā <b>{number}</b> {title} (termiņš "
                          "{due}) ir izpildījis. Punktu slēdzat jūs: /done {number}",
    },
    "en": {
        "not_linked": "This chat is not linked to an executor. Ask your plan coordinator for "
                      "a code and send /start CODE.",
        "bad_code": "That code is wrong, already used or expired. Ask your plan coordinator "
                    "for a new one.",
        "locked": "Too many wrong codes from this chat. Try again after {time} ({date}).",
        "linked": "Chat linked: <b>{name}</b>. Reminders will arrive here. Open items: /tasks",
        "no_items": "No open items.",
        "items": "Open items:",
        "item_line": "• <b>{number}</b> {title} — due {due}",
        "next_line": "; next reminder {when}",
        "done_usage": "Write /done ITEM, for example /done 2.1 (list: /tasks).",
        "unknown_item": "There is no open item “{item}” among yours. List: /tasks",
        "ambiguous": "Several items match “{item}”: {choices}. Write it as plan/item.",
        "done": "Marked done: <b>{number}</b> {title}",
        "snoozed": "Reminders about <b>{number}</b> snoozed for {days} d.",
        "more": "Your request for more time on <b>{number}</b> has gone to the coordinator. "
                "The deadline stays {due} for now.",
        "gone": "This item is no longer open among yours.",
        "which": "Item <b>{item}</b> has several open deadlines. Which one is done?",
        "part_done": "Your part of item <b>{number}</b> is recorded as done. The lead executor "
                     "closes the item: {lead}.",
        "part_done_lead": "{who} reports their part of item <b>{number}</b> {title} (due {due}) "
                          "done. You close the item: /done {number}",
    },
}
