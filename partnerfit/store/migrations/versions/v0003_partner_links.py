"""Partner links: a partner answers an assessment through a token kept only as its SHA-256.

Revision ID: 0003_partner_links
Revises: 0002_scores
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_partner_links"
down_revision = "0002_scores"


def upgrade() -> None:
    op.create_table(
        "partner_links",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False),  # the order links were made in
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("used_at", sa.DateTime(timezone=True)),
    )
    op.create_index("partner_links_assessment", "partner_links", ["assessment_id"])


def downgrade() -> None:
    op.drop_table("partner_links")
