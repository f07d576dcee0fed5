"""The Telegram bot executors talk to (app.ReminderBot): linking a chat with a code, commands
and button presses. The chat links and open items it reads are queries in reminder.store.chats;
the buttons it decodes are made in reminder.channels.telegram.buttons."""
