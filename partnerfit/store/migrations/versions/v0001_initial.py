"""The first schema: assessments, snapshots and the append-only history.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "assessments",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("partner_name", sa.Text, nullable=False),
        sa.Column("partner_key", sa.Text, nullable=False),
        sa.Column("partner_id", sa.Text),
        sa.Column("partner_country", sa.Text),
        sa.Column("affiliate", sa.Text, nullable=False),
        sa.Column("region", sa.Text, nullable=False),
        sa.Column("partnership_types", ARRAY(sa.Text), nullable=False),
        sa.Column("size", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("framework_id", sa.Text, nullable=False),
        sa.Column("framework_version", sa.Text, nullable=False),
        sa.Column("framework_digest", sa.Text),
        sa.Column("created", sa.Date),
        sa.Column("updated", sa.Date),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("answers", JSONB, nullable=False),
        sa.Column("document", JSONB, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    for column in ("affiliate", "region", "status", "size", "updated", "updated_at", "partner_id"):
        op.create_index(f"assessments_{column}", "assessments", [column])
    op.create_index("assessments_framework", "assessments", ["framework_id", "framework_version"])
    op.create_index("assessments_types", "assessments", ["partnership_types"], postgresql_using="gin")
    op.create_index("assessments_partner_key", "assessments", ["partner_key"])
    # every partner name (normalised, with aliases) ever saved: the coordination look-up searches these few
    # thousand by trigram similarity, then reads the assessments of the names that match
    op.create_table("partner_names", sa.Column("partner_key", sa.Text, primary_key=True))
    op.create_index(
        "partner_names_trigram",
        "partner_names",
        ["partner_key"],
        postgresql_using="gin",
        postgresql_ops={"partner_key": "gin_trgm_ops"},
    )
    op.execute(
        "CREATE FUNCTION partnerfit_remember_partner_name() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN INSERT INTO partner_names VALUES (NEW.partner_key) ON CONFLICT DO NOTHING; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER assessments_partner_name AFTER INSERT OR UPDATE OF partner_key ON assessments "
        "FOR EACH ROW EXECUTE FUNCTION partnerfit_remember_partner_name()"
    )
    op.create_table(
        "snapshots",
        sa.Column("digest", sa.Text, primary_key=True),
        sa.Column("framework_id", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("document", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "history",
        sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("author", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("changes", JSONB, nullable=False),
        sa.Column("document", JSONB),
        sa.UniqueConstraint("assessment_id", "revision", name="history_assessment_revision"),
    )
    # append-only: a history row is never changed or removed
    op.execute(
        "CREATE FUNCTION partnerfit_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'history is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
        "FOR EACH ROW EXECUTE FUNCTION partnerfit_history_append_only()"
    )


def downgrade() -> None:
    op.drop_table("partner_names")
    op.execute("DROP FUNCTION partnerfit_remember_partner_name() CASCADE")
    op.drop_table("history")
    op.execute("DROP FUNCTION partnerfit_history_append_only()")
    op.drop_table("snapshots")
    op.drop_table("assessments")
