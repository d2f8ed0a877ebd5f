"""Frameworks: browse a resolved framework, what a local version changes, and which files have problems."""

import streamlit as st

from partnerfit.diff import diff_frameworks, parent_of
from partnerfit.ui import data, framework_view
from partnerfit.ui.common import code, framework_choice_label, lineage_sentence, md, shown_path, tr

st.title("Frameworks")
st.markdown(
    "A framework is the set of questions a partner is assessed with, grouped in value dimensions, with a "
    "scale, weights and red lines. Affiliates adapt the global framework with a **local version** "
    "(an overlay): it can add guidance, questions and partnership types, and change weights, but not the "
    "global red lines marked as locked."
)
catalog = data.catalog()
if catalog.errors:
    st.error(
        f"{len(catalog.errors)} framework file(s) could not be loaded. The app works with the others; fix "
        "these files to use them.",
        icon=":material/error:",
    )
    framework_view.problem_files(catalog.errors)
if not catalog.frameworks:
    st.info(
        "No framework is loaded. Put framework files (YAML) in the frameworks folder: "
        f"{code(str(data.settings().frameworks_dir))}."
    )
    st.stop()

ids = sorted(catalog.frameworks, key=lambda i: (catalog.frameworks[i].lineage, i))
chosen = st.selectbox(
    "Framework",
    ids,
    key="frameworks_choice",
    format_func=lambda i: framework_choice_label(catalog.frameworks[i]),
)
framework = catalog.frameworks[chosen]
parent = parent_of(framework, catalog.frameworks)
diff = diff_frameworks(parent, framework) if parent is not None else None

st.header(md(tr(framework.title)))
st.caption(
    f"id {code(framework.id)} · version {md(framework.version)} · languages: "
    f"{', '.join(framework.languages)} · file {code(shown_path(framework.source))}"
)
if framework.description:
    st.markdown(md(tr(framework.description)))
lineage = lineage_sentence(framework, catalog)
overlays = catalog.overlays_of(framework.id)
if overlays:
    lineage += " Local versions of it: " + ", ".join(md(f"{o.id} {o.version}") for o in overlays)
st.markdown(lineage)
applicable = len(framework.criteria)
st.caption(
    f"{len(framework.dimensions)} dimensions, {applicable} questions, "
    f"{sum(1 for c in framework.criteria if c.red_line)} red lines, "
    f"{sum(1 for c in framework.criteria if c.locked)} locked."
)

if parent is not None:
    changes_tab, questions_tab, scale_tab = st.tabs(
        ["What this local version changes", "Questions", "Scale, bands and types"]
    )
    with changes_tab:
        framework_view.changes(framework, parent, diff)
else:
    questions_tab, scale_tab = st.tabs(["Questions", "Scale, bands and types"])
with questions_tab:
    framework_view.dimensions(framework, diff)
with scale_tab:
    framework_view.overview(framework)
