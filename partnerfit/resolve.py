"""Checking framework files and applying overlays to their base.

Every rule reports all of its problems with the field path where they are, so a framework author fixes a file in
one pass. ``check_document`` needs only the file; ``resolve_base`` and ``apply_overlay`` need the parent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from partnerfit import framework_file as ff
from partnerfit.errors import Problem
from partnerfit.framework import (
    SCORE_TABLE_COLUMNS,
    Band,
    Criterion,
    Dimension,
    Framework,
    Level,
    PartnershipType,
    RedLine,
)
from partnerfit.text import missing_languages

DEFAULT_MIN_COMPLETENESS = 0.8
# Columns of the score tables and exports, where each dimension also gets a column named by its id.
RESERVED_DIMENSION_IDS = frozenset(SCORE_TABLE_COLUMNS)


def _duplicates(ids: list[str]) -> list[str]:
    return [value for value, count in Counter(ids).items() if count > 1]


def check_document(doc: ff.FrameworkFile) -> list[Problem]:
    """Rules that one file must meet on its own."""
    problems: list[Problem] = []
    add = problems.append
    for lang in _duplicates(list(doc.languages)):
        add(Problem("languages", f"language {lang!r} is listed twice"))
    for location, text in ff.iter_texts(doc):
        missing = missing_languages(text, list(doc.languages))
        if missing:
            add(
                Problem(
                    location,
                    f"text missing in {', '.join(missing)} (languages lists {', '.join(doc.languages)})",
                )
            )
    for type_id in _duplicates([t.id for t in doc.partnership_types]):
        add(Problem("partnership_types", f"duplicate partnership type id {type_id!r}"))
    for dim_id in _duplicates([d.id for d in doc.dimensions]):
        add(Problem("dimensions", f"duplicate dimension id {dim_id!r}"))
    for crit_id in _duplicates([c.id for d in doc.dimensions for c in d.criteria]):
        add(Problem("dimensions", f"duplicate criterion id {crit_id!r}"))
    if doc.is_overlay:
        if doc.scale is not None:
            add(Problem("scale", "an overlay uses its base's scale and may not define its own"))
        if doc.bands is not None:
            add(Problem("bands", "an overlay uses its base's bands and may not define its own"))
        if doc.extends == doc.id:
            add(Problem("extends", "a framework cannot extend itself"))
        return problems
    if doc.scale is None:
        add(Problem("scale", "a base framework needs a scale (or set 'extends' to make this an overlay)"))
    else:
        values = [level.value for level in doc.scale.levels]
        if any(b <= a for a, b in zip(values, values[1:], strict=False)):
            add(Problem("scale.levels", f"level values must be strictly ascending, got {values}"))
    if not doc.bands:
        add(Problem("bands", "a base framework needs at least one band"))
    else:
        for band_id in _duplicates([b.id for b in doc.bands]):
            add(Problem("bands", f"duplicate band id {band_id!r}"))
        if min(b.min for b in doc.bands) > 0:
            add(Problem("bands", "bands must cover 0: give one band min: 0"))
    if not doc.partnership_types:
        add(Problem("partnership_types", "a base framework needs at least one partnership type"))
    for index, ptype in enumerate(doc.partnership_types):
        if ptype.refines is not None:
            add(
                Problem(
                    f"partnership_types[{index}].refines", "only an overlay's new types refine a base type"
                )
            )
    if doc.remove:
        add(Problem("remove", "a base framework has nothing to remove"))
    if not doc.dimensions:
        add(Problem("dimensions", "a base framework needs at least one dimension"))
    return problems


def resolve_base(doc: ff.FrameworkFile, source: str | None = None) -> tuple[Framework | None, list[Problem]]:
    problems = check_document(doc)
    if problems or doc.scale is None or not doc.bands:
        return None, problems
    empty = Framework(
        id=doc.id,
        version=doc.version,
        title=doc.title,
        description=doc.description,
        languages=tuple(doc.languages),
        levels=tuple(Level(lv.value, lv.label, lv.description) for lv in doc.scale.levels),
        bands=tuple(
            Band(b.id, b.min, b.label, b.description)
            for b in sorted(doc.bands, key=lambda b: b.min, reverse=True)
        ),
        min_completeness=doc.min_completeness
        if doc.min_completeness is not None
        else DEFAULT_MIN_COMPLETENESS,
        partnership_types=tuple(
            PartnershipType(t.id, t.label, t.description, None) for t in doc.partnership_types
        ),
        dimensions=(),
        lineage=((doc.id, doc.version),),
        source=source,
    )
    return _apply(empty, doc, source, problems)


def apply_overlay(
    parent: Framework, doc: ff.FrameworkFile, source: str | None = None
) -> tuple[Framework | None, list[Problem]]:
    problems = check_document(doc)
    base = replace(
        parent,
        id=doc.id,
        version=doc.version,
        title=doc.title,
        description=doc.description,
        # the overlay's own texts are in its languages; what it inherits is in its parent's: offer them all
        languages=tuple(dict.fromkeys((*parent.languages, *doc.languages))),
        lineage=(*parent.lineage, (doc.id, doc.version)),
        source=source,
    )
    if doc.min_completeness is not None:
        base = replace(base, min_completeness=doc.min_completeness)
    return _apply(base, doc, source, problems)


def _apply(
    start: Framework, doc: ff.FrameworkFile, source: str | None, problems: list[Problem]
) -> tuple[Framework | None, list[Problem]]:
    add = problems.append
    overlay = doc.is_overlay
    types = list(start.partnership_types)
    known_types = {t.id for t in types}
    if overlay:
        for index, ptype in enumerate(doc.partnership_types):
            where = f"partnership_types[{index}]"
            if ptype.id in known_types:
                add(Problem(where, f"partnership type {ptype.id!r} already exists in the base"))
            elif ptype.refines is None:
                add(Problem(where, "a new type in an overlay must name the base type it refines ('refines')"))
            elif ptype.refines not in known_types:
                add(Problem(f"{where}.refines", f"unknown partnership type {ptype.refines!r}"))
            else:
                types.append(PartnershipType(ptype.id, ptype.label, ptype.description, ptype.refines))
                known_types.add(ptype.id)
    levels = set(start.level_values)
    dims: dict[str, Dimension] = {d.id: d for d in start.dimensions}
    owner = {c.id: d.id for d in start.dimensions for c in d.criteria}
    criteria: dict[str, dict[str, Criterion]] = {
        d.id: {c.id: c for c in d.criteria} for d in start.dimensions
    }

    for index, crit_id in enumerate(doc.remove):
        where = f"remove[{index}]"
        if crit_id not in owner:
            add(Problem(where, f"cannot remove unknown criterion {crit_id!r}"))
        elif criteria[owner[crit_id]][crit_id].locked:
            add(
                Problem(
                    where,
                    f"criterion {crit_id!r} is locked by {criteria[owner[crit_id]][crit_id].introduced_by!r} and cannot be removed",
                )
            )
        else:
            del criteria[owner.pop(crit_id)][crit_id]

    for d_index, entry in enumerate(doc.dimensions):
        d_where = f"dimensions[{d_index}]"
        existing = dims.get(entry.id)
        if existing is None:
            if entry.id in RESERVED_DIMENSION_IDS:
                add(
                    Problem(
                        f"{d_where}.id",
                        f"dimension id {entry.id!r} is reserved: exports have a column of "
                        "that name already; choose another",
                    )
                )
            if entry.title is None:
                add(Problem(f"{d_where}.title", f"new dimension {entry.id!r} needs a title"))
            if not entry.criteria:
                add(
                    Problem(f"{d_where}.criteria", f"new dimension {entry.id!r} needs at least one criterion")
                )
            existing = Dimension(
                id=entry.id,
                title=entry.title or entry.id,
                description=entry.description,
                weight=entry.weight if entry.weight is not None else 1.0,
                introduced_by=doc.id,
            )
            criteria[entry.id] = {}
        else:
            for name in ("title", "description"):
                if getattr(entry, name) is not None:
                    add(
                        Problem(
                            f"{d_where}.{name}",
                            f"an overlay cannot change the {name} of dimension {entry.id!r}",
                        )
                    )
            if entry.weight is not None:
                existing = replace(existing, weight=entry.weight)
        dims[entry.id] = existing
        for c_index, c_entry in enumerate(entry.criteria):
            c_where = f"{d_where}.criteria[{c_index}]"
            if c_entry.id in owner and owner[c_entry.id] != entry.id:
                add(
                    Problem(
                        c_where,
                        f"criterion {c_entry.id!r} belongs to dimension {owner[c_entry.id]!r}; "
                        "name it there (criteria cannot be moved)",
                    )
                )
                continue
            current = criteria[entry.id].get(c_entry.id)
            if current is None:
                new = _new_criterion(c_entry, entry.id, doc.id, c_where, problems)
                if new is None:
                    continue
                current = new
                owner[c_entry.id] = entry.id
            else:
                current = _change_criterion(current, c_entry, c_where, problems)
            _check_levels_and_types(current, c_where, levels, known_types, problems)
            criteria[entry.id][c_entry.id] = current

    resolved_dims = tuple(replace(dims[d_id], criteria=tuple(criteria[d_id].values())) for d_id in dims)
    if not any(d.criteria for d in resolved_dims):
        add(Problem("dimensions", "the resolved framework has no criteria"))
    if problems:
        return None, problems
    framework = replace(start, partnership_types=tuple(types), dimensions=resolved_dims, source=source)
    return framework, problems


def _new_criterion(
    entry: ff.CriterionEntry, dim_id: str, framework_id: str, where: str, problems: list[Problem]
) -> Criterion | None:
    if entry.question is None:
        problems.append(Problem(f"{where}.question", f"new criterion {entry.id!r} needs a question"))
        return None
    return Criterion(
        id=entry.id,
        dimension_id=dim_id,
        question=entry.question,
        guidance=entry.guidance,
        local_guidance=entry.local_guidance,
        rubric=dict(entry.rubric or {}),
        weight=entry.weight if entry.weight is not None else 1.0,
        applies_to=tuple(entry.applies_to) if entry.applies_to is not None else None,
        red_line=RedLine(entry.red_line.at_or_below, entry.red_line.reason) if entry.red_line else None,
        locked=bool(entry.locked),
        introduced_by=framework_id,
    )


def _change_criterion(
    current: Criterion, entry: ff.CriterionEntry, where: str, problems: list[Problem]
) -> Criterion:
    for name in ("question", "guidance", "rubric"):
        if getattr(entry, name) is not None:
            problems.append(
                Problem(
                    f"{where}.{name}",
                    f"an overlay cannot change the {name} of {current.id!r}; add local_guidance instead",
                )
            )
    changes: dict[str, object] = {}
    if entry.local_guidance is not None:
        changes["local_guidance"] = entry.local_guidance
    for name in ("weight", "applies_to", "red_line"):
        value = getattr(entry, name)
        if value is None:
            continue
        if current.locked:
            problems.append(
                Problem(
                    f"{where}.{name}",
                    f"criterion {current.id!r} is locked by {current.introduced_by!r}; "
                    f"an overlay may only add local_guidance to it",
                )
            )
            continue
        if name == "applies_to":
            value = tuple(value)
        elif name == "red_line":
            value = RedLine(value.at_or_below, value.reason)
        changes[name] = value
    if entry.locked is not None:
        if current.locked and not entry.locked:
            problems.append(
                Problem(f"{where}.locked", f"criterion {current.id!r} is locked and cannot be unlocked")
            )
        else:
            changes["locked"] = entry.locked
    return replace(current, **changes)


def _check_levels_and_types(
    criterion: Criterion, where: str, levels: set[int], known_types: set[str], problems: list[Problem]
) -> None:
    for level in criterion.rubric:
        if level not in levels:
            problems.append(
                Problem(
                    f"{where}.rubric.{level}", f"rubric level {level} is not on the scale {sorted(levels)}"
                )
            )
    if criterion.red_line is not None and criterion.red_line.at_or_below not in levels:
        problems.append(
            Problem(
                f"{where}.red_line.at_or_below",
                f"red-line level {criterion.red_line.at_or_below} is not on the scale {sorted(levels)}",
            )
        )
    for type_id in criterion.applies_to or ():
        if type_id not in known_types:
            problems.append(Problem(f"{where}.applies_to", f"unknown partnership type {type_id!r}"))
