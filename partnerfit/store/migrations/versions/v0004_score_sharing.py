"""Each stored score carries its assessment's sharing, so Compare can restrict a signed-in viewer to what they may
read (``partnerfit.access.can_read`` as a SQL condition) on the scores table alone.

Revision ID: 0004_score_sharing
Revises: 0003_partner_links
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_score_sharing"
down_revision = "0003_partner_links"


def upgrade() -> None:
    op.add_column("scores", sa.Column("sharing", sa.Text))  # NULL: the default (partnerfit.access.sharing_of)
    op.execute(
        "UPDATE scores s SET sharing = CAST(a.record AS jsonb) ->> 'sharing' "
        "FROM assessments a WHERE a.id = s.assessment_id"
    )


def downgrade() -> None:
    op.drop_column("scores", "sharing")
