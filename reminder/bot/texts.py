"""What the bot says, in each language. Plain strings with ``{}`` fields; the bot escapes the
values (plan titles) before formatting, since replies are sent as Telegram HTML."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "not_linked": "Этот чат не привязан к исполнителю. Попросите у координатора плана код "
                      "и отправьте /start КОД.",
        "bad_code": "Код неверен, уже использован или срок его действия истёк. Попросите у "
                    "координатора новый.",
        "locked": "Из этого чата введено слишком много неверных кодов. Попробуйте снова после "
                  "{time} ({date}).",
        "linked": "Чат привязан: <b>{name}</b>. Напоминания будут приходить сюда. "
                  "Открытые пункты: /tasks",
        "no_items": "Открытых пунктов нет.",
        "items": "Открытые пункты:",
        "item_line": "• <b>{number}</b> {title} — срок {due}",
        "next_line": "; следующее напоминание {when}",
        "done_usage": "Напишите /done ПУНКТ, например /done 2.1 (список: /tasks).",
        "unknown_item": "Среди ваших открытых пунктов нет «{item}». Список: /tasks",
        "ambiguous": "Номеру «{item}» соответствуют несколько пунктов: {choices}. Укажите "
                     "пункт в виде план/пункт.",
        "done": "Отмечен как выполненный: пункт <b>{number}</b> {title}",
        "gone": "Этого пункта уже нет среди ваших открытых пунктов.",
        "which": "У пункта <b>{item}</b> несколько открытых сроков. Какой из них выполнен?",
        "part_done": "Ваша часть по пункту <b>{number}</b> отмечена как выполненная. Закрывает "
                     "пункт ответственный исполнитель: {lead}.",
        "more": "Просьба продлить срок по пункту <b>{number}</b> направлена "
                "координатору ({coordinator}). До получения ответа срок остаётся "
                "прежним: {due}. Ответ придёт сюда.",
        "more_nobody": "Просьба продлить срок по пункту <b>{number}</b> записана, но в плане "
                       "не указан координатор, поэтому ответа не будет: обратитесь к "
                       "ответственным за план напрямую. Срок остаётся прежним: {due}.",
        "more_again": "Вы уже просили продлить срок по пункту <b>{number}</b> ({date}); "
                      "координатор ещё не ответил.",
        "reported": "Пункт <b>{number}</b> отмечен как выполненный и ждёт приёмки "
                    "координатором ({coordinator}). Напоминания о нём больше не придут.",
        "not_yours": "Ответить на этот запрос может только координатор пункта.",
        "answered": "На этот запрос уже ответили.",
        "approved": "Согласовано: новый срок пункта <b>{number}</b> — {due}. {who} получит "
                    "уведомление.",
        "ask_deny": "Напишите одним сообщением причину отказа — её получит {who} (или "
                    "отправьте /skip, чтобы отказать без комментария).",
        "ask_return": "Опишите одним сообщением, что нужно доработать; комментарий получит "
                      "{who}.",
        "denied": "Отказано: срок пункта <b>{number}</b> остаётся прежним — {due}. {who} "
                  "получит уведомление.",
        "accepted": "Принято: пункт <b>{number}</b> закрыт. {who} получит уведомление.",
        "returned": "Возвращено на доработку: пункт <b>{number}</b> снова открыт. {who} "
                    "получит уведомление.",
        "snoozed": "Ваши напоминания о пункте <b>{number}</b> отложены на {days}. "
                   "Остальные исполнители пункта получают напоминания в обычном порядке.",
    },
    "uk": {
        "not_linked": "Цей чат не прив’язано до виконавця. Попросіть у координатора плану код "
                      "і надішліть /start КОД.",
        "bad_code": "Код недійсний, уже використаний або строк його дії минув. Попросіть у "
                    "координатора новий.",
        "locked": "З цього чату введено забагато неправильних кодів. Спробуйте знову після "
                  "{time} ({date}).",
        "linked": "Чат прив’язано: <b>{name}</b>. Нагадування надходитимуть сюди. "
                  "Відкриті пункти: /tasks",
        "no_items": "Відкритих пунктів немає.",
        "items": "Відкриті пункти:",
        "item_line": "• <b>{number}</b> {title} — строк {due}",
        "next_line": "; наступне нагадування {when}",
        "done_usage": "Напишіть /done ПУНКТ, наприклад /done 2.1 (перелік: /tasks).",
        "unknown_item": "Серед ваших відкритих пунктів немає «{item}». Перелік: /tasks",
        "ambiguous": "Номеру «{item}» відповідає кілька пунктів: {choices}. Зазначте пункт "
                     "у форматі план/пункт.",
        "done": "Позначено як виконаний: пункт <b>{number}</b> {title}",
        "gone": "Цього пункту вже немає серед ваших відкритих пунктів.",
        "which": "Пункт <b>{item}</b> має кілька відкритих строків. Який із них виконано?",
        "part_done": "Вашу частину пункту <b>{number}</b> позначено як виконану. Закриває "
                     "пункт відповідальний виконавець: {lead}.",
        "more": "Прохання продовжити строк виконання пункту <b>{number}</b> надіслано "
                "координатору ({coordinator}). До отримання відповіді строк не "
                "змінюється: {due}. Відповідь надійде сюди.",
        "more_nobody": "Прохання продовжити строк виконання пункту <b>{number}</b> записано, "
                       "але в плані не зазначено координатора, тож відповіді не буде: "
                       "зверніться до відповідальних за план безпосередньо. Строк не "
                       "змінюється: {due}.",
        "more_again": "Ви вже просили продовжити строк виконання пункту <b>{number}</b> "
                      "({date}); координатор ще не відповів.",
        "reported": "Пункт <b>{number}</b> позначено як виконаний, він чекає на приймання "
                    "координатором ({coordinator}). Нагадувань про нього більше не буде.",
        "not_yours": "Відповісти на цей запит може лише координатор пункту.",
        "answered": "На цей запит уже відповіли.",
        "approved": "Погоджено: новий строк виконання пункту <b>{number}</b> — {due}. "
                    "{who} отримає повідомлення.",
        "ask_deny": "Напишіть одним повідомленням причину відмови — її отримає {who} (або "
                    "надішліть /skip, щоб відмовити без коментаря).",
        "ask_return": "Опишіть одним повідомленням, що потрібно доопрацювати; коментар "
                      "отримає {who}.",
        "denied": "Відмовлено: строк виконання пункту <b>{number}</b> не змінюється — "
                  "{due}. {who} отримає повідомлення.",
        "accepted": "Прийнято: пункт <b>{number}</b> закрито. {who} отримає повідомлення.",
        "returned": "Повернуто на доопрацювання: пункт <b>{number}</b> знову відкритий. "
                    "{who} отримає повідомлення.",
        "snoozed": "Ваші нагадування щодо пункту <b>{number}</b> відкладено на {days}. "
                   "Інші виконавці пункту отримують нагадування у звичайному порядку.",
    },
    "lv": {
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
    },
    "en": {
        "not_linked": "This chat is not linked to an executor. Ask your plan coordinator for "
                      "a code and send /start CODE.",
        "bad_code": "This code is invalid, has already been used or has expired. Ask your "
                    "plan coordinator for a new one.",
        "locked": "Too many invalid codes have been sent from this chat. Try again after "
                  "{time} ({date}).",
        "linked": "Chat linked: <b>{name}</b>. Reminders will arrive here. Open items: /tasks",
        "no_items": "No open items.",
        "items": "Open items:",
        "item_line": "• <b>{number}</b> {title} — due {due}",
        "next_line": "; next reminder {when}",
        "done_usage": "Send /done ITEM, for example /done 2.1 (list: /tasks).",
        "unknown_item": "You have no open item “{item}”. List: /tasks",
        "ambiguous": "Several items match “{item}”: {choices}. Please specify it as plan/item.",
        "done": "Marked done: <b>{number}</b> {title}",
        "gone": "This item is no longer among your open items.",
        "which": "Item <b>{item}</b> has several open deadlines. Which one are you marking "
                 "done?",
        "part_done": "Your part of item <b>{number}</b> is recorded as done. The item will be "
                     "closed by the lead executor, {lead}.",
        "more": "Your request for more time on <b>{number}</b> has been sent to the "
                "coordinator ({coordinator}). Until they reply, the deadline remains "
                "{due}; you will receive the reply here.",
        "more_nobody": "Your request for more time on <b>{number}</b> is recorded, but the "
                       "plan names no coordinator, so no one will answer it here: please "
                       "contact whoever manages the plan directly. The deadline remains {due}.",
        "more_again": "You already asked for more time on <b>{number}</b> ({date}); the "
                      "coordinator has not answered yet.",
        "reported": "Item <b>{number}</b> is reported done and awaits acceptance by the "
                    "coordinator ({coordinator}). You will receive no further reminders about it.",
        "not_yours": "Only the item's coordinator can answer this request.",
        "answered": "This request has been answered already.",
        "approved": "Approved: item <b>{number}</b> is now due {due}. {who} will be told.",
        "ask_deny": "Send the reason for the refusal in one message; it will be forwarded "
                    "to {who} (or send /skip to refuse without a reason).",
        "ask_return": "In one message, describe what still needs to be done; it will be "
                      "forwarded to {who}.",
        "denied": "Denied: item <b>{number}</b> stays due {due}. {who} will be told.",
        "accepted": "Accepted: item <b>{number}</b> is closed. {who} will be told.",
        "returned": "Returned for revision: item <b>{number}</b> is open again. {who} will "
                    "be told.",
        "snoozed": "Your reminders about <b>{number}</b> are snoozed for {days}. Others on "
                   "the item still receive theirs.",
    },
}
