"""The templates' ``words/<lang>.txt``, read from the language pack's ``messages.txt``.

The message words live with the rest of a language (reminder/languages/<lang>/messages.txt);
the templates keep importing ``words/<lang>.txt``. A deployment's own ``words/<lang>.txt`` in its
templates folder still wins: this loader sits after the deployment's folder in the chain.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import BaseLoader, Environment, TemplateNotFound

from reminder import languages

PREFIX = "words/"
SUFFIX = ".txt"


class PackWordsLoader(BaseLoader):
    """Loads ``words/<lang>.txt`` from the pack of ``lang``; anything else is not found here."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The pack's message words file for ``words/<lang>.txt``."""
        if not (template.startswith(PREFIX) and template.endswith(SUFFIX)):
            raise TemplateNotFound(template)
        lang = template[len(PREFIX): -len(SUFFIX)]
        path = languages.messages_path(lang) if lang.isidentifier() else None
        if path is None:
            raise TemplateNotFound(template)
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        """``words/<lang>.txt`` of every language in use."""
        return [f"{PREFIX}{lang}{SUFFIX}" for lang in languages.LANGUAGES]
