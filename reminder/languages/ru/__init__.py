"""The Russian language pack (ru): see reminder.languages and docs/languages.md."""
