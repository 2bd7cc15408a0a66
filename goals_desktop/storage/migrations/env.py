"""Alembic environment: always run on the connection the app hands over (no URL in a config file)."""

from alembic import context

from goals_desktop.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
