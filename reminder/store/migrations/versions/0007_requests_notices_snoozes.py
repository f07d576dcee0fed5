"""Requests to the coordinator, the notices owed about them, and snoozes per recipient.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

``request``: more time asked by an executor, or a reported item awaiting acceptance, until the
coordinator answers. ``notice``: a message owed to one person about such an event; the tick
queues it in the ledger. ``snooze``: one recipient's pause of one occurrence (until this
revision a snooze silenced everyone on the item; those stay on ``occurrence.snoozed_until``).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_STR = sqlmodel.sql.sqltypes.AutoString
_TIME = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("task_key", _STR(), nullable=False),
        sa.Column("kind", _STR(), nullable=False),
        sa.Column("executor_id", _STR(), nullable=False),
        sa.Column("coordinator_id", _STR(), nullable=True),
        sa.Column("asked_at", _TIME(), nullable=False),
        sa.Column("actor", _STR(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", _STR(), nullable=False),
        sa.Column("answered_at", _TIME(), nullable=True),
        sa.Column("answered_by", _STR(), nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=True),
        sa.Column("new_due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["occurrence_id"], ["occurrence.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_request_occurrence_id"), "request", ["occurrence_id"],
                    unique=False)
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("event", _STR(), nullable=False),
        sa.Column("recipient_id", _STR(), nullable=False),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("queued_at", _TIME(), nullable=True),
        sa.ForeignKeyConstraint(["occurrence_id"], ["occurrence.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_notice_occurrence_id"), "notice", ["occurrence_id"], unique=False)
    op.create_index(op.f("ix_notice_queued_at"), "notice", ["queued_at"], unique=False)
    op.create_table(
        "snooze",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("executor_id", _STR(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("at", _TIME(), nullable=False),
        sa.ForeignKeyConstraint(["occurrence_id"], ["occurrence.id"]),
        sa.PrimaryKeyConstraint("occurrence_id", "executor_id"),
    )


def downgrade() -> None:
    op.drop_table("snooze")
    op.drop_index(op.f("ix_notice_queued_at"), table_name="notice")
    op.drop_index(op.f("ix_notice_occurrence_id"), table_name="notice")
    op.drop_table("notice")
    op.drop_index(op.f("ix_request_occurrence_id"), table_name="request")
    op.drop_table("request")
