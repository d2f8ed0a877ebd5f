"""Stored scores: each assessment's result (overall, per dimension, recommendation, red lines hit,
completeness), keyed on the revision and the framework it was scored against, beside a copy of the columns Compare
filters on: one narrow row per assessment, so Compare filters and aggregates in SQL without reading the wide
assessments table and without scoring anything.

Revision ID: 0002_scores
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0002_scores"
down_revision = "0001"

UNUSED_INDEXES = (
    "assessments_affiliate",
    "assessments_region",
    "assessments_status",
    "assessments_size",
    "assessments_updated",
    "assessments_framework",
    "assessments_types",
)


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
        sa.Column("dimension_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("dimensions", ARRAY(sa.Float), nullable=False),  # scores, in the order of dimension_ids
        sa.Column("problem", sa.Text),
        # what Compare filters on and lists, copied from the assessment at this revision
        sa.Column("partner_name", sa.Text, nullable=False),
        sa.Column("partner_words", sa.Text, nullable=False),  # the name, normalised (accents, case folded)
        sa.Column("affiliate", sa.Text, nullable=False),
        sa.Column("region", sa.Text, nullable=False),
        sa.Column("partnership_types", ARRAY(sa.Text), nullable=False),
        sa.Column("size", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("framework_id", sa.Text, nullable=False),
        sa.Column("date", sa.Date),
    )
    op.create_index("scores_base_status", "scores", ["base_framework_id", "status"])
    op.execute("CREATE INDEX scores_newest ON scores (date DESC NULLS LAST, assessment_id)")
    # Compare no longer reads assessments: the indexes that served its filters only slowed every save and import
    for name in UNUSED_INDEXES:
        op.drop_index(name, table_name="assessments")
    # the history position and frameworks the scores were last brought up to date with: nothing to check
    # while neither changed
    op.create_table(
        "score_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("frameworks", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("score_state")
    op.drop_table("scores")
    for column in ("affiliate", "region", "status", "size", "updated"):
        op.create_index(f"assessments_{column}", "assessments", [column])
    op.create_index("assessments_framework", "assessments", ["framework_id", "framework_version"])
    op.create_index("assessments_types", "assessments", ["partnership_types"], postgresql_using="gin")
