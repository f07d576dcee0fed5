"""The Telegram bot's tables: one-time link codes and the chats linked with them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Until this revision the bot created ``telegram_link_code`` and ``telegram_chat`` itself on
first use, from the same models. A database where it did so already has them (with their
links, which must be kept): such a table is left as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _exists(table: str) -> bool:
    return sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if not _exists("telegram_chat"):
        op.create_table(
            "telegram_chat",
            sa.Column("chat_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.Column("executor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.Column("linked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column("dead_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
            sa.Column("dead_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
            sa.PrimaryKeyConstraint("chat_id"),
        )
        op.create_index(op.f("ix_telegram_chat_executor_id"), "telegram_chat",
                        ["executor_id"], unique=False)
    if not _exists("telegram_link_code"):
        op.create_table(
            "telegram_link_code",
            sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.Column("executor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
            sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
            sa.Column("used_by_chat", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
            sa.PrimaryKeyConstraint("code_hash"),
        )
        op.create_index(op.f("ix_telegram_link_code_executor_id"), "telegram_link_code",
                        ["executor_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_telegram_link_code_executor_id"), table_name="telegram_link_code")
    op.drop_table("telegram_link_code")
    op.drop_index(op.f("ix_telegram_chat_executor_id"), table_name="telegram_chat")
    op.drop_table("telegram_chat")
