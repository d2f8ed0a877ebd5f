"""Rendering charts in the app: cached specs are per language, and the axes get the language's formats."""

from __future__ import annotations

import pandas as pd

from partnerfit.i18n import _, using_language
from partnerfit.ui.chart_view import _chart_spec

SCORES = pd.DataFrame({"dimension": ["Openness"], "score": [60.0], "weight": [1]})


def test_a_cached_chart_is_built_again_in_another_language():
    """Cached on the frames and options only, the first visitor's language would be everyone's."""
    english = _chart_spec("dimension_scores_chart", (SCORES,), {}, "en")
    french = _chart_spec("dimension_scores_chart", (SCORES,), {}, "fr")
    assert english["title"] == "Dimension scores"
    with using_language("fr"):
        assert french["title"] == _("Dimension scores") != "Dimension scores"
