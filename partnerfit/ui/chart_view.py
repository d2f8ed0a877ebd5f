"""Rendering the core's Altair charts in Streamlit, cheaply.

``st.altair_chart`` validates the whole spec against the Vega-Lite JSON schema on every rerun (~25-50 ms a
chart with Altair 6). The chart functions are validated by tests/test_charts.py, so the app renders their
spec unvalidated through ``st.vega_lite_chart``; the data stays small because callers aggregate first. For the
same reason Altair's debug mode is off in the app: it validates every axis, scale and mark object against the
schema as it is built, a third of the time the Compare page spent on its charts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from partnerfit import charts
from partnerfit.chart_locale import vega_locale
from partnerfit.i18n import current_language, using_language

alt.utils.schemapi.disable_debug_mode()


def show_chart(
    chart: alt.TopLevelMixin | dict[str, Any], where: DeltaGenerator | None = None, *, stretch: bool = True
) -> None:
    """Draw ``chart`` (or its Vega-Lite spec) in ``where`` (default: the page), full width unless ``stretch`` is
    False (small multiples keep their own panel sizes)."""
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    locale = vega_locale(current_language())
    if locale is not None:  # numbers and dates on the axes as the language writes them
        spec = {**spec, "config": {**spec.get("config", {}), "locale": locale}}
    (where or st).vega_lite_chart(spec, width="stretch" if stretch else "content")


def show_cached_chart(
    build: Callable[..., alt.TopLevelMixin],
    *frames: pd.DataFrame,
    where: DeltaGenerator | None = None,
    stretch: bool = True,
    **options: object,
) -> None:
    """``show_chart(build(*frames, **options))`` for a ``partnerfit.charts`` function, with the spec cached on
    the frames' content and the options: a view seen before -- by anyone, the unfiltered Compare page most of
    all -- skips building the chart (20-30 ms each)."""
    show_chart(_chart_spec(build.__name__, frames, options, current_language()), where, stretch=stretch)


@st.cache_data(max_entries=128, show_spinner=False)
def _chart_spec(
    name: str, frames: tuple[pd.DataFrame, ...], options: dict[str, object], language: str
) -> dict[str, Any]:
    """The chart's spec, keyed on the language too: its titles and legends are translated."""
    with using_language(language):
        return getattr(charts, name)(*frames, **options).to_dict(validate=False)
