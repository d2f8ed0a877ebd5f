"""Home: what partnerfit does, start or resume an assessment, recent results, open a file someone sent."""

import streamlit as st

from partnerfit.i18n import _, format_date, ngettext
from partnerfit.ui import assess_state, data, follow_up_home
from partnerfit.ui.common import (
    ASSESS_PAGE,
    RESULT_PAGE,
    code,
    md,
    recommendation_badge,
    show_file_problems,
    show_unscored,
    shown_path,
)
from partnerfit.ui.upload import uploaded_assessment

SHOWN = 6

st.title("partnerfit")
st.markdown(
    _(
        "**Is this museum, university, research institute or company a good partner for your Wikimedia "
        "affiliate?** partnerfit walks your team through questions on the movement's values (free licences, "
        "privacy, independence and more), then gives scores, red lines and a recommendation you can set next to "
        "earlier assessments."
    )
)
if st.button(_("Start a new assessment"), key="home_start", type="primary", icon=":material/add:"):
    assess_state.start_new()
    st.switch_page(ASSESS_PAGE)

catalog = data.catalog()
if not catalog.frameworks:
    st.error(
        _(
            "No framework could be loaded, so assessments cannot be made or scored yet. See the Frameworks page "
            "for the problems in the framework files."
        ),
        icon=":material/error:",
    )
collection = data.collection()
records = sorted(collection.records, key=lambda r: (r.date is not None, r.date, r.id), reverse=True)
drafts = [r for r in records if r.status == "draft"]
finals = [r for r in records if r.status == "final"]
scores = collection.table.assessments.set_index("id") if collection.table is not None else None

drafts_column, results_column = st.columns(2, gap="large")
with drafts_column:
    st.subheader(_("Continue a draft"))
    if not drafts:
        st.caption(_("No drafts in progress."))
    for record in drafts[:SHOWN]:
        with st.container(gap=None):
            st.page_link(
                ASSESS_PAGE,
                label=md(record.partner_name),
                icon=":material/edit_note:",
                query_params={"id": record.id},
            )
            caption = _("{affiliate} · last saved {date}") if record.date else _("{affiliate} · date unknown")
            st.caption(caption.format(affiliate=md(record.affiliate), date=format_date(record.date)))
    if len(drafts) > SHOWN:
        names = {
            r.id: f"{r.partner_name} · {r.affiliate}" for r in drafts
        }  # one lookup per option, not a scan
        choice = st.selectbox(
            ngettext("All {count} drafts", "All {count} drafts", len(drafts)).format(count=len(drafts)),
            list(names),
            key="home_all_drafts",
            format_func=names.__getitem__,
        )
        if st.button(_("Continue this draft"), key="home_continue"):
            assess_state.reset()
            st.switch_page(ASSESS_PAGE, query_params={"id": choice})

with results_column:
    st.subheader(_("Recent results"))
    if not finals:
        st.caption(_("No final assessments yet."))
    for record in finals[:SHOWN]:
        badge = ":gray-badge[{}]".format(_("not scored"))
        if scores is not None and record.id in scores.index:
            row = scores.loc[record.id]
            badge = recommendation_badge(row["recommendation"], row["framework_id"], catalog)
        with st.container(gap=None):
            st.page_link(
                RESULT_PAGE,
                label=md(record.partner_name),
                icon=":material/assessment:",
                query_params={"id": record.id},
            )
            st.caption(
                "{badge} {affiliate} · {date}".format(
                    badge=badge, affiliate=md(record.affiliate), date=format_date(record.date) or _("undated")
                )
            )
    if len(finals) > SHOWN:
        more = len(finals) - SHOWN
        st.caption(
            ngettext("{count} more on the Compare page.", "{count} more on the Compare page.", more).format(
                count=more
            )
        )

follow_up_home.section(records, catalog)

if not records:
    st.info(
        _(
            "There are no assessments in the assessments folder yet: start the first one with the button above."
        ),
        icon=":material/waving_hand:",
    )

st.subheader(_("Open an assessment file someone sent you"))
st.caption(
    _(
        "It is checked first. Then you can look at its result without saving anything, or add it to your "
        "assessments. An existing file is never overwritten."
    )
)
uploaded_assessment(catalog, collection)

show_file_problems(collection.errors, "assessment file(s)")
if collection.table is not None:
    show_unscored(collection.table.problems, "")
st.caption(
    ngettext("{count} assessment in {folder}.", "{count} assessments in {folder}.", len(records)).format(
        count=len(records), folder=code(shown_path(data.settings().assessments_dir))
    )
)
