"""Digests go through the ledger too: a ledger row may belong to no single occurrence.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.alter_column("occurrence_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM ledger WHERE occurrence_id IS NULL")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.alter_column("occurrence_id", existing_type=sa.Integer(), nullable=False)
