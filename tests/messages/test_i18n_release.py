"""The daemon lets go of Babel's CLDR data between ticks; formatting after that gives the same
words as before (the data is loaded again on demand)."""

from __future__ import annotations

from datetime import date

from babel import localedata

from reminder.messages import i18n


def test_released_locale_data_is_loaded_again_with_the_same_words() -> None:
    day = date(2023, 9, 30)
    before = {lang: (i18n.long_date(day, lang), i18n.days(21, lang), i18n.items_count(3, lang))
              for lang in i18n.LANGUAGES}
    assert before["ru"] == ("30 сентября 2023\u202fг.", "21 день", "3 пункта")
    assert before["lv"][0] == "2023. gada 30. septembris"
    i18n.release_locale_data()
    assert not localedata._cache  # what the daemon gives back between ticks
    i18n.long_date.cache_clear()
    i18n.days.cache_clear()
    i18n.items_count.cache_clear()
    after = {lang: (i18n.long_date(day, lang), i18n.days(21, lang), i18n.items_count(3, lang))
             for lang in i18n.LANGUAGES}
    assert after == before
