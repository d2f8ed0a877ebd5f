"""Reading a framework snapshot back: checked like a framework file, so a damaged or forged one is an error.

A snapshot is ``Framework.to_dict()`` as JSON, named by its digest. Whoever can write the folder can edit it, so
reading it checks that the content still has that digest and that it is a framework scoring can use (a scale, bands
covering 0, a lineage, known ids); either failure is a ``SnapshotError`` naming the file and the reason.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.errors import Message, PartnerfitError, Problem, ValidationError
from partnerfit.framework import Framework
from partnerfit.i18n import N_, using_language
from partnerfit.text import brief
from partnerfit.validation import validate_model
from partnerfit.yamlio import MAX_FRAMEWORK_BYTES, read_text_file

TextValue = str | dict[str, str]
ShortText = Annotated[str, Field(min_length=1, max_length=80)]


class SnapshotError(PartnerfitError):
    """A snapshot exists but cannot be trusted: damaged, edited after it was written, or not a usable framework."""


class _Model(BaseModel):
    # Fields added to ``Framework.to_dict`` later pass through here: ``Framework.from_dict`` reads them, and a
    # field it does not know changes the digest, so a snapshot carrying one is refused as changed.
    model_config = ConfigDict(extra="allow")


class _Level(_Model):
    value: int
    label: TextValue
    description: TextValue | None = None


class _Band(_Model):
    id: ShortText
    min: float = Field(ge=0, le=100)
    label: TextValue
    description: TextValue | None = None


class _Type(_Model):
    id: ShortText
    label: TextValue
    description: TextValue | None = None
    refines: ShortText | None = None


class _RedLine(_Model):
    at_or_below: int
    reason: TextValue


class _Criterion(_Model):
    id: ShortText
    question: TextValue
    guidance: TextValue | None = None
    local_guidance: TextValue | None = None
    rubric: dict[str, TextValue] = Field(default_factory=dict)
    weight: float = Field(gt=0)
    applies_to: list[ShortText] | None = None
    red_line: _RedLine | None = None
    locked: bool = False
    introduced_by: str = ""


class _Dimension(_Model):
    id: ShortText
    title: TextValue
    description: TextValue | None = None
    weight: float = Field(gt=0)
    introduced_by: str = ""
    criteria: list[_Criterion]


class _Snapshot(_Model):
    id: ShortText
    version: ShortText
    title: TextValue
    description: TextValue | None = None
    languages: list[ShortText] = Field(min_length=1)
    levels: list[_Level] = Field(min_length=2)
    bands: list[_Band] = Field(min_length=1)
    min_completeness: float = Field(ge=0, le=1)
    partnership_types: list[_Type] = Field(min_length=1)
    dimensions: list[_Dimension] = Field(min_length=1)
    lineage: list[tuple[ShortText, ShortText]] = Field(min_length=1)


def _rule_problems(snapshot: _Snapshot) -> list[Problem]:
    """What the model alone does not catch and scoring relies on (as ``resolve.check_document`` does for files)."""
    problems: list[Problem] = []
    values = [level.value for level in snapshot.levels]
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        problems.append(
            Problem(
                "levels",
                Message(N_("level values must be strictly ascending, got {values}"), values=brief(values)),
            )
        )
    if min(band.min for band in snapshot.bands) > 0:
        problems.append(Problem("bands", Message(N_("bands must cover 0"))))
    if tuple(snapshot.lineage[-1]) != (snapshot.id, snapshot.version):
        problems.append(
            Problem("lineage", Message(N_("the lineage must end with this framework's id and version")))
        )
    type_ids = [t.id for t in snapshot.partnership_types]
    criteria = [c for d in snapshot.dimensions for c in d.criteria]
    for name, ids in (
        ("bands", [b.id for b in snapshot.bands]),
        ("partnership_types", type_ids),
        ("dimensions", [d.id for d in snapshot.dimensions]),
        ("dimensions", [c.id for c in criteria]),
    ):
        for repeated in (value for value, count in Counter(ids).items() if count > 1):
            problems.append(Problem(name, Message(N_("id {id} is given twice"), id=brief(repeated))))
    for index, ptype in enumerate(snapshot.partnership_types):
        if ptype.refines is not None and ptype.refines not in type_ids:
            problems.append(
                Problem(f"partnership_types[{index}].refines", Message(N_("unknown partnership type")))
            )
    for criterion in criteria:
        where = f"criterion {brief(criterion.id)}"
        if criterion.red_line is not None and criterion.red_line.at_or_below not in values:
            problems.append(Problem(where, Message(N_("red line level is not on the scale"))))
        if any(not key.lstrip("-").isdigit() or int(key) not in values for key in criterion.rubric):
            problems.append(Problem(where, Message(N_("rubric level is not on the scale"))))
        if criterion.applies_to is not None and not set(criterion.applies_to) <= set(type_ids):
            problems.append(Problem(where, Message(N_("applies to an unknown partnership type"))))
    return problems


def read_snapshot_file(path: Path, digest: str) -> Framework:
    """The framework snapshotted in ``path``; ``SnapshotError`` unless it is a valid framework with ``digest``."""
    try:
        text = read_text_file(path, max_bytes=MAX_FRAMEWORK_BYTES)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise ValidationError(
                path, [Problem("", Message(N_("not valid JSON: {problem}"), problem=brief(str(error))))]
            ) from None
        snapshot = validate_model(_Snapshot, data, path)
        problems = _rule_problems(snapshot)
        if problems:
            raise ValidationError(path, problems)
    except ValidationError as error:
        with using_language("en"):  # kept in caches shared by every visitor: not one visitor's language
            reasons = "; ".join(problem.render() for problem in error.problems[:5])
        raise SnapshotError(Message(UNUSABLE, file=str(path), reasons=reasons)) from None
    try:
        framework = Framework.from_dict(data, source=str(path))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SnapshotError(Message(UNUSABLE, file=str(path), reasons=brief(str(error)))) from None
    if framework.digest != digest:
        raise SnapshotError(Message(CHANGED, file=str(path)))
    return framework


UNUSABLE = N_(
    "the framework snapshot {file} is not a usable framework ({reasons}); this final assessment cannot be scored "
    "until the snapshot is restored (e.g. from a backup or git)"
)
CHANGED = N_(
    "the framework snapshot {file} was changed after it was written: its content no longer matches its digest; "
    "this final assessment cannot be scored until the snapshot is restored (e.g. from a backup or git)"
)
