"""Checking framework files and applying overlays to their base.

Every rule reports all of its problems with the field path where they are, so a framework author fixes a file in
one pass. ``check_document`` needs only the file; ``resolve_base`` and ``apply_overlay`` need the parent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from partnerfit import framework_file as ff
from partnerfit.errors import Message, Problem
from partnerfit.framework import (
    SCORE_TABLE_COLUMNS,
    Band,
    Criterion,
    Dimension,
    Framework,
    Level,
    PartnershipType,
    RedLine,
    Referral,
    Source,
)
from partnerfit.i18n import N_
from partnerfit.text import brief, missing_languages

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
        add(Problem("languages", Message(N_("language {language} is listed twice"), language=repr(lang))))
    for location, text in ff.iter_texts(doc):
        missing = missing_languages(text, list(doc.languages))
        if missing:
            add(
                Problem(
                    location,
                    Message(
                        N_("text missing in {missing} (languages lists {languages})"),
                        missing=", ".join(missing),
                        languages=", ".join(doc.languages),
                    ),
                )
            )
    for type_id in _duplicates([t.id for t in doc.partnership_types]):
        add(
            Problem(
                "partnership_types", Message(N_("duplicate partnership type id {type}"), type=repr(type_id))
            )
        )
    for dim_id in _duplicates([d.id for d in doc.dimensions]):
        add(Problem("dimensions", Message(N_("duplicate dimension id {dimension}"), dimension=repr(dim_id))))
    for crit_id in _duplicates([c.id for d in doc.dimensions for c in d.criteria]):
        add(Problem("dimensions", Message(N_("duplicate criterion id {criterion}"), criterion=repr(crit_id))))
    if doc.is_overlay:
        if doc.scale is not None:
            add(Problem("scale", Message(N_("an overlay uses its base's scale and may not define its own"))))
        if doc.bands is not None:
            add(Problem("bands", Message(N_("an overlay uses its base's bands and may not define its own"))))
        if doc.extends == doc.id:
            add(Problem("extends", Message(N_("a framework cannot extend itself"))))
        return problems
    if doc.scale is None:
        add(
            Problem(
                "scale",
                Message(N_("a base framework needs a scale (or set 'extends' to make this an overlay)")),
            )
        )
    else:
        values = [level.value for level in doc.scale.levels]
        if any(b <= a for a, b in zip(values, values[1:], strict=False)):
            add(
                Problem(
                    "scale.levels",
                    Message(
                        N_("level values must be strictly ascending, got {values}"), values=brief(values)
                    ),
                )
            )
    if not doc.bands:
        add(Problem("bands", Message(N_("a base framework needs at least one band"))))
    else:
        for band_id in _duplicates([b.id for b in doc.bands]):
            add(Problem("bands", Message(N_("duplicate band id {band}"), band=repr(band_id))))
        if min(b.min for b in doc.bands) > 0:
            add(Problem("bands", Message(N_("bands must cover 0: give one band min: 0"))))
    if not doc.partnership_types:
        add(Problem("partnership_types", Message(N_("a base framework needs at least one partnership type"))))
    for index, ptype in enumerate(doc.partnership_types):
        if ptype.refines is not None:
            add(
                Problem(
                    f"partnership_types[{index}].refines",
                    Message(N_("only an overlay's new types refine a base type")),
                )
            )
    if doc.remove:
        add(Problem("remove", Message(N_("a base framework has nothing to remove"))))
    if not doc.dimensions:
        add(Problem("dimensions", Message(N_("a base framework needs at least one dimension"))))
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
        review_period_months=doc.review_period_months,
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
    if doc.review_period_months is not None:
        base = replace(base, review_period_months=doc.review_period_months)
    return _apply(base, doc, source, problems)


def _apply(
    start: Framework, doc: ff.FrameworkFile, source: str | None, problems: list[Problem]
) -> tuple[Framework | None, list[Problem]]:
    builder = _Builder(start, doc.id, problems)
    if doc.is_overlay:
        builder.add_types(doc.partnership_types)
    builder.remove(doc.remove)
    for index, entry in enumerate(doc.dimensions):
        builder.apply_dimension(f"dimensions[{index}]", entry)
    builder.add_referrals(doc.referrals)
    framework = builder.build(source)
    if framework is None or problems:
        return None, problems
    return framework, problems


class _Builder:
    """The framework being resolved: a parent's dimensions and criteria, changed entry by entry."""

    def __init__(self, start: Framework, framework_id: str, problems: list[Problem]):
        self.start = start
        self.framework_id = framework_id
        self.problems = problems
        self.types = list(start.partnership_types)
        self.known_types = {t.id for t in self.types}
        self.levels = set(start.level_values)
        self.dims: dict[str, Dimension] = {d.id: d for d in start.dimensions}
        self.owner = {c.id: d.id for d in start.dimensions for c in d.criteria}
        self.criteria = {d.id: {c.id: c for c in d.criteria} for d in start.dimensions}
        self.referrals = {r.id: r for r in start.referrals}
        self.new_referrals: list[
            tuple[str, Referral]
        ] = []  # (where, referral) of this file, checked in build

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def add_types(self, new_types: list[ff.PartnershipType]) -> None:
        for index, ptype in enumerate(new_types):
            where = f"partnership_types[{index}]"
            if ptype.id in self.known_types:
                self.add(
                    where, Message(N_("partnership type {id} already exists in the base"), id=repr(ptype.id))
                )
            elif ptype.refines is None:
                self.add(
                    where,
                    Message(N_("a new type in an overlay must name the base type it refines ('refines')")),
                )
            elif ptype.refines not in self.known_types:
                self.add(
                    f"{where}.refines",
                    Message(N_("unknown partnership type {refines}"), refines=repr(ptype.refines)),
                )
            else:
                self.types.append(PartnershipType(ptype.id, ptype.label, ptype.description, ptype.refines))
                self.known_types.add(ptype.id)

    def remove(self, criterion_ids: list[str]) -> None:
        for index, crit_id in enumerate(criterion_ids):
            where = f"remove[{index}]"
            if crit_id not in self.owner:
                self.add(
                    where, Message(N_("cannot remove unknown criterion {criterion}"), criterion=repr(crit_id))
                )
                continue
            criterion = self.criteria[self.owner[crit_id]][crit_id]
            if criterion.locked:
                self.add(
                    where,
                    Message(
                        N_("criterion {criterion} is locked by {owner} and cannot be removed"),
                        criterion=repr(crit_id),
                        owner=repr(criterion.introduced_by),
                    ),
                )
            else:
                del self.criteria[self.owner.pop(crit_id)][crit_id]

    def apply_dimension(self, where: str, entry: ff.DimensionEntry) -> None:
        existing = self.dims.get(entry.id)
        if existing is None:
            existing = self._new_dimension(where, entry)
        else:
            for name in ("title", "description"):
                if getattr(entry, name) is not None:
                    self.add(
                        f"{where}.{name}",
                        Message(
                            N_("an overlay cannot change the {name} of dimension {id}"),
                            name=name,
                            id=repr(entry.id),
                        ),
                    )
            if entry.weight is not None:
                existing = replace(existing, weight=entry.weight)
        self.dims[entry.id] = existing
        for index, c_entry in enumerate(entry.criteria):
            self.apply_criterion(f"{where}.criteria[{index}]", entry.id, c_entry)

    def _new_dimension(self, where: str, entry: ff.DimensionEntry) -> Dimension:
        if entry.id in RESERVED_DIMENSION_IDS:
            self.add(
                f"{where}.id",
                Message(
                    N_(
                        "dimension id {id} is reserved: exports have a column of that name already; choose another"
                    ),
                    id=repr(entry.id),
                ),
            )
        if entry.title is None:
            self.add(f"{where}.title", Message(N_("new dimension {id} needs a title"), id=repr(entry.id)))
        if not entry.criteria:
            self.add(
                f"{where}.criteria",
                Message(N_("new dimension {id} needs at least one criterion"), id=repr(entry.id)),
            )
        self.criteria[entry.id] = {}
        return Dimension(
            id=entry.id,
            title=entry.title or entry.id,
            description=entry.description,
            weight=entry.weight if entry.weight is not None else 1.0,
            introduced_by=self.framework_id,
        )

    def apply_criterion(self, where: str, dim_id: str, entry: ff.CriterionEntry) -> None:
        if entry.id in self.owner and self.owner[entry.id] != dim_id:
            self.add(
                where,
                Message(
                    N_(
                        "criterion {id} belongs to dimension {dimension}; name it there (criteria cannot be moved)"
                    ),
                    id=repr(entry.id),
                    dimension=repr(self.owner[entry.id]),
                ),
            )
            return
        current = self.criteria[dim_id].get(entry.id)
        if current is None:
            current = _new_criterion(entry, dim_id, self.framework_id, where, self.problems)
            if current is None:
                return
            self.owner[entry.id] = dim_id
        else:
            current = _change_criterion(current, entry, where, self.problems)
        _check_levels_and_types(current, where, self.levels, self.known_types, self.problems)
        self.criteria[dim_id][entry.id] = current

    def add_referrals(self, entries: list[ff.Referral]) -> None:
        """Referrals are only ever added: an overlay may not change or remove one it inherits."""
        for index, entry in enumerate(entries):
            where = f"referrals[{index}]"
            if entry.id in self.referrals:
                owner = self.referrals[entry.id].introduced_by
                self.add(
                    f"{where}.id",
                    Message(
                        N_("referral {id} already exists (from {owner}); use another id"),
                        id=repr(entry.id),
                        owner=repr(owner),
                    ),
                )
                continue
            when = entry.when
            referral = Referral(
                id=entry.id,
                body=entry.body,
                url=entry.url,
                reason=entry.reason,
                criterion=when.criterion,
                at_or_below=when.at_or_below,
                at_or_above=when.at_or_above,
                partnership_types=tuple(when.partnership_types) if when.partnership_types else None,
                introduced_by=self.framework_id,
            )
            self.referrals[entry.id] = referral
            self.new_referrals.append((where, referral))

    def _check_referrals(self) -> None:
        """Every referral names a criterion, levels and types the resolved framework has (an overlay removing a
        criterion that an inherited referral reads is refused here)."""
        own = {referral.id: where for where, referral in self.new_referrals}
        for referral in self.referrals.values():
            where = f"{own[referral.id]}.when" if referral.id in own else "remove"
            if referral.criterion is not None and referral.criterion not in self.owner:
                self.add(
                    where,
                    Message(
                        N_(
                            "referral {id} reads criterion {criterion}, which the resolved framework does not have"
                        ),
                        id=repr(referral.id),
                        criterion=repr(referral.criterion),
                    ),
                )
            for level in (referral.at_or_below, referral.at_or_above):
                if level is not None and level not in self.levels:
                    self.add(
                        where,
                        Message(
                            N_("referral level {level} is not on the scale {levels}"),
                            level=level,
                            levels=sorted(self.levels),
                        ),
                    )
            for type_id in referral.partnership_types or ():
                if type_id not in self.known_types:
                    self.add(
                        f"{where}.partnership_types",
                        Message(N_("unknown partnership type {type}"), type=repr(type_id)),
                    )

    def build(self, source: str | None) -> Framework | None:
        dimensions = tuple(
            replace(d, criteria=tuple(self.criteria[d_id].values())) for d_id, d in self.dims.items()
        )
        if not any(d.criteria for d in dimensions):
            self.add("dimensions", Message(N_("the resolved framework has no criteria")))
            return None
        self._check_referrals()
        return replace(
            self.start,
            partnership_types=tuple(self.types),
            dimensions=dimensions,
            source=source,
            referrals=tuple(self.referrals.values()),
        )


def _new_criterion(
    entry: ff.CriterionEntry, dim_id: str, framework_id: str, where: str, problems: list[Problem]
) -> Criterion | None:
    if entry.question is None:
        problems.append(
            Problem(
                f"{where}.question", Message(N_("new criterion {id} needs a question"), id=repr(entry.id))
            )
        )
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
        red_line=_red_line(entry.red_line),
        locked=bool(entry.locked),
        introduced_by=framework_id,
        sizes=tuple(entry.sizes) if entry.sizes is not None else None,
        sources=_sources(entry.sources),
    )


def _red_line(entry: ff.RedLine | None) -> RedLine | None:
    return RedLine(entry.at_or_below, entry.reason, entry.na_when) if entry is not None else None


def _sources(entries: list[ff.Source] | None) -> tuple[Source, ...]:
    return tuple(Source(s.title, s.url) for s in entries or ())


def _change_criterion(
    current: Criterion, entry: ff.CriterionEntry, where: str, problems: list[Problem]
) -> Criterion:
    for name in ("question", "guidance", "rubric"):
        if getattr(entry, name) is not None:
            problems.append(
                Problem(
                    f"{where}.{name}",
                    Message(
                        N_("an overlay cannot change the {name} of {id}; add local_guidance instead"),
                        name=name,
                        id=repr(current.id),
                    ),
                )
            )
    changes: dict[str, object] = {}
    if entry.local_guidance is not None:
        changes["local_guidance"] = entry.local_guidance
    if entry.sources is not None:  # sources for the local guidance, added to the inherited ones
        changes["sources"] = current.sources + _sources(entry.sources)
    for name in ("weight", "applies_to", "sizes", "red_line"):
        value = getattr(entry, name)
        if value is None:
            continue
        if current.locked:
            problems.append(
                Problem(
                    f"{where}.{name}",
                    Message(
                        N_(
                            "criterion {id} is locked by {owner}; an overlay may only add local_guidance to it"
                        ),
                        id=repr(current.id),
                        owner=repr(current.introduced_by),
                    ),
                )
            )
            continue
        if name in ("applies_to", "sizes"):
            value = tuple(value)
        elif name == "red_line":
            value = _red_line(value)
        changes[name] = value
    if entry.locked is not None:
        if current.locked and not entry.locked:
            problems.append(
                Problem(
                    f"{where}.locked",
                    Message(N_("criterion {id} is locked and cannot be unlocked"), id=repr(current.id)),
                )
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
                    f"{where}.rubric.{level}",
                    Message(
                        N_("rubric level {level} is not on the scale {levels}"),
                        level=level,
                        levels=sorted(levels),
                    ),
                )
            )
    if criterion.red_line is not None and criterion.red_line.at_or_below not in levels:
        problems.append(
            Problem(
                f"{where}.red_line.at_or_below",
                Message(
                    N_("red-line level {at_or_below} is not on the scale {levels}"),
                    at_or_below=criterion.red_line.at_or_below,
                    levels=sorted(levels),
                ),
            )
        )
    for type_id in criterion.applies_to or ():
        if type_id not in known_types:
            problems.append(
                Problem(
                    f"{where}.applies_to", Message(N_("unknown partnership type {type}"), type=repr(type_id))
                )
            )
