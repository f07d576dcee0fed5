"""Calendar feeds: the deployment's occurrences as iCalendar files (RFC 5545).

``build`` turns plain entries into the bytes of one feed (pure: the same entries give the same
bytes), ``read`` takes those entries from the store, ``folder`` keeps the daemon's folder of
feeds (``calendar.folder`` in reminder.yaml) up to date, and `reminder calendar` writes one
feed on demand.
"""
