"""Import plan documents as plan YAML (issue 3; docs/configuration.md, "A plan file").

The way through, one module per job:

- reading: ``text_reader`` (tab rows, Markdown, inline HTML), ``html_reader``, ``docx_reader``,
  ``sheet_reader`` (XLSX, CSV), with ``encoding`` for text that is not UTF-8 and ``cleanup``
  for markup inside cells; all produce a ``model.Document`` of paragraphs and tables;
- tables: ``header`` finds the header row and column meanings, ``tables`` stitches pages and
  tells sections from tasks, ``table_plan`` makes tasks, ``executors`` splits responsibility
  cells into roles, ``deadline_find`` cuts deadline phrases out of longer text with the
  deadline parser;
- other shapes: ``summary`` (key-value summaries), ``prose`` (dated commitments, protocols);
- the plan: ``meta`` (title, period, language, country), ``importer`` (all of the above),
  ``valid`` (ids and values `reminder check` accepts, and the check of the text before it is
  written), ``yaml_out`` (the reviewed YAML, written atomically), ``matching`` (names not in
  the directory).

Every language difference is a word table in ``words``.
"""

from reminder.importers.importer import import_document
from reminder.importers.model import ImportFailed, ImportResult

__all__ = ["ImportFailed", "ImportResult", "import_document"]
