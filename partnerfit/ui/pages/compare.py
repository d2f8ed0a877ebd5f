"""Compare: for strategy liaisons, assessments of one base framework across regions, affiliates and time."""

import streamlit as st

from partnerfit.aggregate import filter_assessments
from partnerfit.ui import calibration_view, common, compare_view, data

st.title("Compare assessments", anchor=False)
st.caption(
    "For strategy liaisons: how partnerships score across regions, affiliates, partnership types and time."
)

collection = data.collection()
common.show_file_problems(collection.errors, "assessment file(s)")
table = collection.table
if table is not None:
    common.show_unscored(table.problems, " (left out)")
if table is None or table.assessments.empty:
    st.info(
        f"There are no scored assessments in {common.md(str(data.settings().assessments_dir))} yet, so "
        "there is nothing to compare. Assessments appear here once they are saved.",
        icon=":material/inbox:",
    )
    st.stop()

catalog = data.catalog()
base_id = compare_view.choose_base(table.assessments, catalog)
labels = compare_view.labels_for(base_id, catalog)
family = filter_assessments(table.assessments, base_framework=base_id)
st.info(
    f"Only assessments of **{common.md(labels.frameworks.get(base_id, base_id))}** and its local versions "
    "are compared together, on the dimensions they all share. Assessments made with other frameworks answer "
    "other questions, so they are not mixed in.",
    icon=":material/info:",
)

compare_view.filtered_view(family, table, labels, compare_view.aggregate_pool(base_id))
calibration_view.section(family, labels, compare_view.aggregate_pool(base_id))
