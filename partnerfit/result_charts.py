"""The tidy frames behind one assessment's charts, shared by the Result page and the reports, so a report shows
the very charts the page does. Texts come out in the current language (``partnerfit.i18n``)."""

from __future__ import annotations

import pandas as pd

from partnerfit.assessment import Assessment
from partnerfit.charts import NOT_REACHED_TEXT, UNSCORED_TEXT
from partnerfit.framework import Dimension, Framework
from partnerfit.i18n import N_, _, current_language
from partnerfit.scoring import ScoreResult

NOT_ANSWERED_TEXT = N_("not answered: no criterion of this dimension has an answer")
NO_CRITERION_TEXT = N_("not scored: no criterion of this dimension applies to this partnership")


def bands_frame(fw: Framework) -> pd.DataFrame:
    """The framework's recommendation bands: label, min (the dashed thresholds of the charts)."""
    language = current_language()
    return pd.DataFrame(
        {"label": [fw.label(b.label, language) for b in fw.bands], "min": [b.min for b in fw.bands]}
    )


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


def scores_frame(fw: Framework, assessment: Assessment, score: ScoreResult) -> pd.DataFrame:
    """dimension (label), score (NaN when unscored), weight, note (why unscored): ``charts.dimension_scores_chart``."""
    language = current_language()
    return pd.DataFrame(
        {
            "dimension": [fw.label(d.title, language) for d in fw.dimensions],
            "score": [score.dimensions.get(d.id) for d in fw.dimensions],
            "weight": [d.weight for d in fw.dimensions],
            "note": [
                "" if score.dimensions.get(d.id) is not None else unscored_reason(fw, assessment, d)
                for d in fw.dimensions
            ],
        }
    ).astype({"score": float})
