"""Why a dimension has no score, in words: nothing applies, a draft has not reached it yet, a final left it
unanswered, or every answer was 'not applicable' (the score chart, the report's table)."""

from __future__ import annotations

from partnerfit.assessment import Assessment
from partnerfit.framework import Dimension, Framework
from partnerfit.i18n import N_, _

UNSCORED_TEXT = N_("not scored: no criterion applies, or all were answered “not applicable”")
NOT_REACHED_TEXT = N_("not reached yet: this draft has no answer in this dimension so far")
NOT_ANSWERED_TEXT = N_("not answered: no criterion of this dimension has an answer")
NO_CRITERION_TEXT = N_("not scored: no criterion of this dimension applies to this partnership")


def unscored_reason(fw: Framework, assessment: Assessment, dimension: Dimension) -> str:
    """Why a dimension has no score, translated: nothing applies; a draft has not reached it (no answer yet, so
    the team has not seen it); a final left it unanswered; or every answer was 'not applicable'."""
    applicable = {c.id for c in fw.applicable_criteria(assessment.partnership_types, assessment.size)}
    criteria = [c.id for c in dimension.criteria if c.id in applicable]
    if not criteria:
        return _(NO_CRITERION_TEXT)
    if not any(cid in assessment.answers for cid in criteria):
        return _(NOT_REACHED_TEXT) if assessment.status == "draft" else _(NOT_ANSWERED_TEXT)
    return _(UNSCORED_TEXT)
