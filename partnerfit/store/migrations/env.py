"""Alembic environment: run on the connection ``partnerfit db upgrade`` opened (and holds the lock on)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
