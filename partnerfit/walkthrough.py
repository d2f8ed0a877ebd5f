"""The steps of an assessment walk-through, as pure functions on assessments (the Assess page drives them).

A walk-through is: partner and context, one step per dimension with applicable criteria, a review. Every
change returns a new ``Assessment``; saving is the store's job.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pydantic

from partnerfit.assessment import (
    NOT_APPLICABLE,
    REGIONS,
    SIZES,
    UNKNOWN,
    Answer,
    Assessment,
    FrameworkRef,
    Url,
    slugify,
)
from partnerfit.compare import normalise_name
from partnerfit.errors import Problem, ValidationError
from partnerfit.framework import Criterion, Dimension, Framework
from partnerfit.i18n import N_, _
from partnerfit.store import AssessmentRecord
from partnerfit.text import brief
from partnerfit.validation import validate_model

_URL = pydantic.TypeAdapter(Url)
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class DimensionStep:
    """One step of the walk-through: a dimension and its criteria that apply to the partnership type."""

    dimension: Dimension
    criteria: tuple[Criterion, ...]


def dimension_steps(
    framework: Framework, type_ids: Sequence[str], size: str | None = None
) -> list[DimensionStep]:
    """The dimensions with at least one criterion applying to these partnership types and size, in order."""
    steps = []
    for dimension in framework.dimensions:
        criteria = tuple(c for c in dimension.criteria if framework.applies(c, type_ids, size))
        if criteria:
            steps.append(DimensionStep(dimension, criteria))
    return steps


def answered_count(criteria: tuple[Criterion, ...] | list[Criterion], assessment: Assessment) -> int:
    """How many of ``criteria`` have a level or 'not applicable'."""
    return sum(1 for c in criteria if c.id in assessment.answers and assessment.answers[c.id].answered)


def unanswered(framework: Framework, assessment: Assessment) -> list[Criterion]:
    """Applicable criteria with neither a level nor 'not applicable' ('unknown' counts as unanswered)."""
    return [
        c
        for c in framework.applicable_criteria(assessment.partnership_types, assessment.size)
        if not (c.id in assessment.answers and assessment.answers[c.id].answered)
    ]


# -- partner and context --------------------------------------------------------------------------------
@dataclass
class Context:
    """What the first step asks, as typed (lists already split)."""

    partner_name: str = ""
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    website: str = ""
    partner_id: str | None = None
    affiliate: str = ""
    region: str | None = None
    partnership_types: list[str] = field(default_factory=list)
    size: str | None = None
    assessors: list[str] = field(default_factory=list)
    framework_id: str | None = None

    @classmethod
    def of(cls, assessment: Assessment) -> Context:
        partner = assessment.partner
        return cls(
            partner.name,
            list(partner.aliases),
            partner.country or "",
            partner.website or "",
            partner.id,
            assessment.affiliate,
            assessment.region,
            list(assessment.partnership_types),
            assessment.size,
            list(assessment.assessors),
            assessment.framework.id,
        )


REQUIRED = {
    "partner_name": N_("partner name"),
    "affiliate": N_("affiliate"),
    "region": N_("region"),
    "framework_id": N_("framework"),
    "partnership_types": N_("partnership type"),
}
# The longest name the file format takes (``Partner.name``, ``Assessment.affiliate``).
MAX_NAME_LENGTH = 300


def missing_context(context: Context) -> list[str]:
    """Names of the required fields still empty, in the order the form asks them (in the current language)."""
    return [_(label) for name, label in REQUIRED.items() if not _filled(getattr(context, name))]


def _filled(value: str | list[str] | None) -> bool:
    if isinstance(value, list):
        return any(item.strip() for item in value)
    return bool((value or "").strip())


def context_problems(context: Context, framework: Framework | None) -> dict[str, str]:
    """Field name -> a message a volunteer can act on, for what is filled in but wrong."""
    problems: dict[str, str] = {}
    for name in ("partner_name", "affiliate"):
        length = len(getattr(context, name).strip())
        if length > MAX_NAME_LENGTH:
            problems[name] = _(
                "This name is {length} characters long; at most {limit} fit. Shorten it (other names and "
                "abbreviations go under “Other names”)."
            ).format(length=length, limit=MAX_NAME_LENGTH)
    country = context.country.strip().upper()
    if country and not _COUNTRY_RE.fullmatch(country):
        problems["country"] = _(
            "{value} is not a two-letter country code (ISO 3166-1), e.g. DE, BR or IN."
        ).format(value=brief(context.country))
    website = context.website.strip()
    if website:
        try:
            _URL.validate_python(website)
        except pydantic.ValidationError:
            problems["website"] = _("The website must be a full link starting with https:// or http://.")
    if context.region and context.region not in REGIONS:
        problems["region"] = _("Unknown region {region}.").format(region=repr(context.region))
    if context.size and context.size not in SIZES:
        problems["size"] = _("Unknown size {size}.").format(size=repr(context.size))
    unknown_types = [
        t for t in context.partnership_types if framework and framework.partnership_type(t) is None
    ]
    if framework is not None and unknown_types:
        problems["partnership_types"] = _(
            "Framework {framework} has no partnership type {types}; choose among its types."
        ).format(framework=repr(framework.id), types=", ".join(map(repr, unknown_types)))
    return problems


def draft_from_context(
    context: Context, framework: Framework, *, assessment_id: str, previous: Assessment | None = None
) -> Assessment:
    """A draft with this context, keeping ``previous``'s answers, revision, dates; ``ValidationError`` if bad.

    The framework version stays the one ``previous`` names while its framework is unchanged: moving a draft on
    to a newer version is a decision of its team (``move_to_framework``).
    """
    missing = missing_context(context)
    problems = [Problem(name, message) for name, message in context_problems(context, framework).items()]
    problems += [Problem(label, _("required")) for label in missing]
    if problems:
        raise ValidationError(None, problems)
    version = framework.version
    if previous is not None and previous.framework.id == framework.id:
        version = previous.framework.version
    partner = {
        "name": context.partner_name.strip(),
        "id": context.partner_id or None,
        "aliases": [a.strip() for a in context.aliases if a.strip()],
        "country": context.country.strip().upper() or None,
        "website": context.website.strip() or None,
    }
    data = previous.model_dump(by_alias=True) if previous is not None else {"id": assessment_id}
    data.update(
        {
            "framework": {"id": framework.id, "version": version},
            "partner": partner,
            "affiliate": context.affiliate.strip(),
            "region": context.region,
            "partnership_types": list(dict.fromkeys(context.partnership_types)),
            "size": context.size or None,
            "assessors": [a.strip() for a in context.assessors if a.strip()],
            "status": "draft",
        }
    )
    draft = validate_model(Assessment, data, None)
    return draft.read_from(previous.source_digest) if previous is not None else draft


def partner_id_for(record: AssessmentRecord) -> str:
    """The ``partner.id`` linking a new assessment to ``record``'s partner: its id, else one from its name."""
    return record.partner_id or stable_partner_id(record.partner_name)


def stable_partner_id(name: str) -> str:
    """A partner id from a name: its slug, or (for names with no Latin letters) a short hash of the name."""
    slug = slugify(name)
    if slug == "partner" and normalise_name(name) != "partner":
        digest = hashlib.sha1(normalise_name(name).encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
        return f"partner-{digest}"
    return slug


# -- answers --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceInput:
    links: list[str]
    refused: list[str]  # lines that are not http(s) links


def parse_evidence(text: str) -> EvidenceInput:
    """Links typed one per line: http(s) links are kept, anything else is refused (never stored)."""
    links, refused = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            links.append(_URL.validate_python(line))
        except pydantic.ValidationError:
            refused.append(line)
    return EvidenceInput(links, refused)


def with_answer(
    assessment: Assessment, criterion_id: str, level: int | str | None, notes: str | None, evidence: list[str]
) -> Assessment:
    """The assessment with one criterion's answer replaced; an answer with nothing in it is removed."""
    answers = dict(assessment.answers)
    notes = (notes or "").strip() or None
    if level is None and notes is None and not evidence:
        answers.pop(criterion_id, None)
    else:
        if level is not None and level not in (NOT_APPLICABLE, UNKNOWN):
            level = int(level)
        answers[criterion_id] = Answer(level=level, notes=notes, evidence=list(evidence))
    return assessment.model_copy(update={"answers": answers})


def without_answers(assessment: Assessment, criterion_ids: list[str] | set[str]) -> Assessment:
    """The assessment without the answers to ``criterion_ids`` (an explicit decision of the team)."""
    answers = {k: v for k, v in assessment.answers.items() if k not in set(criterion_ids)}
    return assessment.model_copy(update={"answers": answers})


def move_to_framework(assessment: Assessment, framework: Framework) -> Assessment:
    """The draft moved on to ``framework`` as loaded now; answers to criteria it lacks are kept."""
    ref = FrameworkRef(id=framework.id, version=framework.version)
    return assessment.model_copy(update={"framework": ref})


def reassess(previous: Assessment, framework: Framework, *, assessment_id: str) -> Assessment:
    """A new, empty draft of the same partner (``partner.id`` carried over) (the framework as loaded)."""
    data = previous.model_dump(
        by_alias=True,
        include={"partner", "affiliate", "region", "partnership_types", "size", "assessors", "sharing"},
    )
    data.update(
        {
            "id": assessment_id,
            "framework": {"id": framework.id, "version": framework.version},
            "status": "draft",
        }
    )
    draft = validate_model(Assessment, data, None)
    return draft.read_from(previous.source_digest) if previous is not None else draft
