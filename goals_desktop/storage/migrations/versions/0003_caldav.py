"""CalDAV sync state: one row per synced VTODO, and the account and sync token.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caldav_items",
        sa.Column("uid", sa.String, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("ref", sa.Text, nullable=False),
        sa.Column("href", sa.Text, nullable=True),
        sa.Column("etag", sa.Text, nullable=True),
        sa.Column("base", sa.Text, nullable=True),
        sa.Column("ical", sa.Text, nullable=True),
        sa.Column("gone", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "caldav_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("caldav_state")
    op.drop_table("caldav_items")
