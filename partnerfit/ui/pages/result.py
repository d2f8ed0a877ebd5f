"""Result: one assessment's recommendation and why, its scores next to others, conditions, answers, downloads.

Opened with ``?id=<assessment id>`` (the walk-through links here after finalising), else the one last viewed in
this session, or choose an assessment.
"""

import streamlit as st

from partnerfit.errors import PartnerfitError
from partnerfit.i18n import _
from partnerfit.ui import (
    assess_panels,
    common,
    data,
    outcome_view,
    partner_view,
    result_access,
    result_answers,
    result_compare,
    result_history,
    result_view,
    team_view,
    verdict_view,
)
from partnerfit.verdict import explain

st.title(_("Result"), anchor=False)
deleted = st.session_state.pop(result_access.DELETED, None)
if deleted:
    st.success(
        _("The draft for {partner} was deleted.").format(partner=common.md(deleted)), icon=":material/delete:"
    )
withdrawn = st.session_state.pop(result_access.WITHDRAWN, None)
if withdrawn:
    st.success(
        _("The assessment of {partner} was withdrawn.").format(partner=common.md(withdrawn)),
        icon=":material/undo:",
    )

collection = data.collection()
common.show_file_problems(collection.errors, "assessment file(s)")
if not collection.records:
    st.info(
        _(
            "There are no assessments in {folder} yet. Start one on **Assess a partner**; its result will appear "
            "here."
        ).format(folder=common.md(str(data.settings().assessments_dir))),
        icon=":material/inbox:",
    )
    st.page_link(common.ASSESS_PAGE, label=_("Assess a partner"), icon=":material/checklist:")
    st.stop()

record = result_view.choose_record(collection)
if record is None:
    st.info(_("Choose an assessment to see its result."), icon=":material/arrow_upward:")
    st.stop()

try:
    loaded = result_view.load(record, data.catalog(), data.store())
except PartnerfitError as error:
    st.subheader(common.md(record.partner_name), anchor=False)
    common.show_error(
        error,
        _("This assessment cannot be shown: {file} could not be scored.").format(
            file=common.md(common.shown_path(record.path))
        ),
    )
    st.stop()

target = result_view.target_level_chosen(loaded.framework)
verdict = explain(
    loaded.framework, loaded.assessment, loaded.score, language=common.language(), target=target
)
result_view.header(loaded)
result_access.reassess(loaded)
result_view.recommendation(loaded, verdict)
assess_panels.override_note(loaded.assessment)
team_view.notice(loaded)
outcome_view.review(loaded)
result_view.why(loaded, verdict)

st.subheader(_("Scores"), anchor=False)
result_compare.scores_chart(loaded)

st.subheader(_("Next to other assessments"), anchor=False)
same_partner = result_compare.same_partner_ids(loaded, collection)
comparison = result_compare.comparison(loaded, collection, same_partner)
history = result_compare.history(loaded, collection, same_partner)

st.subheader(verdict_view.conditions_heading(verdict), anchor=False)
result_view.target_level(loaded.framework)
result_view.conditions(verdict, list(verdict.conditions))
partner_view.agreed_conditions_note(loaded, verdict)
outcome_view.tracked(loaded, list(verdict.conditions))

st.subheader(_("Answers"), anchor=False)
result_answers.answers_table(loaded)
team_view.section(loaded)

partner_view.section(loaded, verdict)

st.subheader(_("Sharing and history"), anchor=False)
result_access.sharing(loaded)
result_history.revisions(loaded, data.store())

st.subheader(_("Share"), anchor=False)
result_answers.downloads(loaded, verdict, result_answers.result_link(loaded.record.id), comparison, history)
