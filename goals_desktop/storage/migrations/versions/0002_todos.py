"""Todos and subtasks, optionally linked to goals and roadmap milestones.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "todos",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("due_date", sa.String, nullable=True),
        sa.Column("kind", sa.String, nullable=False, server_default="manual"),
        sa.Column("goal_id", sa.String, sa.ForeignKey("goals.id", ondelete="SET NULL"), nullable=True),
        sa.Column("node_goal_id", sa.String, nullable=True),
        sa.Column("node_id", sa.String, nullable=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.ForeignKeyConstraint(["node_goal_id", "node_id"], ["nodes.goal_id", "nodes.id"], ondelete="SET NULL"),
    )
    op.create_index("ix_todos_goal", "todos", ["goal_id"])
    op.create_index("ix_todos_node", "todos", ["node_goal_id", "node_id"])
    op.create_table(
        "subtasks",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("todo_id", sa.String, sa.ForeignKey("todos.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("node_goal_id", sa.String, nullable=True),
        sa.Column("node_id", sa.String, nullable=True),
        sa.ForeignKeyConstraint(["node_goal_id", "node_id"], ["nodes.goal_id", "nodes.id"], ondelete="SET NULL"),
    )
    op.create_index("ix_subtasks_todo", "subtasks", ["todo_id", "seq"])
    op.create_index("ix_subtasks_node", "subtasks", ["node_goal_id", "node_id"])


def downgrade() -> None:
    op.drop_index("ix_subtasks_node", "subtasks")
    op.drop_index("ix_subtasks_todo", "subtasks")
    op.drop_table("subtasks")
    op.drop_index("ix_todos_node", "todos")
    op.drop_index("ix_todos_goal", "todos")
    op.drop_table("todos")
