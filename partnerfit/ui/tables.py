"""Static tables that show text whole (wrapped, never cut at a column's width) and literally: ``st.table``
renders Markdown in its cells, so every text from a file or a user is escaped first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.ui.common import md


def literal_table(frame: pd.DataFrame) -> None:
    """``frame`` as a static table, its index as each row's head; every text (cells, index, headers) literal."""
    escaped = frame.map(lambda value: md(value) if isinstance(value, str) else value)
    escaped.index = escaped.index.map(lambda value: md(value) if isinstance(value, str) else value)
    escaped.index.name = frame.index.name
    escaped.columns = [md(column) if isinstance(column, str) else column for column in frame.columns]
    st.table(escaped)
