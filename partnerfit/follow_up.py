"""What the CLI and the reports say of an assessment's follow-up: the team, tracked conditions, the outcome."""

from __future__ import annotations

from partnerfit.assessment import Assessment
from partnerfit.framework import Framework
from partnerfit.i18n import _, format_date, ngettext
from partnerfit.outcome import HELD_LABELS, PARTNER_AGAIN_LABELS, outcome_json
from partnerfit.report import Block, Cell, Heading, Paragraph, Table
from partnerfit.team import disagreements, pending, team_assessors, team_json
from partnerfit.tracked_conditions import tracked_json


def status_label(status: str) -> str:
    return {"open": _("open"), "met": _("met"), "not-met": _("not met")}.get(status, status)


def follow_up_json(framework: Framework, assessment: Assessment) -> dict[str, object]:
    """The keys ``score --json`` adds: ``team``, ``tracked_conditions`` and ``outcome`` (null without one)."""
    return {
        "team": team_json(framework, assessment),
        "tracked_conditions": tracked_json(assessment),
        "outcome": outcome_json(assessment),
    }


def follow_up_lines(framework: Framework, assessment: Assessment) -> list[str]:
    """Plain lines for the CLI: the team and its disagreements, the tracked conditions, the outcome review."""
    lines = []
    if assessment.team is not None and assessment.team.answers:
        names = team_assessors(assessment)
        lines.append(_("Assessors: {names}").format(names=", ".join(names)))
        for item in disagreements(framework, assessment):
            levels = ", ".join(f"{who} {level}" for who, level in item.levels.items())
            if item.consensus is not None:
                lines.append(
                    _("Disagreement on {criterion} ({levels}); consensus {level}: {reason}").format(
                        criterion=item.criterion,
                        levels=levels,
                        level=item.consensus.level,
                        reason=item.consensus.reason,
                    )
                )
            else:
                lines.append(
                    _("Disagreement on {criterion} ({levels}); no consensus yet").format(
                        criterion=item.criterion, levels=levels
                    )
                )
        waiting = len(pending(framework, assessment))
        if waiting:
            lines.append(
                ngettext(
                    "{count} criterion answered differently, scored on the team's median until a consensus",
                    "{count} criteria answered differently, scored on the team's median until a consensus",
                    waiting,
                ).format(count=waiting)
            )
    for condition in assessment.tracked_conditions:
        due = format_date(condition.due) if condition.due else _("no due date")
        lines.append(
            _("Condition {id} ({status}, {owner}, due {due}): {text}").format(
                id=condition.id,
                status=status_label(condition.status),
                owner=condition.owner or _("no owner"),
                due=due,
                text=condition.text,
            )
        )
    outcome = assessment.outcome
    if outcome is not None:
        lines.append(
            _("Outcome review of {date}: partner again: {answer}").format(
                date=format_date(outcome.date), answer=_(PARTNER_AGAIN_LABELS[outcome.partner_again])
            )
        )
        for line in outcome.conditions:
            note = f": {line.note}" if line.note else ""
            lines.append(f"  {line.condition}: {_(HELD_LABELS[line.held])}{note}")
    return lines


# -- report sections -----------------------------------------------------------------------------------------
def outcome_blocks(assessment: Assessment) -> list[Block]:
    """The outcome review, under the recommendation."""
    outcome = assessment.outcome
    if outcome is None:
        return []
    texts = {c.id: c.text for c in assessment.tracked_conditions}
    blocks: list[Block] = [
        Heading(_("Outcome review")),
        Paragraph(
            _("Reviewed on {date}.").format(date=format_date(outcome.date)),
            strong=_("Would we partner again? {answer}.").format(
                answer=_(PARTNER_AGAIN_LABELS[outcome.partner_again])
            ),
        ),
    ]
    if outcome.conditions:
        rows: list[list[Cell]] = [
            [texts.get(line.condition, line.condition), _(HELD_LABELS[line.held]), line.note or ""]
            for line in outcome.conditions
        ]
        blocks.append(Table([_("Condition"), _("Held?"), _("Note")], rows))
    if outcome.went_well:
        blocks.append(Paragraph(outcome.went_well, strong=_("What went well")))
    if outcome.went_badly:
        blocks.append(Paragraph(outcome.went_badly, strong=_("What went badly")))
    return blocks


def team_and_condition_blocks(framework: Framework, assessment: Assessment, language: str) -> list[Block]:
    """The team's answers where they disagree, and the conditions agreed with the partner."""
    blocks: list[Block] = []
    found = disagreements(framework, assessment)
    if assessment.team is not None and assessment.team.answers:
        blocks.append(Heading(_("Assessors")))
        blocks.append(
            Paragraph(
                ngettext(
                    "{count} assessor answered independently: {names}.",
                    "{count} assessors answered independently: {names}.",
                    len(assessment.team.answers),
                ).format(count=len(assessment.team.answers), names=", ".join(team_assessors(assessment)))
            )
        )
        if found:
            rows: list[list[Cell]] = []
            for item in found:
                criterion = framework.criterion(item.criterion)
                question = framework.label(criterion.question, language) if criterion else item.criterion
                levels = ", ".join(f"{who}: {level}" for who, level in item.levels.items())
                agreed = (
                    _("{level} ({reason})").format(level=item.consensus.level, reason=item.consensus.reason)
                    if item.consensus
                    else _("none yet: the median counts")
                )
                rows.append([question, levels, agreed])
            blocks.append(Table([_("Disagreement"), _("Levels"), _("Consensus")], rows))
    if assessment.tracked_conditions:
        blocks.append(Heading(_("Conditions agreed with the partner")))
        blocks.append(
            Table(
                [_("Condition"), _("Owner"), _("Due"), _("Status")],
                [
                    [c.text, c.owner or "–", format_date(c.due) if c.due else "–", status_label(c.status)]
                    for c in assessment.tracked_conditions
                ],
            )
        )
    return blocks
