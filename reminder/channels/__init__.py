"""Delivery channels behind one small interface (base.Channel): outbox, email, telegram; the
configured set is built by configured.channels_from_config."""
