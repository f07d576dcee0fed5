"""The bot's link codes: a per-chat limit on wrong codes, and codes kept as HMACs.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

``telegram_link_attempt`` counts each chat's wrong ``/start CODE`` attempts and holds its
lockout (reminder.store.chats), in the database so every daemon sharing it counts the same.

Codes were kept as plain SHA-256 of 40 bits, which a leaked table gives away in minutes; from
this revision they are HMAC-SHA-256 under a key in ``meta``. The codes not yet used cannot be
rehashed (only their hashes are known), so they are deleted: whoever was given one needs a
new one from `reminder link`. Used codes stay, as the record of who linked which chat.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telegram_link_attempt",
        sa.Column("chat_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    op.execute("DELETE FROM telegram_link_code WHERE used_at IS NULL")


def downgrade() -> None:
    # Codes issued under the HMAC key would not redeem as SHA-256: none may survive.
    op.execute("DELETE FROM telegram_link_code WHERE used_at IS NULL")
    op.execute("DELETE FROM meta WHERE key = 'telegram_link_code_key'")
    op.drop_table("telegram_link_attempt")
