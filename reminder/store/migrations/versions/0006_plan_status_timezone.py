"""A plan's lifecycle status and its own time zone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

``plan.status`` is the plan file's ``status`` (open | closed | archived): a closed or archived
plan's items get no reminders. ``plan.timezone`` is the zone its reminders are sent in (the
plan's ``timezone``, else the deployment's). Existing plans are open; their zone stays NULL,
read as the deployment's, until the next sync writes it.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default="open"))
        batch_op.add_column(sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("status")
