"""Rendering charts in the app: cached specs are per language, and the axes get the language's formats."""

from __future__ import annotations

import pandas as pd

from partnerfit.ui.chart_view import _chart_spec

TREND = pd.DataFrame({"period": ["2025-01-01", "2025-04-01"], "mean": [50.0, 60.0], "count": [3, 4]})


def test_a_cached_chart_is_built_again_in_another_language():
    """Cached on the frames and options only, the first visitor's language would be everyone's."""
    english = _chart_spec("trend_chart", (TREND,), {}, "en")
    french = _chart_spec("trend_chart", (TREND,), {}, "fr")
    assert english["title"] == "Mean overall score over time"
    assert french["title"] == "Score global moyen dans le temps"
