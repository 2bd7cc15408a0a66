"""Table definitions (SQLAlchemy Core). Changes here need a migration in migrations/versions."""

import sqlalchemy as sa

metadata = sa.MetaData()

goals = sa.Table(
    "goals",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.String, nullable=False),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("target_date", sa.String, nullable=True),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
    # Distinguishes `roadmap: null` (never drawn) from an empty roadmap the user builds by hand.
    sa.Column("has_roadmap", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String, nullable=False),
    sa.Column("updated_at", sa.String, nullable=False),
    sa.Index("ix_goals_status", "status"),
)

nodes = sa.Table(
    "nodes",
    metadata,
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

edges = sa.Table(
    "edges",
    metadata,
    sa.Column("goal_id", sa.String, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("target", sa.String, nullable=False),
    sa.ForeignKeyConstraint(["goal_id", "source"], ["nodes.goal_id", "nodes.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["goal_id", "target"], ["nodes.goal_id", "nodes.id"], ondelete="CASCADE"),
)

# A todo links to a goal (goal_id) and optionally to one of its milestones (node_goal_id, node_id).
# The milestone link has its own goal column so that, when the milestone disappears, ON DELETE SET
# NULL clears only the milestone link and the todo keeps its goal; when the goal disappears the
# goal link clears too. Either way the todo itself is kept: nothing is deleted behind the user's back.
todos = sa.Table(
    "todos",
    metadata,
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
    sa.Index("ix_todos_goal", "goal_id"),
    sa.Index("ix_todos_node", "node_goal_id", "node_id"),
)

subtasks = sa.Table(
    "subtasks",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("todo_id", sa.String, sa.ForeignKey("todos.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("title", sa.String, nullable=False),
    sa.Column("completed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("node_goal_id", sa.String, nullable=True),
    sa.Column("node_id", sa.String, nullable=True),
    sa.ForeignKeyConstraint(["node_goal_id", "node_id"], ["nodes.goal_id", "nodes.id"], ondelete="SET NULL"),
    sa.Index("ix_subtasks_todo", "todo_id", "seq"),
    sa.Index("ix_subtasks_node", "node_goal_id", "node_id"),
)

# Two-way CalDAV sync (goals_desktop.sync): one row per synced VTODO. `ref` names the todo,
# subtask or milestone as a JSON list of ids, without foreign keys: a row whose item was deleted
# here must survive, so the next pass can delete the VTODO on the server. `base` is what the server
# held at `etag` (the common ancestor of a three-way merge); `ical` its body, patched on upload so
# properties the phone added (alarms, ...) are kept. `gone`: deleted on the server, no longer synced.
caldav_items = sa.Table(
    "caldav_items",
    metadata,
    sa.Column("uid", sa.String, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("href", sa.Text, nullable=True),
    sa.Column("etag", sa.Text, nullable=True),
    sa.Column("base", sa.Text, nullable=True),
    sa.Column("ical", sa.Text, nullable=True),
    sa.Column("gone", sa.Boolean, nullable=False, server_default=sa.false()),
)

# The sync's account (url, user, calendar; never the password) and progress (sync token, last pass).
caldav_state = sa.Table(
    "caldav_state",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.Text, nullable=True),
)
