"""The English language pack (en): see reminder.languages and docs/languages.md."""
