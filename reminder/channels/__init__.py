"""Delivery channels behind one small interface (base.Channel): outbox, email, telegram."""
