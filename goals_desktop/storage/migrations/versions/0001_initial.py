"""Goals, roadmap nodes and edges.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite keeps every row's insertion order in its implicit rowid, which the goal list uses to
    # order goals created in the same second; PostgreSQL has no such thing, so it gets a column
    # (storage.goals.INSERTION_ORDER reads whichever the dialect has).
    insertion_order = (
        [sa.Column("creation_seq", sa.BigInteger, sa.Identity(), nullable=False, unique=True)]
        if op.get_bind().dialect.name == "postgresql"
        else []
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("target_date", sa.String, nullable=True),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
        sa.Column("has_roadmap", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        *insertion_order,
    )
    op.create_index("ix_goals_status", "goals", ["status"])
    op.create_table(
        "nodes",
        sa.Column("goal_id", sa.String, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("x", sa.Float, nullable=True),
        sa.Column("y", sa.Float, nullable=True),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("estimated_time", sa.String, nullable=False, server_default=""),
        sa.Column("resources", sa.JSON, nullable=False),
        sa.Column("due_date", sa.String, nullable=True),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "edges",
        sa.Column("goal_id", sa.String, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("target", sa.String, nullable=False),
        sa.ForeignKeyConstraint(["goal_id", "source"], ["nodes.goal_id", "nodes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["goal_id", "target"], ["nodes.goal_id", "nodes.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("edges")
    op.drop_table("nodes")
    op.drop_index("ix_goals_status", "goals")
    op.drop_table("goals")
