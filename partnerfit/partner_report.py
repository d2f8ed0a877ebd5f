"""The report's section on the partner's own view: who answered, the gaps to talk about, the conditions the
partner already agrees with, and both answers side by side."""

from __future__ import annotations

from collections.abc import Sequence

from partnerfit.assessment import Assessment
from partnerfit.conditions import Condition
from partnerfit.framework import Framework
from partnerfit.i18n import _, format_date, ngettext
from partnerfit.partner_view import agreed_conditions, find_gaps, partner_criteria
from partnerfit.report import Block, Bullets, Heading, Paragraph, Table


def partner_blocks(
    framework: Framework, assessment: Assessment, conditions: Sequence[Condition], language: str
) -> list[Block]:
    """Nothing when the partner has not answered."""
    view = assessment.partner_view
    if view is None:
        return []
    label, describe = framework.label, framework.describe_answer
    blocks: list[Block] = [
        Heading(_("The partner's view")),
        Paragraph(
            _("Answered by {name} on {date}. The partner's answers are not part of the score.").format(
                name=view.answered_by, date=format_date(view.answered_at)
            )
        ),
    ]
    gaps = find_gaps(framework, assessment)
    if gaps:
        blocks.append(
            Heading(
                ngettext("{count} gap to talk about", "{count} gaps to talk about", len(gaps)).format(
                    count=len(gaps)
                ),
                level=3,
            )
        )
        blocks.append(
            Bullets(
                [
                    _("{question}: the affiliate {ours}, the partner {theirs}").format(
                        question=label(framework.criterion(g.criterion_id).question, language),
                        ours=describe(g.affiliate_level, language),
                        theirs=describe(g.partner_level, language),
                    )
                    for g in gaps
                ]
            )
        )
    agreed = agreed_conditions(list(conditions), assessment)
    if agreed:
        blocks.append(Heading(_("Conditions the partner already agrees with"), level=3))
        blocks.append(Bullets([c.question for c in conditions if c.criterion_id in agreed]))
    rows = []
    for criterion in partner_criteria(framework, assessment):
        theirs = view.answers.get(criterion.id)
        rows.append(
            [
                label(criterion.question, language),
                describe(assessment.levels.get(criterion.id), language),
                describe(theirs.level if theirs else None, language),
                (theirs.notes or "") if theirs else "",
            ]
        )
    blocks.append(Table([_("Question"), _("Affiliate"), _("Partner"), _("Partner's notes")], rows))
    return blocks
