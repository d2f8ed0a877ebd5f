"""The assessment file format, and the checks that tie an assessment to its framework."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from partnerfit.errors import Message, Problem, field_error
from partnerfit.framework import Framework
from partnerfit.framework_file import SIZES as SIZES  # re-exported: the sizes an assessment may have
from partnerfit.framework_file import Id, Size, Version
from partnerfit.i18n import N_, _
from partnerfit.partner_view import PartnerView
from partnerfit.text import brief, describe_yaml_scalar, first_control_character

REGIONS: tuple[str, ...] = (
    N_("Central & Eastern Europe and Central Asia"),
    N_("East, Southeast Asia and Pacific"),
    N_("Latin America and Caribbean"),
    N_("Middle East and North Africa"),
    N_("North America"),
    N_("Northern and Western Europe"),
    N_("South Asia"),
    N_("Sub-Saharan Africa"),
)
"""The eight Wikimedia funding regions (meta: Grants:Regions). Their English names are the ids files hold; show
them with ``region_label``."""


def region_label(region: str | None) -> str:
    """A region's name in the current language (a name that is not one of ``REGIONS`` is shown as it is)."""
    if not region:
        return ""
    return _(region) if region in REGIONS else region


SHARING: tuple[str, ...] = ("affiliate", "liaisons", "movement")
"""Who may read an assessment besides its affiliate: nobody else, also its region's liaisons, every signed-in
person in the access file (read-only)."""
SHARING_DEFAULT = "liaisons"
MAX_ANSWERS = 2000
"""Answers in one assessment file: 30 times the criteria of the shipped global framework with an overlay."""
MAX_ASSESSORS = 50
"""Assessors answering one assessment on their own: a large committee, with room to spare."""
MAX_CONDITIONS = 200
"""Tracked conditions of one assessment (and lines of its outcome review)."""
NOT_APPLICABLE = "na"
UNKNOWN = "unknown"  # "unknown - ask the partner": counts as unanswered, listed as a question for the partner
STATUSES: tuple[str, ...] = ("draft", "final", "withdrawn")
"""A draft is being written; a final result is frozen; a withdrawn one was final and is kept (with the reason) but
left out of comparisons."""
SCHEMA_VERSION = 2  # 2: partnership_types (a list); schema-1 files with partnership_type are read as [type]

Region = Literal[REGIONS]  # type: ignore[valid-type]

_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _check_plain_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if describe_yaml_scalar(value) is not None and value is not None:
        raise field_error(
            "text", N_("YAML read this as {kind}; put the text in quotes"), kind=describe_yaml_scalar(value)
        )
    raise field_error("text", N_("must be a string"))


def _check_single_line(value: str) -> str:
    found = first_control_character(value)
    if found is not None:
        position, name = found
        raise field_error(
            "text",
            N_(
                "contains a control character ({name} at position {position}); this field is one line of "
                "printable text (no line breaks, tabs or terminal codes)"
            ),
            name=name,
            position=position,
        )
    return value


def _check_url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise field_error(
            "url",
            N_("{value} is not an http(s) link; evidence links must start with https://"),
            value=brief(value),
        )
    return value


def _check_level(value: Any) -> int | str | None:
    if value is None or value in (NOT_APPLICABLE, UNKNOWN):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise field_error(
        "level",
        N_("level must be a whole number on the framework's scale, 'na' or 'unknown', not {value}"),
        value=brief(value),
    )


def _check_answer_count(value: Any) -> Any:
    if isinstance(value, dict) and len(value) > MAX_ANSWERS:
        raise field_error(
            "answers",
            N_("{count} answers, more than the {limit} an assessment may have; none was read"),
            count=len(value),
            limit=MAX_ANSWERS,
        )
    return value


AnswerLevel = Annotated[int | Literal["na", "unknown"] | None, BeforeValidator(_check_level)]
PlainText = Annotated[str, BeforeValidator(_check_plain_text)]
SingleLine = Annotated[str, BeforeValidator(_check_plain_text), AfterValidator(_check_single_line)]
"""A one-line field (names, affiliate, assessors): text without control characters."""
Url = Annotated[
    str,
    BeforeValidator(_check_plain_text),
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://"}),
]


class AssessmentModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", defer_build=True
    )  # built at first use: the CLI export never validates one


class FrameworkRef(AssessmentModel):
    id: Id
    version: Version
    digest: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class Partner(AssessmentModel):
    name: SingleLine = Field(min_length=1, max_length=300)
    id: Id | None = None
    aliases: list[SingleLine] = Field(default_factory=list)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    website: Url | None = None


class Answer(AssessmentModel):
    level: AnswerLevel = Field(
        default=None,
        description="A level of the framework's scale, 'na' (not applicable) or 'unknown' (ask the partner)",
    )
    notes: PlainText | None = None
    evidence: list[Url] = Field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.level is not None and self.level != UNKNOWN


def _yes_no(value: Any) -> Any:
    """YAML 1.1 reads a bare yes/no as a boolean: take it as the word it was meant to be."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


TeamLevel = Annotated[int | Literal["na", "unknown"], BeforeValidator(_check_level)]


class Consensus(AssessmentModel):
    """The level the team agreed on for one criterion, and why."""

    level: TeamLevel
    reason: PlainText = Field(min_length=1, max_length=5000)
    by: SingleLine | None = Field(default=None, max_length=300)
    date: dt.date | None = None


class Team(AssessmentModel):
    """Several assessors' independent answers (assessor -> criterion -> level) and the consensus answers."""

    answers: dict[
        Annotated[SingleLine, Field(min_length=1, max_length=300)],
        Annotated[dict[Id, TeamLevel], Field(max_length=MAX_ANSWERS)],
    ] = Field(default_factory=dict, max_length=MAX_ASSESSORS)
    consensus: dict[Id, Consensus] = Field(default_factory=dict, max_length=MAX_ANSWERS)


ConditionStatus = Literal["open", "met", "not-met"]


class TrackedCondition(AssessmentModel):
    """A condition agreed with the partner, followed up: who sees to it, by when, and whether it was met."""

    id: Id
    text: PlainText = Field(min_length=1, max_length=5000)
    criterion: Id | None = Field(default=None, description="The criterion it came from, if any")
    owner: SingleLine | None = Field(default=None, max_length=300)
    due: dt.date | None = None
    status: ConditionStatus = "open"


class ConditionHeld(AssessmentModel):
    """One line of an outcome review: did this tracked condition hold?"""

    condition: Id
    held: Annotated[Literal["yes", "partly", "no"], BeforeValidator(_yes_no)]
    note: SingleLine | None = Field(default=None, max_length=1000)


PARTNER_AGAIN: tuple[str, ...] = ("yes", "with-changes", "no")


class Outcome(AssessmentModel):
    """The outcome review: how the partnership turned out, written during or after it."""

    date: dt.date
    conditions: list[ConditionHeld] = Field(default_factory=list, max_length=MAX_CONDITIONS)
    went_well: PlainText | None = Field(default=None, max_length=10000)
    went_badly: PlainText | None = Field(default=None, max_length=10000)
    partner_again: Annotated[Literal[PARTNER_AGAIN], BeforeValidator(_yes_no)]  # type: ignore[valid-type]
    by: SingleLine | None = Field(default=None, max_length=300)


class Withdrawal(AssessmentModel):
    """Why, by whom and when a final assessment was withdrawn."""

    reason: PlainText = Field(min_length=1, max_length=2000)
    by: SingleLine | None = None
    date: dt.date  # not "on": YAML 1.1 reads that key as true


class Assessment(AssessmentModel):
    """One assessment of one partner, as stored in one YAML file."""

    schema_version: Literal[1, 2] = Field(default=SCHEMA_VERSION, alias="schema")
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")]
    revision: int = Field(
        default=0, ge=0, description="Save counter, checked to refuse overwriting newer work"
    )
    framework: FrameworkRef
    partner: Partner
    affiliate: SingleLine = Field(min_length=1, max_length=300)
    region: Region
    partnership_types: list[Id] = Field(min_length=1, description="One or more; what applies is the union")
    size: Size | None = None
    assessors: list[SingleLine] = Field(default_factory=list)
    status: Literal[STATUSES] = "draft"  # type: ignore[valid-type]
    withdrawal: Withdrawal | None = None
    created: dt.date | None = None
    updated: dt.date | None = None
    summary: PlainText | None = None
    completeness_override: PlainText | None = Field(
        default=None,
        max_length=2000,
        description="Why a coordinator finalised it below the framework's minimum completeness",
    )
    sharing: Literal[SHARING] | None = Field(  # type: ignore[valid-type]
        default=None, description="affiliate | liaisons | movement; absent means liaisons"
    )
    answers: Annotated[dict[Id, Answer], BeforeValidator(_check_answer_count)] = Field(default_factory=dict)
    partner_view: PartnerView | None = Field(
        default=None, description="The partner's own answers, never scored"
    )
    team: Team | None = Field(
        default=None, description="Several assessors' answers; where they answered, the team's level counts"
    )
    tracked_conditions: list[TrackedCondition] = Field(default_factory=list, max_length=MAX_CONDITIONS)
    outcome: Outcome | None = None
    # The SHA-256 of the file text this copy was read from (or written as), never written to the file; copies
    # made with ``model_copy`` keep it. The folder store refuses to save over a file whose text has changed since
    # (a hand edit or a merge that left ``revision`` as it was). None for an assessment built in memory.
    _source_digest: str | None = PrivateAttr(default=None)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    @property
    def source_digest(self) -> str | None:
        return self._source_digest

    def read_from(self, digest: str | None) -> Assessment:
        """This assessment, marked as read from (or written as) the file text with this digest."""
        self._source_digest = digest
        return self

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """The one place older files are read: schema 1 had one ``partnership_type``, read as a list of one."""
        if not isinstance(data, dict) or "partnership_type" not in data:
            return data
        if data.get("schema", 1) != 1:
            raise PydanticCustomError(
                "schema",
                "partnership_type is the schema-1 field; schema 2 files list partnership_types: [<id>, ...]",
            )
        if "partnership_types" in data:
            raise PydanticCustomError("schema", "give partnership_types or partnership_type, not both")
        migrated = {k: v for k, v in data.items() if k != "partnership_type"}
        migrated["partnership_types"] = [data["partnership_type"]]
        migrated["schema"] = SCHEMA_VERSION
        return migrated

    @model_validator(mode="after")
    def _withdrawn_with_reason(self) -> Assessment:
        if (self.status == "withdrawn") != (self.withdrawal is not None):
            raise PydanticCustomError(
                "withdrawal",
                "a withdrawn assessment gives its withdrawal (reason, date), and only a withdrawn one",
            )
        return self

    @property
    def date(self) -> dt.date | None:
        return self.updated or self.created

    @property
    def levels(self) -> dict[str, int | str]:
        """Each answered criterion's level (or 'na'): what scoring reads. 'unknown' counts as unanswered. Where
        the team answered, its consensus counts, else its median (``partnerfit.team.team_levels``)."""
        levels = {crit: answer.level for crit, answer in self.answers.items() if answer.answered}
        if self.team is not None:
            from partnerfit.team import team_levels  # team reads this module's models

            levels.update(team_levels(self.team))
        return levels

    @property
    def unknown(self) -> tuple[str, ...]:
        """Criteria answered 'unknown - ask the partner', in answer order."""
        levels = self.levels
        return tuple(c for c, answer in self.answers.items() if answer.level == UNKNOWN and c not in levels)

    def to_data(self) -> dict[str, Any]:
        """Plain data for YAML, in the documented field order, without empty optional fields."""
        data = self.model_dump(by_alias=True, exclude_none=True, mode="python")
        data["schema"] = SCHEMA_VERSION  # a file read as schema 1 is written back as schema 2
        for key in ("assessors", "tracked_conditions"):
            if not data.get(key):
                data.pop(key, None)
        if data.get("team") is not None:
            data["team"] = {k: v for k, v in data["team"].items() if v}
            if not data["team"]:
                data.pop("team")
        data["partner"] = {k: v for k, v in data["partner"].items() if v not in ([], None)}
        data["answers"] = {
            crit: {k: v for k, v in answer.items() if v not in ([], None)}
            for crit, answer in data["answers"].items()
        }
        return data


def new_assessment_id() -> str:
    return uuid.uuid4().hex[:12]


def slugify(text: str, max_length: int = 40) -> str:
    """A lower-case ASCII slug, safe as part of a file name; never empty."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", normal).strip("-")[:max_length].strip("-")
    return slug or "partner"


def check_against_framework(
    assessment: Assessment, framework: Framework, *, strict: bool = True
) -> list[Problem]:
    """Problems tying an assessment to its framework: unknown type, unknown criteria, levels off the scale.

    With ``strict=False`` answers to criteria the framework no longer has are allowed (a draft made against an
    older version keeps them until its team decides), but levels off the scale are never allowed.
    """
    problems: list[Problem] = []
    for index, type_id in enumerate(assessment.partnership_types):
        if framework.partnership_type(type_id) is None:
            known = ", ".join(t.id for t in framework.partnership_types)
            problems.append(
                Problem(
                    f"partnership_types[{index}]",
                    Message(
                        N_("unknown partnership type {type} in framework {framework} (known: {known})"),
                        type=repr(type_id),
                        framework=repr(framework.id),
                        known=known,
                    ),
                )
            )
    for type_id in {t for t in assessment.partnership_types if assessment.partnership_types.count(t) > 1}:
        message = Message(N_("partnership type {type} is listed twice"), type=repr(type_id))
        problems.append(Problem("partnership_types", message))
    levels = framework.level_values
    for crit_id, answer in assessment.answers.items():
        if framework.criterion(crit_id) is None:
            if strict:
                problems.append(
                    Problem(
                        f"answers.{crit_id}",
                        Message(
                            N_("unknown criterion {criterion} in framework {framework} {version}"),
                            criterion=repr(crit_id),
                            framework=repr(framework.id),
                            version=framework.version,
                        ),
                    )
                )
            continue
        if isinstance(answer.level, int) and answer.level not in levels:
            problems.append(
                Problem(
                    f"answers.{crit_id}.level",
                    Message(
                        N_("level {level} is not on the scale {scale} (or 'na')"),
                        level=answer.level,
                        scale=str(list(levels)),
                    ),
                )
            )
    from partnerfit.team import team_problems  # team reads this module's models

    return problems + team_problems(assessment, framework, strict=strict)


def orphan_answers(assessment: Assessment, framework: Framework) -> dict[str, Answer]:
    """Answers to criteria that ``framework`` does not have (kept in the file, shown to the team)."""
    return {k: v for k, v in assessment.answers.items() if framework.criterion(k) is None}
