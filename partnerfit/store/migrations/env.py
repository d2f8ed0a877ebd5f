"""Alembic environment: run on the connection ``partnerfit db upgrade`` opened (and holds the lock on)."""

from alembic import context


def run_migrations() -> None:
    context.configure(connection=context.config.attributes["connection"], target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # imported by Alembic (not, say, by a test that imports every module)
    run_migrations()
