"""Compare: for strategy liaisons, assessments of one base framework across regions, affiliates and time."""

import streamlit as st

from partnerfit.i18n import _
from partnerfit.ui import calibration_view, common, compare_filters, compare_view, data

st.title(_("Compare assessments"), anchor=False)
st.caption(
    _("For strategy liaisons: how partnerships score across regions, affiliates, partnership types and time.")
)

catalog = data.catalog()
source = data.compare_source()
options = source.options(None)
if not options.bases:
    st.info(
        _(
            "There are no scored assessments in {place} yet, so there is nothing to compare. Assessments "
            "appear here once they are saved."
        ).format(place=common.md(data.store().description)),
        icon=":material/inbox:",
    )
    st.stop()

base_id = compare_view.choose_base(options.bases, catalog, compare_filters.url_base())
labels = compare_view.labels_for(base_id, catalog)
st.info(
    _(
        "Only assessments of **{framework}** and its local versions are compared together, on the dimensions "
        "they all share. Assessments made with other frameworks answer other questions, so they are not mixed "
        "in. Withdrawn assessments are never compared."
    ).format(framework=common.md(labels.frameworks.get(base_id, base_id))),
    icon=":material/info:",
)
compare_view.filtered_view(source, base_id, source.options(base_id), labels)
calibration_view.on_demand(base_id, labels)
