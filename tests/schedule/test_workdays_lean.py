"""The country calendar loads one country's holidays, not the whole package's ~250 countries,
and the holidays package still answers every lookup by code afterwards. Run in a fresh
interpreter: the test process has long imported whatever other tests imported."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = r"""
import json, sys
from datetime import date
from reminder.schedule.workdays import WorkCalendar
lv, ru = WorkCalendar("LV"), WorkCalendar("RU")
answers = {
    "lv_proclamation_day": lv.is_working(date(2024, 11, 18)),
    "lv_midsummer": lv.is_working(date(2024, 6, 24)),
    "lv_plain_tuesday": lv.is_working(date(2024, 11, 19)),
    "ru_new_year_holidays": ru.is_working(date(2024, 1, 8)),
    "ru_working_saturday": ru.is_working(date(2024, 4, 27)),
}
countries = sorted(m for m in sys.modules if m.startswith("holidays.countries."))
import holidays
supported = holidays.list_supported_countries()
us = holidays.country_holidays("US")
print(json.dumps({"answers": answers, "countries": countries, "supported": len(supported),
                  "us_july_4": date(2024, 7, 4) in us}))
"""


def test_one_country_module_per_calendar_and_lookups_still_whole() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True)
    got = json.loads(out.stdout)
    assert got["answers"] == {
        "lv_proclamation_day": False,
        "lv_midsummer": False,
        "lv_plain_tuesday": True,
        "ru_new_year_holidays": False,
        "ru_working_saturday": True,
    }
    assert got["countries"] == ["holidays.countries.latvia", "holidays.countries.russia"]
    assert got["supported"] > 200  # afterwards, the package is whole for whoever asks
    assert got["us_july_4"] is True
