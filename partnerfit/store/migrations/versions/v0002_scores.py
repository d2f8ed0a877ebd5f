"""Stored scores: each assessment's result (overall, per dimension, recommendation, red lines hit,
completeness), keyed on the revision and the framework it was scored against, so Compare filters and aggregates
in SQL instead of loading and scoring every assessment.

Revision ID: 0002_scores
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0002_scores"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "scores",
        sa.Column(
            "assessment_id", sa.Text, sa.ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("basis", sa.Text, nullable=False),  # snapshot | loaded | current | none (not scorable)
        sa.Column("scored_digest", sa.Text),  # the framework scored against (none: the loaded one's, if any)
        sa.Column("base_framework_id", sa.Text),  # NULL when not scorable: never compared
        sa.Column("overall", sa.Float),
        sa.Column("completeness", sa.Float),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("recommendation", sa.Text),
        sa.Column("red_lines", ARRAY(sa.Text), nullable=False),
        sa.Column("problem", sa.Text),
    )
    op.create_index("scores_base_framework", "scores", ["base_framework_id"])
    op.create_table(
        "dimension_scores",
        sa.Column(
            "assessment_id",
            sa.Text,
            sa.ForeignKey("scores.assessment_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("dimension_id", sa.Text, primary_key=True),
        sa.Column("position", sa.SmallInteger, nullable=False),
        sa.Column("score", sa.Float),
    )
    op.execute("CREATE INDEX assessments_date ON assessments ((coalesce(updated, created)) DESC, id)")


def downgrade() -> None:
    op.execute("DROP INDEX assessments_date")
    op.drop_table("dimension_scores")
    op.drop_table("scores")
