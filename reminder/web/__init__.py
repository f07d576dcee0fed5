"""The secretariat's web view and the signed action links of reminder emails.

* ``passwords``: the accounts' scrypt hashes (`reminder web-password`).
* ``links``: signed, expiring links per item and recipient (done, more time, snooze) and
  what the email templates are given; pure.
* ``act``: what a link does once confirmed, through the store functions the bot uses.
* ``views``: the pages' data, from the same code as `reminder report` (reminder.report).
* ``app``: the Starlette application (routes, sign-in, roles, CSRF); ``server``: uvicorn in
  the daemon's event loop.

Nothing here is imported unless ``web:`` is configured (the package needs Starlette).
"""
