"""When an occurrence's plan was first loaded, so its first tick tells a plan loaded late
from an outage.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

``occurrence.loaded_at`` is set by the sync that creates a task's occurrences. The rungs
before it are the plan's past (the policy's ``first_load`` decides what is said of them), not
reminders the system failed to send. Rows from before this revision keep NULL: they were
loaded long ago and their first tick has run.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("occurrence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("loaded_at", sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("occurrence", schema=None) as batch_op:
        batch_op.drop_column("loaded_at")
