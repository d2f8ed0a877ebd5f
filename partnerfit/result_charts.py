"""The tidy frames behind one assessment's charts, shared by the Result page and the reports, so a report shows
the very charts the page does. Texts come out in the current language (``partnerfit.i18n``)."""

from __future__ import annotations

import pandas as pd

from partnerfit.assessment import Assessment
from partnerfit.framework import Framework
from partnerfit.i18n import current_language
from partnerfit.scoring import ScoreResult
from partnerfit.unscored import unscored_reason


def bands_frame(fw: Framework) -> pd.DataFrame:
    """The framework's recommendation bands: label, min (the dashed thresholds of the charts)."""
    language = current_language()
    return pd.DataFrame(
        {"label": [fw.label(b.label, language) for b in fw.bands], "min": [b.min for b in fw.bands]}
    )


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
