"""The pure scheduling engine: working days, occurrences of a deadline, the reminder ladder."""
