"""Rendering the core's Altair charts in Streamlit, cheaply.

``st.altair_chart`` validates the whole spec against the Vega-Lite JSON schema on every rerun (~25-50 ms a
chart with Altair 6). The chart functions are validated by tests/test_charts.py, so the app renders their
spec unvalidated through ``st.vega_lite_chart``; the data stays small because callers aggregate first. For the
same reason Altair's debug mode is off in the app: it validates every axis, scale and mark object against the
schema as it is built, a third of the time the Compare page spent on its charts.
"""

from __future__ import annotations

import altair as alt
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

alt.utils.schemapi.disable_debug_mode()


def show_chart(
    chart: alt.TopLevelMixin, where: DeltaGenerator | None = None, *, stretch: bool = True
) -> None:
    """Draw ``chart`` in ``where`` (default: the page), full width unless ``stretch`` is False (small
    multiples keep their own panel sizes)."""
    (where or st).vega_lite_chart(chart.to_dict(validate=False), width="stretch" if stretch else "content")
