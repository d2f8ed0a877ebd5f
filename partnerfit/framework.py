"""A resolved framework: a base with its overlays applied, as plain immutable records.

This is what assessments are made against and scored with. It round-trips through a plain dict, which is what a
snapshot stores; its digest is the SHA-256 of that dict in canonical JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from partnerfit.i18n import _, using_language
from partnerfit.text import pick

TextValue = str | dict[str, str]

SCORE_TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "path",
    "partner",
    "partner_id",
    "partner_country",
    "affiliate",
    "region",
    "partnership_types",
    "size",
    "status",
    "date",
    "framework_id",
    "framework_version",
    "base_framework_id",
    "basis",
    "overall",
    "completeness",
    "recommendation",
    "red_lines",
    "counted",
    "partner_answered",
    "partner_gaps",
    "assessors",
    "outcome_date",
    "partner_again",
    "conditions_open",
    "conditions_met",
    "conditions_not_met",
)
"""Columns of the score tables (``results.ScoreTable``) and exports: no dimension may take one of these ids."""


@dataclass(frozen=True)
class Level:
    value: int
    label: TextValue
    description: TextValue | None = None


@dataclass(frozen=True)
class Band:
    id: str
    min: float
    label: TextValue
    description: TextValue | None = None


@dataclass(frozen=True)
class PartnershipType:
    id: str
    label: TextValue
    description: TextValue | None = None
    refines: str | None = None


@dataclass(frozen=True)
class RedLine:
    at_or_below: int
    reason: TextValue
    na_when: TextValue | None = None  # when 'not applicable' is allowed; without it N/A caps at incomplete

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"at_or_below": self.at_or_below, "reason": self.reason}
        if self.na_when is not None:  # left out when absent, so older snapshots keep their digest
            data["na_when"] = self.na_when
        return data


@dataclass(frozen=True)
class Source:
    title: TextValue
    url: str


@dataclass(frozen=True)
class Referral:
    """A request that is not the affiliate's to decide, and when it applies (an answer or a partnership type).

    Exactly one shape: ``criterion`` with ``at_or_below`` or ``at_or_above``, or ``partnership_types``.
    """

    id: str
    body: TextValue
    url: str
    reason: TextValue
    criterion: str | None = None
    at_or_below: int | None = None
    at_or_above: int | None = None
    partnership_types: tuple[str, ...] | None = None
    introduced_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in vars(self).items() if v is not None}
        if self.partnership_types is not None:
            data["partnership_types"] = list(self.partnership_types)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Referral:
        types = data.get("partnership_types")
        return cls(**{**data, "partnership_types": tuple(types) if types is not None else None})


@dataclass(frozen=True)
class Criterion:
    id: str
    dimension_id: str
    question: TextValue
    guidance: TextValue | None = None
    local_guidance: TextValue | None = None
    rubric: dict[int, TextValue] = field(default_factory=dict)
    weight: float = 1.0
    applies_to: tuple[str, ...] | None = None
    red_line: RedLine | None = None
    locked: bool = False
    introduced_by: str = ""
    sizes: tuple[str, ...] | None = None  # None: every size
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Dimension:
    id: str
    title: TextValue
    description: TextValue | None = None
    weight: float = 1.0
    criteria: tuple[Criterion, ...] = ()
    introduced_by: str = ""


@dataclass(frozen=True)
class Framework:
    """A framework ready to assess with. ``lineage`` lists (id, version) from the base to this framework."""

    id: str
    version: str
    title: TextValue
    description: TextValue | None
    languages: tuple[str, ...]
    levels: tuple[Level, ...]
    bands: tuple[Band, ...]
    min_completeness: float
    partnership_types: tuple[PartnershipType, ...]
    dimensions: tuple[Dimension, ...]
    lineage: tuple[tuple[str, str], ...]
    source: str | None = field(default=None, compare=False)
    referrals: tuple[Referral, ...] = ()
    review_period_months: int | None = None  # outcome reviews are due this long after finalising

    def __post_init__(self) -> None:
        # Bands are kept highest ``min`` first, whatever order they were given in: scoring picks the first band
        # whose min is <= overall.
        if any(a.min < b.min for a, b in zip(self.bands, self.bands[1:], strict=False)):
            object.__setattr__(self, "bands", tuple(sorted(self.bands, key=lambda band: -band.min)))

    # -- lookups ------------------------------------------------------------------------------------------------
    @property
    def base_id(self) -> str:
        return self.lineage[0][0]

    @property
    def is_overlay(self) -> bool:
        return len(self.lineage) > 1

    @property
    def lowest(self) -> int:
        return self.levels[0].value

    @property
    def highest(self) -> int:
        return self.levels[-1].value

    @property
    def level_values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for d in self.dimensions for c in d.criteria)

    @cached_property
    def _criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._criteria_by_id.get(criterion_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def partnership_type(self, type_id: str) -> PartnershipType | None:
        return next((t for t in self.partnership_types if t.id == type_id), None)

    def describe_types(self, type_ids: Sequence[str], language: str = "en") -> str:
        """Partnership types as people read them: their labels joined with ', ' (an unknown id as itself)."""
        found = [self.partnership_type(t) for t in type_ids]
        return ", ".join(
            self.label(t.label, language) if t else i for t, i in zip(found, type_ids, strict=True)
        )

    def type_lineage(self, type_id: str) -> tuple[str, ...]:
        """The type and every base type it refines, nearest first."""
        chain: list[str] = []
        current: str | None = type_id
        while current is not None and current not in chain:
            chain.append(current)
            found = self.partnership_type(current)
            current = found.refines if found else None
        return tuple(chain)

    def applies(self, criterion: Criterion, type_ids: Sequence[str], size: str | None = None) -> bool:
        """Whether ``criterion`` is asked of a partnership of these types (the union of what applies to each)
        and this size (no size: every criterion)."""
        if isinstance(type_ids, str):  # a lone id would be read letter by letter
            raise TypeError("type_ids is a sequence of partnership type ids, not one id")
        if size is not None and criterion.sizes is not None and size not in criterion.sizes:
            return False
        if criterion.applies_to is None:
            return True
        return any(t in criterion.applies_to for type_id in type_ids for t in self.type_lineage(type_id))

    def applicable_criteria(self, type_ids: Sequence[str], size: str | None = None) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if self.applies(c, type_ids, size))

    def level(self, value: int) -> Level | None:
        return next((level for level in self.levels if level.value == value), None)

    def describe_answer(self, level: int | str | None, language: str = "en") -> str:
        """An answer's level as people read it: '3 Strong', 'not applicable' or 'not answered'."""
        with using_language(language):
            if level is None:
                return _("not answered")
            if level == "na":
                return _("not applicable")
            if level == "unknown":
                return _("unknown - ask the partner")
        found = self.level(level) if isinstance(level, int) else None
        return f"{level} {self.label(found.label, language)}" if found else str(level)

    def band(self, band_id: str) -> Band | None:
        return next((b for b in self.bands if b.id == band_id), None)

    def label(self, text: TextValue | None, language: str = "en") -> str:
        """The text in ``language``, falling back to English per text (then to any language it has)."""
        return pick(text, language, "en")

    # -- snapshots ----------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data; the input of ``digest`` and of snapshots (the source path is left out)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "languages": list(self.languages),
            "levels": [vars(level) for level in self.levels],
            "bands": [vars(band) for band in self.bands],
            "min_completeness": self.min_completeness,
            "partnership_types": [vars(t) for t in self.partnership_types],
            "dimensions": [
                {
                    "id": d.id,
                    "title": d.title,
                    "description": d.description,
                    "weight": d.weight,
                    "introduced_by": d.introduced_by,
                    "criteria": [_criterion_to_dict(c) for c in d.criteria],
                }
                for d in self.dimensions
            ],
            "lineage": [list(item) for item in self.lineage],
            # new keys are left out when empty, so a snapshot written before they existed keeps its digest
            **({"referrals": [r.to_dict() for r in self.referrals]} if self.referrals else {}),
            **(
                {"review_period_months": self.review_period_months}
                if self.review_period_months is not None
                else {}
            ),
        }

    def __hash__(self) -> int:
        return hash(self.digest)

    @cached_property
    def digest(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str | None = None) -> Framework:
        return cls(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            description=data.get("description"),
            languages=tuple(data["languages"]),
            levels=tuple(Level(**level) for level in data["levels"]),
            bands=tuple(Band(**band) for band in data["bands"]),
            min_completeness=float(data["min_completeness"]),
            partnership_types=tuple(PartnershipType(**t) for t in data["partnership_types"]),
            dimensions=tuple(
                Dimension(
                    id=d["id"],
                    title=d["title"],
                    description=d.get("description"),
                    weight=float(d["weight"]),
                    introduced_by=d.get("introduced_by", ""),
                    criteria=tuple(_criterion_from_dict(c, d["id"]) for c in d["criteria"]),
                )
                for d in data["dimensions"]
            ),
            lineage=tuple((item[0], item[1]) for item in data["lineage"]),
            source=source,
            referrals=tuple(Referral.from_dict(r) for r in data.get("referrals", ())),
            review_period_months=data.get("review_period_months"),
        )


def _criterion_to_dict(c: Criterion) -> dict[str, Any]:
    data = {
        "id": c.id,
        "question": c.question,
        "guidance": c.guidance,
        "local_guidance": c.local_guidance,
        "rubric": {str(k): v for k, v in sorted(c.rubric.items())},
        "weight": c.weight,
        "applies_to": list(c.applies_to) if c.applies_to is not None else None,
        "red_line": c.red_line.to_dict() if c.red_line else None,
        "locked": c.locked,
        "introduced_by": c.introduced_by,
    }
    if c.sizes is not None:  # left out when absent, so older snapshots keep their digest
        data["sizes"] = list(c.sizes)
    if c.sources:
        data["sources"] = [{"title": s.title, "url": s.url} for s in c.sources]
    return data


def _criterion_from_dict(data: dict[str, Any], dimension_id: str) -> Criterion:
    red_line = data.get("red_line")
    applies_to = data.get("applies_to")
    sizes = data.get("sizes")
    return Criterion(
        id=data["id"],
        dimension_id=dimension_id,
        question=data["question"],
        guidance=data.get("guidance"),
        local_guidance=data.get("local_guidance"),
        rubric={int(k): v for k, v in data.get("rubric", {}).items()},
        weight=float(data["weight"]),
        applies_to=tuple(applies_to) if applies_to is not None else None,
        red_line=RedLine(**red_line) if red_line else None,
        locked=bool(data.get("locked", False)),
        introduced_by=data.get("introduced_by", ""),
        sizes=tuple(sizes) if sizes is not None else None,
        sources=tuple(Source(s["title"], s["url"]) for s in data.get("sources", ())),
    )
