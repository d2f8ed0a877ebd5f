"""The framework file format: pydantic models of one YAML file, before overlays are applied.

One model serves bases and overlays: in an overlay an entry naming an existing dimension or criterion gives only
the fields it changes, so title and question are optional here and required by the checks in ``framework.py``
for entries that are new.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from partnerfit.errors import Message, field_error
from partnerfit.i18n import N_
from partnerfit.text import (
    LANGUAGE_PATTERN,
    Text,
    brief,
    describe_yaml_scalar,
    first_control_character,
    quote_hint,
)

ID_PATTERN = r"^[a-z0-9]+([_-][a-z0-9]+)*$"
MAX_ID_LENGTH = 80
_ID_RE = re.compile(ID_PATTERN)
SIZES: tuple[str, ...] = ("one-off", "project", "long-term")
"""Partnership sizes: an assessment may have one; a criterion may apply to some only (``sizes``)."""
_LINK_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)


def _check_id(value: Any) -> str:
    if not isinstance(value, str):
        if describe_yaml_scalar(value) is not None:
            raise field_error("id", N_("id {hint}"), hint=quote_hint(value))
        raise field_error("id", N_("id must be a string"))
    if len(value) > MAX_ID_LENGTH:
        raise field_error(
            "id", N_("id {value} is longer than {limit} characters"), value=brief(value), limit=MAX_ID_LENGTH
        )
    if not _ID_RE.fullmatch(value):  # not match: '$' would let a trailing line break through
        raise field_error(
            "id",
            N_("id {value} must be lower-case letters, digits and hyphens, e.g. 'licence-fit'"),
            value=brief(value),
        )
    return value


def _check_language(value: Any) -> str:
    if not isinstance(value, str):
        raise field_error("language", N_("language code {hint}"), hint=quote_hint(value))
    if not _LANGUAGE_RE.fullmatch(value):
        raise field_error("language", N_("{value} is not a language code such as 'en'"), value=brief(value))
    return value


def _check_version(value: Any) -> str:
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        raise field_error(
            "version",
            N_("version {value} is longer than {limit} characters"),
            value=brief(value),
            limit=MAX_ID_LENGTH,
        )
    if isinstance(value, str) and value.strip():
        if first_control_character(value) is not None:
            raise field_error(
                "version", N_("version {value} contains a control character"), value=brief(value)
            )
        return value
    if describe_yaml_scalar(value) is not None:
        raise field_error("version", N_('version {hint}, e.g. version: "1.0.0"'), hint=quote_hint(value))
    raise field_error("version", N_("version must be a string"))


Id = Annotated[str, BeforeValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Language = Annotated[
    str, BeforeValidator(_check_language), WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN})
]
Version = Annotated[str, BeforeValidator(_check_version), WithJsonSchema({"type": "string", "minLength": 1})]
Size = Literal[SIZES]  # type: ignore[valid-type]


def _check_link(value: Any) -> str:
    if not isinstance(value, str) or not _LINK_RE.match(value):
        raise field_error(
            "url", N_("{value} is not an http(s) link (it must start with https://)"), value=repr(value)
        )
    return value


Link = Annotated[
    str, BeforeValidator(_check_link), WithJsonSchema({"type": "string", "pattern": "^https?://"})
]


def _check_level_key(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        kind = describe_yaml_scalar(value) or (
            Message(N_("text")) if isinstance(value, str) else type(value).__name__
        )
        raise field_error(
            "level",
            N_("rubric key {value} must be a level value of the scale (YAML read it as {kind})"),
            value=brief(value),
            kind=kind,
        )
    return value


LevelKey = Annotated[int, BeforeValidator(_check_level_key)]  # `yes:` is a boolean to YAML, never level 1
Weight = Annotated[float, Field(gt=0, strict=True, description="Relative weight, > 0")]  # strict: no true/"2"
Fraction = Annotated[float, Field(ge=0, le=1, strict=True)]


class FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class ScaleLevel(FileModel):
    value: int = Field(strict=True)
    label: Text
    description: Text | None = None


class Scale(FileModel):
    levels: list[ScaleLevel] = Field(min_length=2)


class Band(FileModel):
    id: Id
    min: float = Field(ge=0, le=100, strict=True)
    label: Text
    description: Text | None = None


class PartnershipType(FileModel):
    id: Id
    label: Text
    description: Text | None = None
    refines: Id | None = None


class RedLine(FileModel):
    at_or_below: int = Field(strict=True)
    reason: Text
    na_when: Text | None = Field(
        default=None,
        description="When 'not applicable' is a valid answer; without it an N/A answer caps the verdict at incomplete",
    )


class Source(FileModel):
    """A public source backing a claim of the guidance or rubric; its title may stay in its own language."""

    title: Text
    url: Link


class ReferralCondition(FileModel):
    """When a referral applies: an answer at or below / at or above a level, or one of some partnership types."""

    criterion: Id | None = None
    at_or_below: int | None = Field(default=None, strict=True)
    at_or_above: int | None = Field(default=None, strict=True)
    partnership_types: list[Id] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_shape(self) -> ReferralCondition:
        by_answer = self.criterion is not None
        levels = [x for x in (self.at_or_below, self.at_or_above) if x is not None]
        if by_answer == (self.partnership_types is not None) or (by_answer and len(levels) != 1):
            raise ValueError(
                "'when' must be {criterion: <id>, at_or_below: N}, {criterion: <id>, at_or_above: N} "
                "or {partnership_types: [<id>, ...]}"
            )
        if not by_answer and levels:
            raise ValueError("'when: {partnership_types: ...}' takes no level")
        return self


class Referral(FileModel):
    """A request that is not the affiliate's to decide: the recommendation becomes 'refer' to ``body``."""

    id: Id
    body: Text
    url: Link
    reason: Text
    when: ReferralCondition


class CriterionEntry(FileModel):
    id: Id
    question: Text | None = None
    guidance: Text | None = None
    local_guidance: Text | None = None
    rubric: dict[LevelKey, Text] | None = None
    weight: Weight | None = None
    applies_to: list[Id] | None = Field(default=None, min_length=1)
    sizes: list[Size] | None = Field(default=None, min_length=1, description="omitted = every size")
    red_line: RedLine | None = None
    locked: bool | None = None
    sources: list[Source] | None = None


class DimensionEntry(FileModel):
    id: Id
    title: Text | None = None
    description: Text | None = None
    weight: Weight | None = None
    criteria: list[CriterionEntry] = Field(default_factory=list)


class FrameworkFile(FileModel):
    """One framework file: a base (with scale and bands) or an overlay (with ``extends``)."""

    schema_version: Literal[1] = Field(alias="schema", description="File-format version")
    id: Id
    version: Version
    extends: Id | None = None
    languages: list[Language] = Field(default_factory=lambda: ["en"], min_length=1)
    title: Text
    description: Text | None = None
    scale: Scale | None = None
    bands: list[Band] | None = None
    min_completeness: Fraction | None = None
    review_period_months: int | None = Field(
        default=None, ge=1, le=120, description="Outcome reviews are due this many months after finalising"
    )
    partnership_types: list[PartnershipType] = Field(default_factory=list)
    remove: list[Id] = Field(default_factory=list)
    dimensions: list[DimensionEntry] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def is_overlay(self) -> bool:
        return self.extends is not None


TEXT_FIELDS = frozenset(
    {"title", "description", "label", "question", "guidance", "local_guidance", "reason", "na_when", "body"}
)
UNTRANSLATED_FIELDS = frozenset({"sources"})  # a source's title is the page's own title, in its own language


def _walk_texts(value: Any, location: str):
    """Yield (location, text) for every human-readable text below a model."""
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            child = getattr(value, name)
            key = field.alias or name
            path = f"{location}.{key}".lstrip(".")
            if child is None or name in UNTRANSLATED_FIELDS:
                continue
            if name in TEXT_FIELDS:
                yield path, child
            elif name == "rubric":
                for level, text in child.items():
                    yield f"{path}.{level}", text
            else:
                yield from _walk_texts(child, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_texts(item, f"{location}[{index}]")


def iter_texts(document: FrameworkFile):
    """Every human-readable text of a framework file with its field path, for language checks."""
    return _walk_texts(document, "")
