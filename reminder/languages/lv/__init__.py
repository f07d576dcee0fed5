"""The Latvian language pack (lv): see reminder.languages and docs/languages.md."""
