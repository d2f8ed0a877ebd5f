"""Several assessors: their independent answers, where they disagree, and the level that counts.

Each assessor answers on their own (``Team.answers``: assessor -> criterion -> level). Per criterion the level
that counts is the team's **consensus** once recorded, else the **lower median** of the levels given (the lower
of the two middle answers when their number is even: always a level someone gave, on the scale, and the
cautious one). 'unknown' is no answer; a criterion only answered 'na' counts as 'na'.

A criterion is a **disagreement** when at least two assessors answered it and their levels are 2 or more apart,
or some (not all) of them are on its red line, or some said 'not applicable' and others gave a level.

Saving is optimistic (the store refuses a stale revision): ``save_change`` re-applies only the caller's own change
to the fresh version and tries again, so two assessors saving at once never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnerfit.assessment import NOT_APPLICABLE, UNKNOWN, Assessment, Consensus, Team
from partnerfit.errors import Problem, SaveConflictError, StoreError
from partnerfit.framework import Framework
from partnerfit.i18n import _

if TYPE_CHECKING:
    from partnerfit.store.base import Store

Level = int | str
SAVE_ATTEMPTS = 5
DISAGREEMENT_SPREAD = 2


def lower_median(values: Sequence[int]) -> int:
    """The lower median: the middle value, or the lower of the two middle values."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def combined_level(levels: Sequence[Level], consensus: Consensus | None = None) -> Level | None:
    """The level that counts for one criterion: the consensus, else the lower median of the levels given, else
    'na' when every answer was 'na'; None when nobody gave a level or 'na'."""
    if consensus is not None:
        return consensus.level if consensus.level != UNKNOWN else None
    numeric = [level for level in levels if isinstance(level, int)]
    if numeric:
        return lower_median(numeric)
    return NOT_APPLICABLE if NOT_APPLICABLE in levels else None


def assessor_names(team: Team | None) -> list[str]:
    """The assessors who answered, by name (a database may not keep the order they were written in)."""
    return sorted(team.answers, key=lambda name: (name.casefold(), name)) if team is not None else []


def levels_by_criterion(team: Team) -> dict[str, dict[str, Level]]:
    """criterion -> assessor -> level, assessors by name."""
    found: dict[str, dict[str, Level]] = {}
    for assessor in assessor_names(team):
        for criterion, level in team.answers[assessor].items():
            found.setdefault(criterion, {})[assessor] = level
    return found


def team_levels(team: Team) -> dict[str, Level]:
    """Each criterion the team answered (or agreed on) -> the level that counts (what scoring reads)."""
    by_criterion = levels_by_criterion(team)
    levels: dict[str, Level] = {}
    for criterion in [*by_criterion, *(c for c in team.consensus if c not in by_criterion)]:
        level = combined_level(list(by_criterion.get(criterion, {}).values()), team.consensus.get(criterion))
        if level is not None:
            levels[criterion] = level
    return levels


def is_disagreement(levels: Sequence[Level], red_line_at_or_below: int | None = None) -> bool:
    """Two or more answers (levels or 'na') that are 2+ levels apart, split on the red line, or split on 'na'."""
    numeric = [level for level in levels if isinstance(level, int)]
    not_applicable = NOT_APPLICABLE in levels
    if len(numeric) + levels.count(NOT_APPLICABLE) < 2:
        return False
    if numeric and not_applicable:
        return True
    if not numeric:
        return False
    if max(numeric) - min(numeric) >= DISAGREEMENT_SPREAD:
        return True
    if red_line_at_or_below is None:
        return False
    on_line = [level <= red_line_at_or_below for level in numeric]
    return any(on_line) and not all(on_line)


@dataclass(frozen=True)
class Disagreement:
    criterion: str
    levels: dict[str, Level]  # assessor -> level
    consensus: Consensus | None

    def to_json(self) -> dict[str, object]:
        consensus = None
        if self.consensus is not None:
            consensus = {"level": self.consensus.level, "reason": self.consensus.reason}
        return {"criterion": self.criterion, "levels": dict(self.levels), "consensus": consensus}


def disagreements(framework: Framework, assessment: Assessment) -> list[Disagreement]:
    """The criteria the team disagrees on, in the framework's order (resolved ones included, with their
    consensus)."""
    if assessment.team is None:
        return []
    by_criterion = levels_by_criterion(assessment.team)
    found = []
    for criterion in framework.criteria:
        levels = by_criterion.get(criterion.id)
        if not levels:
            continue
        threshold = criterion.red_line.at_or_below if criterion.red_line else None
        if is_disagreement(list(levels.values()), threshold):
            found.append(Disagreement(criterion.id, levels, assessment.team.consensus.get(criterion.id)))
    return found


def team_assessors(assessment: Assessment) -> list[str]:
    """Who answered as a team member (else the file's ``assessors`` list)."""
    if assessment.team is not None and assessment.team.answers:
        return assessor_names(assessment.team)
    return list(assessment.assessors)


def pending(framework: Framework, assessment: Assessment) -> list[str]:
    """Criteria the assessors answered differently, without a consensus yet: the median counts until one is
    recorded (where everyone gave the same answer, that answer counts)."""
    if assessment.team is None:
        return []
    answered = levels_by_criterion(assessment.team)
    return [
        c.id
        for c in framework.criteria
        if len(set(answered.get(c.id, {}).values())) > 1 and c.id not in assessment.team.consensus
    ]


def team_json(framework: Framework, assessment: Assessment) -> dict[str, object]:
    """What ``score --json`` prints as ``team``."""
    return {
        "assessors": team_assessors(assessment),
        "disagreements": [d.to_json() for d in disagreements(framework, assessment)],
    }


# -- changing ------------------------------------------------------------------------------------------------
def with_assessor_answers(assessment: Assessment, assessor: str, levels: Mapping[str, Level]) -> Assessment:
    """The assessment with ``assessor``'s answers replaced by ``levels`` (others' answers untouched); the
    assessor is added to ``assessors``."""
    team = assessment.team or Team()
    answers = dict(team.answers)
    answers[assessor] = dict(levels)
    if not levels:
        answers.pop(assessor)
    assessors = list(assessment.assessors)
    if levels and assessor not in assessors:
        assessors.append(assessor)
    new_team = team.model_copy(update={"answers": answers})
    return assessment.model_copy(update={"team": new_team, "assessors": assessors})


def with_consensus(assessment: Assessment, criterion: str, consensus: Consensus | None) -> Assessment:
    """The assessment with the team's consensus on ``criterion`` recorded (or withdrawn with None)."""
    team = assessment.team or Team()
    recorded = dict(team.consensus)
    if consensus is None:
        recorded.pop(criterion, None)
    else:
        recorded[criterion] = consensus
    return assessment.model_copy(update={"team": team.model_copy(update={"consensus": recorded})})


def others_answers_changed(before: Assessment, after: Assessment, assessor: str) -> bool:
    """Whether ``after`` changes the team answers of anyone but ``assessor`` (signed in, an assessor answers only
    as themselves; coordinators may correct anyone's)."""
    old = before.team.answers if before.team else {}
    new = after.team.answers if after.team else {}
    return any(old.get(name) != new.get(name) for name in set(old) | set(new) if name != assessor)


def new_consensus(level: Level, reason: str, by: str | None, today: dt.date | None = None) -> Consensus:
    return Consensus(level=level, reason=reason, by=by, date=today or dt.date.today())


def save_change(
    store: Store,
    assessment: Assessment,
    change: Callable[[Assessment], Assessment],
    *,
    author: str | None,
    drafts_only: bool = False,
    attempts: int = SAVE_ATTEMPTS,
) -> Assessment:
    """Apply ``change`` to ``assessment`` and save; when someone saved meanwhile, apply the same change to their
    version and try again (so only the caller's own change is re-applied, never their whole stale copy)."""
    current = assessment
    for _attempt in range(attempts):
        if drafts_only and current.status != "draft":
            raise StoreError(
                _("Assessment {id} was finalised meanwhile; team answers can only change on a draft.").format(
                    id=repr(current.id)
                )
            )
        try:
            return store.save(change(current), author=author)
        except SaveConflictError as error:
            if error.current is None:
                raise
            current = error.current
    raise SaveConflictError(
        _("Assessment {id} kept changing while saving ({attempts} attempts); try again.").format(
            id=repr(assessment.id), attempts=attempts
        ),
        current=current,
    )


def team_changes(before: Assessment, after: Assessment) -> tuple[str, ...]:
    """History lines: who answered what, and each consensus recorded or withdrawn."""
    old, new = before.team or Team(), after.team or Team()
    lines = []
    for assessor in sorted(set(old.answers) | set(new.answers)):
        was, now = old.answers.get(assessor, {}), new.answers.get(assessor, {})
        changed = [
            f"{c} {_short(was.get(c))} → {_short(now.get(c))}" for c in now if now.get(c) != was.get(c)
        ]
        changed += [f"{c} {_short(was[c])} → –" for c in was if c not in now]
        if changed:
            lines.append(
                _("{assessor} answered: {changes}").format(assessor=assessor, changes=", ".join(changed))
            )
    for criterion in sorted(set(old.consensus) | set(new.consensus)):
        was_c, now_c = old.consensus.get(criterion), new.consensus.get(criterion)
        if was_c != now_c:
            lines.append(
                _("consensus {criterion}: {level}").format(criterion=criterion, level=_short(now_c.level))
                if now_c
                else _("consensus {criterion} withdrawn").format(criterion=criterion)
            )
    return tuple(lines)


def follow_up_changes(before: Assessment, after: Assessment) -> list[str]:
    """History lines for the team's answers, the tracked conditions and the outcome review."""
    lines = list(team_changes(before, after))
    old = {c.id: c for c in before.tracked_conditions}
    for condition in after.tracked_conditions:
        was = old.pop(condition.id, None)
        if was is None:
            lines.append(_("condition {id} added").format(id=condition.id))
        elif was.status != condition.status:
            lines.append(
                _("condition {id}: {old} → {new}").format(
                    id=condition.id, old=was.status, new=condition.status
                )
            )
        elif was != condition:
            lines.append(_("condition {id} edited").format(id=condition.id))
    lines += [_("condition {id} removed").format(id=condition_id) for condition_id in old]
    if before.outcome != after.outcome:
        lines.append(_("outcome review") if after.outcome else _("outcome review removed"))
    return lines


def _short(level: Level | None) -> str:
    return "–" if level is None else str(level)


# -- checks --------------------------------------------------------------------------------------------------
def team_problems(assessment: Assessment, framework: Framework, *, strict: bool = True) -> list[Problem]:
    """Team answers, consensus, tracked conditions and the outcome review checked against the framework."""
    problems: list[Problem] = []
    values = framework.level_values

    def check(location: str, criterion: str, level: Level | None) -> None:
        if framework.criterion(criterion) is None:
            if strict:
                problems.append(
                    Problem(location, f"unknown criterion {criterion!r} in framework {framework.id!r}")
                )
            return
        if isinstance(level, int) and level not in values:
            problems.append(Problem(location, f"level {level} is not on the scale {list(values)} (or 'na')"))

    if assessment.team is not None:
        for assessor, answers in assessment.team.answers.items():
            for criterion, level in answers.items():
                check(f"team.answers.{assessor}.{criterion}", criterion, level)
        for criterion, consensus in assessment.team.consensus.items():
            check(f"team.consensus.{criterion}.level", criterion, consensus.level)
    ids = [c.id for c in assessment.tracked_conditions]
    for index, condition in enumerate(assessment.tracked_conditions):
        if ids.count(condition.id) > 1 and ids.index(condition.id) != index:
            problems.append(Problem(f"tracked_conditions[{index}].id", f"id {condition.id!r} is used twice"))
        if condition.criterion is not None and framework.criterion(condition.criterion) is None and strict:
            problems.append(
                Problem(
                    f"tracked_conditions[{index}].criterion",
                    f"unknown criterion {condition.criterion!r} in framework {framework.id!r}",
                )
            )
    if assessment.outcome is not None:
        for index, line in enumerate(assessment.outcome.conditions):
            if line.condition not in ids:
                problems.append(
                    Problem(
                        f"outcome.conditions[{index}].condition",
                        f"{line.condition!r} is not one of the tracked conditions ({', '.join(ids) or 'none'})",
                    )
                )
    return problems
