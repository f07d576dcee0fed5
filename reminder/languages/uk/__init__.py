"""The Ukrainian language pack (uk): see reminder.languages and docs/languages.md."""
