"""A recommendation with everything that explains it, in one language: the reasons, the referral, the red lines
answered 'not applicable', the questions to put to the partner, the conditions ranked by severity and whether
the result is robust. The Result page, the reports and ``score`` (text and JSON) all read this one record.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerfit.assessment import Assessment
from partnerfit.conditions import Condition, negotiation_conditions
from partnerfit.framework import Framework
from partnerfit.i18n import N_, _, format_number, format_percent, using_language
from partnerfit.robustness import Robustness, assess_robustness
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult

NA_NOT_ALLOWED = N_("red line {name} answered not applicable, which this framework does not allow")
"""English; translate with ``_()`` where shown."""


@dataclass(frozen=True)
class ReferralNotice:
    """A referral that applies: the request is for ``body`` to decide, not the affiliate."""

    id: str
    body: str
    url: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "body": self.body, "url": self.url, "reason": self.reason}


@dataclass(frozen=True)
class RedLineNotApplicable:
    criterion_id: str
    question: str
    allowed: bool
    na_when: str  # when the framework allows N/A ('' when it does not)

    def to_json(self) -> dict[str, object]:
        return {"criterion": self.criterion_id, "allowed": self.allowed, "na_when": self.na_when or None}


@dataclass(frozen=True)
class Question:
    """An answer marked 'unknown - ask the partner'."""

    criterion_id: str
    question: str
    notes: str


@dataclass(frozen=True)
class Verdict:
    score: ScoreResult
    reasons: tuple[str, ...]
    referrals: tuple[ReferralNotice, ...]
    red_lines_not_applicable: tuple[RedLineNotApplicable, ...]
    questions: tuple[Question, ...]
    conditions: tuple[Condition, ...]
    robustness: Robustness

    @property
    def recommendation(self) -> str:
        return self.score.recommendation

    @property
    def red_lines_to_lift(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.red_line)

    def to_json(self) -> dict[str, object]:
        """The score's JSON with what explains it (``score --json``)."""
        return {
            **self.score.to_json(),
            "reasons": list(self.reasons),
            "referral": self.referrals[0].to_json() if self.referrals else None,
            "referrals": [r.to_json() for r in self.referrals],
            "conditions": [c.to_json() for c in self.conditions],
            "red_lines_na": [r.to_json() for r in self.red_lines_not_applicable],
            "unknown": [q.criterion_id for q in self.questions],
            "robustness": self.robustness.to_json(),
        }


def explain(
    framework: Framework,
    assessment: Assessment,
    score: ScoreResult,
    *,
    language: str = "en",
    target: int | None = None,
) -> Verdict:
    """Everything that explains ``score`` (the score of ``assessment`` against ``framework``)."""
    label = framework.label
    referrals = tuple(
        ReferralNotice(r.id, label(r.body, language), r.url, label(r.reason, language))
        for r in framework.referrals
        if r.id in score.referrals
    )
    not_applicable = []
    for cid in score.not_applicable_red_lines:
        criterion = framework.criterion(cid)
        na_when = criterion.red_line.na_when if criterion and criterion.red_line else None
        question = label(criterion.question, language) if criterion else cid
        not_applicable.append(
            RedLineNotApplicable(cid, question, na_when is not None, label(na_when, language))
        )
    questions = tuple(
        Question(cid, label(c.question, language), assessment.answers[cid].notes or "")
        for cid in assessment.unknown
        if (c := framework.criterion(cid)) is not None
        and framework.applies(c, assessment.partnership_types, assessment.size)
    )
    return Verdict(
        score=score,
        reasons=tuple(_reasons_in(framework, score, referrals, language)),
        referrals=referrals,
        red_lines_not_applicable=tuple(not_applicable),
        questions=questions,
        conditions=tuple(negotiation_conditions(framework, assessment, language=language, target=target)),
        robustness=assess_robustness(framework, assessment),
    )


def _reasons_in(
    framework: Framework, score: ScoreResult, referrals: tuple[ReferralNotice, ...], language: str
) -> list[str]:
    with using_language(language):
        return _reasons(framework, score, referrals, language)


def _reasons(
    framework: Framework, score: ScoreResult, referrals: tuple[ReferralNotice, ...], language: str
) -> list[str]:
    """Plain sentences saying why the recommendation is what it is, the decisive reason first."""
    label = framework.label
    reasons = []
    for cid in score.red_lines:
        criterion = framework.criterion(cid)
        reason = label(criterion.red_line.reason, language) if criterion and criterion.red_line else ""
        reasons.append(_("red line {criterion} is hit: {reason}").format(criterion=cid, reason=reason))
    for referral in referrals:
        reasons.append(
            _("not ours to decide: refer to {body} ({reason})").format(
                body=referral.body, reason=referral.reason
            )
        )
    for cid in score.disallowed_not_applicable_red_lines:
        reasons.append(_(NA_NOT_ALLOWED).format(name=cid))
    for cid in score.unanswered_red_lines:
        reasons.append(_("red line {criterion} is not answered yet").format(criterion=cid))
    if score.completeness < framework.min_completeness and score.applicable:
        reasons.append(
            _(
                "only {share} of the applicable criteria are answered (the framework asks for {minimum})"
            ).format(
                share=format_percent(score.completeness), minimum=format_percent(framework.min_completeness)
            )
        )
    if score.applicable == 0:
        reasons.append(_("the framework has no criteria for this partnership, so there is nothing to score"))
    elif score.overall is None and score.recommendation == INCOMPLETE:
        reasons.append(_("no criterion has a level, so there is no overall score"))
    if score.recommendation not in (BLOCKED, REFER, INCOMPLETE) and score.overall is not None:
        band = framework.band(score.recommendation)
        overall = format_number(score.overall, decimals=1)
        reasons.append(
            _(
                "no red line is hit; the overall score {overall} is in the band ‘{band}’ (from {minimum})"
            ).format(overall=overall, band=label(band.label, language), minimum=format_number(band.min))
            if band
            else _("the overall score is {overall}").format(overall=overall)
        )
    return reasons
