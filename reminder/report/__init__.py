"""The secretariat's reports: the overdue register, per-department figures over a period, and
one item's control card.

The layers, one job each:

* ``query``: reads the store into plain records (`model.ItemRecord`, `model.RequestRecord`,
  `model.CardRecords`); the only module here that knows the tables.
* ``register``, ``departments``, ``card``: pure functions of those records and a day, building
  the dataclasses of ``model``; no clock, no database.
* ``formats``: one renderer per output format (table, json, md, html, csv, xlsx), each taking
  a `model.Report`; ``formats.write`` writes a file atomically.

`reminder report` (reminder/cli/cmd_report.py) wires them; a web view can reuse the same
functions and renderers. What counts as overdue, done on time or late is in docs/reports.md.
"""
