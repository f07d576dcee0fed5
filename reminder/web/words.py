"""The words of an action link's confirmation page, per language (the recipient's): what the
link will do, its button, and what came of it. `{number}`, `{due}`, `{until}` are filled
with the item's values (escaped by the page's template)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Reminder", "item": "Item", "plan": "Plan", "due": "Deadline",
        "ask_done": "Mark item {number} done?", "ask_more_time":
        "Ask the coordinator for more time on item {number}?",
        "ask_snooze": "Pause your reminders about item {number} for 7 days?",
        "do_done": "Yes, it is done", "do_more_time": "Ask for more time",
        "do_snooze": "Pause for 7 days",
        "done": "Item {number} is marked done. Thank you.",
        "reported": "Item {number} is reported done; the coordinator will accept it.",
        "part_done": "Your part of item {number} is recorded; the lead executor closes the item.",
        "snoozed": "No reminders to you about item {number} until {until}.",
        "asked": "Your request for more time on item {number} went to the coordinator.",
        "asked_again": "More time on item {number} was asked for already; the coordinator has "
                       "not answered yet.",
        "used": "This link was used already: nothing more was changed.",
        "gone": "Item {number} is no longer open for you: nothing was changed.",
        "expired": "This link has expired: nothing was changed. The next reminder brings new "
                   "links.",
        "forged": "This link is not valid: nothing was changed.",
    },
    "ru": {
        "title": "Напоминание", "item": "Пункт", "plan": "План", "due": "Срок",
        "ask_done": "Отметить пункт {number} выполненным?",
        "ask_more_time": "Попросить координатора продлить срок пункта {number}?",
        "ask_snooze": "Приостановить ваши напоминания о пункте {number} на 7 дней?",
        "do_done": "Да, выполнено", "do_more_time": "Попросить продление",
        "do_snooze": "Приостановить на 7 дней",
        "done": "Пункт {number} отмечен выполненным. Спасибо.",
        "reported": "О выполнении пункта {number} сообщено; координатор его примет.",
        "part_done": "Ваша часть пункта {number} отмечена; пункт закрывает ответственный "
                     "исполнитель.",
        "snoozed": "Напоминаний вам о пункте {number} не будет до {until}.",
        "asked": "Ваша просьба продлить срок пункта {number} отправлена координатору.",
        "asked_again": "Продление по пункту {number} уже запрошено; координатор ещё не ответил.",
        "used": "Эта ссылка уже использована: ничего не изменено.",
        "gone": "Пункт {number} для вас больше не открыт: ничего не изменено.",
        "expired": "Срок действия ссылки истёк: ничего не изменено. В следующем напоминании "
                   "будут новые ссылки.",
        "forged": "Ссылка недействительна: ничего не изменено.",
    },
    "uk": {
        "title": "Нагадування", "item": "Пункт", "plan": "План", "due": "Строк",
        "ask_done": "Позначити пункт {number} виконаним?",
        "ask_more_time": "Попросити координатора продовжити строк пункту {number}?",
        "ask_snooze": "Призупинити ваші нагадування про пункт {number} на 7 днів?",
        "do_done": "Так, виконано", "do_more_time": "Попросити продовження",
        "do_snooze": "Призупинити на 7 днів",
        "done": "Пункт {number} позначено виконаним. Дякуємо.",
        "reported": "Про виконання пункту {number} повідомлено; координатор його прийме.",
        "part_done": "Вашу частину пункту {number} відзначено; пункт закриває відповідальний "
                     "виконавець.",
        "snoozed": "Нагадувань вам про пункт {number} не буде до {until}.",
        "asked": "Ваше прохання продовжити строк пункту {number} надіслано координатору.",
        "asked_again": "Продовження за пунктом {number} уже запитано; координатор ще не "
                       "відповів.",
        "used": "Це посилання вже використано: нічого не змінено.",
        "gone": "Пункт {number} для вас більше не відкритий: нічого не змінено.",
        "expired": "Строк дії посилання минув: нічого не змінено. У наступному нагадуванні "
                   "будуть нові посилання.",
        "forged": "Посилання недійсне: нічого не змінено.",
    },
    "lv": {
        "title": "Atgādinājums", "item": "Punkts", "plan": "Plāns", "due": "Termiņš",
        "ask_done": "Atzīmēt punktu {number} kā izpildītu?",
        "ask_more_time": "Lūgt koordinatoram pagarināt punkta {number} termiņu?",
        "ask_snooze": "Apturēt jūsu atgādinājumus par punktu {number} uz 7 dienām?",
        "do_done": "Jā, izpildīts", "do_more_time": "Lūgt pagarinājumu",
        "do_snooze": "Apturēt uz 7 dienām",
        "done": "Punkts {number} atzīmēts kā izpildīts. Paldies.",
        "reported": "Par punkta {number} izpildi ziņots; koordinators to pieņems.",
        "part_done": "Jūsu daļa punktā {number} atzīmēta; punktu slēdz atbildīgais izpildītājs.",
        "snoozed": "Atgādinājumu jums par punktu {number} nebūs līdz {until}.",
        "asked": "Jūsu lūgums pagarināt punkta {number} termiņu nosūtīts koordinatoram.",
        "asked_again": "Pagarinājums punktam {number} jau lūgts; koordinators vēl nav atbildējis.",
        "used": "Šī saite jau izmantota: nekas netika mainīts.",
        "gone": "Punkts {number} jums vairs nav atvērts: nekas netika mainīts.",
        "expired": "Saites derīguma termiņš beidzies: nekas netika mainīts. Nākamajā "
                   "atgādinājumā būs jaunas saites.",
        "forged": "Saite nav derīga: nekas netika mainīts.",
    },
}


def say(lang: str, key: str, **values: str) -> str:
    """The sentence ``key`` in ``lang`` (English for a language without a table), filled."""
    text = WORDS.get(lang, WORDS["en"])[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text
