"""reminder: deadline and responsibility reminders for government and NGO action plans."""

__version__ = "0.1.0"
