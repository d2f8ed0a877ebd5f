"""The PostgreSQL store's tables (as SQLAlchemy Core objects; the schema itself is made by the migrations) and
how one assessment becomes one row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from partnerfit.assessment import Assessment, slugify
from partnerfit.store.folder import AssessmentRecord
from partnerfit.validation import validate_model

metadata = sa.MetaData()

assessments = sa.Table(
    "assessments",
    metadata,
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
    sa.Column("record", sa.Text, nullable=False),  # AssessmentRecord.to_json(): listing without the document
)

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("digest", sa.Text, primary_key=True),
    sa.Column("framework_id", sa.Text, nullable=False),
    sa.Column("version", sa.Text, nullable=False),
    sa.Column("document", JSONB, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

scores = sa.Table(
    "scores",
    metadata,
    sa.Column("assessment_id", sa.Text, primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("basis", sa.Text, nullable=False),
    sa.Column("scored_digest", sa.Text),
    sa.Column("base_framework_id", sa.Text),
    sa.Column("overall", sa.Float),
    sa.Column("completeness", sa.Float),
    sa.Column("counted", sa.Boolean, nullable=False),
    sa.Column("recommendation", sa.Text),
    sa.Column("red_lines", ARRAY(sa.Text), nullable=False),
    sa.Column("dimension_ids", ARRAY(sa.Text), nullable=False),
    sa.Column("dimensions", ARRAY(sa.Float), nullable=False),
    sa.Column("problem", sa.Text),
    sa.Column("partner_name", sa.Text, nullable=False),
    sa.Column("partner_words", sa.Text, nullable=False),
    sa.Column("affiliate", sa.Text, nullable=False),
    sa.Column("region", sa.Text, nullable=False),
    sa.Column("partnership_types", ARRAY(sa.Text), nullable=False),
    sa.Column("size", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("framework_id", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
)

partner_names = sa.Table("partner_names", metadata, sa.Column("partner_key", sa.Text, primary_key=True))

history = sa.Table(
    "history",
    metadata,
    sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("assessment_id", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("author", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("changes", JSONB, nullable=False),
    sa.Column("document", JSONB),  # NULL for a deletion
    sa.UniqueConstraint("assessment_id", "revision", name="history_assessment_revision"),
)


def partnership_types_of(assessment: Assessment) -> list[str]:
    """The assessment's partnership type(s) as a list (one field today, a list in newer files)."""
    if hasattr(assessment, "partnership_types"):
        return list(assessment.partnership_types)
    return [assessment.partnership_type]


def document_of(assessment: Assessment) -> dict[str, Any]:
    return assessment.model_dump(by_alias=True, exclude_none=True, mode="json")


def file_name_of(assessment: Assessment) -> str:
    """The name the folder store would give this assessment's file (used by ``db export`` and downloads)."""
    return f"{slugify(assessment.partner.name)}-{slugify(assessment.id, 64)}.yaml"


def row_of(assessment: Assessment) -> dict[str, Any]:
    """The assessments row for one assessment: its columns, answers, document and listing record."""
    from partnerfit.compare import normalise_name  # compare imports the store package: import late

    name = file_name_of(assessment)
    return {
        "id": assessment.id,
        "revision": assessment.revision,
        "file_name": name,
        "partner_name": assessment.partner.name,
        "partner_key": " / ".join(
            normalise_name(n) for n in (assessment.partner.name, *assessment.partner.aliases)
        ),
        "partner_id": assessment.partner.id,
        "partner_country": assessment.partner.country,
        "affiliate": assessment.affiliate,
        "region": assessment.region,
        "partnership_types": partnership_types_of(assessment),
        "size": assessment.size,
        "status": assessment.status,
        "framework_id": assessment.framework.id,
        "framework_version": assessment.framework.version,
        "framework_digest": assessment.framework.digest,
        "created": assessment.created,
        "updated": assessment.updated,
        "answers": {crit: level for crit, level in assessment.levels.items()},
        "document": document_of(assessment),
        "record": AssessmentRecord.from_assessment(Path(name), assessment).to_json(),
    }


def assessment_of(document: dict[str, Any], where: str) -> Assessment:
    return validate_model(Assessment, document, where)
