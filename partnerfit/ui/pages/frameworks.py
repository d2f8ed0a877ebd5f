"""Frameworks: browse a resolved framework, what a local version changes, and which files have problems."""

import streamlit as st

from partnerfit.diff import diff_frameworks, parent_of
from partnerfit.i18n import _, ngettext
from partnerfit.ui import data, framework_view
from partnerfit.ui.common import code, framework_choice_label, lineage_sentence, md, shown_path, tr

st.title(_("Frameworks"), anchor=False)
st.markdown(
    _(
        "A framework is the set of questions a partner is assessed with, grouped in value dimensions, with a "
        "scale, weights and red lines. Affiliates adapt the global framework with a **local version** (an "
        "overlay): it can add guidance, questions and partnership types, and change weights, but not the global "
        "red lines marked as locked."
    )
)
catalog = data.catalog()
if catalog.errors:
    st.error(
        ngettext(
            "{count} framework file could not be loaded. The app works with the others; fix this file to use it.",
            "{count} framework files could not be loaded. The app works with the others; fix these files to use "
            "them.",
            len(catalog.errors),
        ).format(count=len(catalog.errors)),
        icon=":material/error:",
    )
    framework_view.problem_files(catalog.errors)
if not catalog.frameworks:
    st.info(
        _("No framework is loaded. Put framework files (YAML) in the frameworks folder: {folder}.").format(
            folder=code(str(data.settings().frameworks_dir))
        )
    )
    st.stop()

ids = sorted(catalog.frameworks, key=lambda i: (catalog.frameworks[i].lineage, i))
chosen = st.selectbox(
    _("Framework"),
    ids,
    key="frameworks_choice",
    format_func=lambda i: framework_choice_label(catalog.frameworks[i]),
)
framework = catalog.frameworks[chosen]
parent = parent_of(framework, catalog.frameworks)
diff = diff_frameworks(parent, framework) if parent is not None else None

st.header(md(tr(framework.title)), anchor=False)
st.caption(
    _("id {id} · version {version} · languages: {languages} · file {file}").format(
        id=code(framework.id),
        version=md(framework.version),
        languages=", ".join(framework.languages),
        file=code(shown_path(framework.source)),
    )
)
if framework.description:
    st.markdown(md(tr(framework.description)))
lineage = lineage_sentence(framework, catalog)
overlays = catalog.overlays_of(framework.id)
if overlays:
    lineage += " " + _("Local versions of it: {versions}").format(
        versions=", ".join(md(f"{o.id} {o.version}") for o in overlays)
    )
st.markdown(lineage)
applicable = len(framework.criteria)
red_lines = sum(1 for c in framework.criteria if c.red_line)
locked = sum(1 for c in framework.criteria if c.locked)
st.caption(
    ", ".join(
        [
            ngettext("{count} dimension", "{count} dimensions", len(framework.dimensions)).format(
                count=len(framework.dimensions)
            ),
            ngettext("{count} question", "{count} questions", applicable).format(count=applicable),
            ngettext("{count} red line", "{count} red lines", red_lines).format(count=red_lines),
            ngettext("{count} locked", "{count} locked", locked).format(count=locked),
        ]
    )
    + "."
)

if parent is not None:
    changes_tab, questions_tab, scale_tab = st.tabs(
        [_("What this local version changes"), _("Questions"), _("Scale, bands and types")]
    )
    with changes_tab:
        framework_view.changes(framework, parent, diff)
else:
    questions_tab, scale_tab = st.tabs([_("Questions"), _("Scale, bands and types")])
with questions_tab:
    framework_view.dimensions(framework, diff)
with scale_tab:
    framework_view.overview(framework)
