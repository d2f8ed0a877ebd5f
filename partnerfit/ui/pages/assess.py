"""Assess a partner: partner and context, a step per dimension, review, finalise. ``?id=`` resumes, ``?step=``
keeps the step a reload lands on."""

import streamlit as st

from partnerfit.access import can_edit, creatable_affiliates
from partnerfit.errors import FrameworkNotFoundError
from partnerfit.i18n import _, ngettext
from partnerfit.results import framework_for
from partnerfit.ui import assess_panels as panels
from partnerfit.ui import assess_state as state
from partnerfit.ui import assess_steps as steps_ui
from partnerfit.ui import data, team_view
from partnerfit.ui.common import RESULT_PAGE, code, md, message_text, show_file_problems, tr
from partnerfit.ui.similar_partners import assessed_meanwhile
from partnerfit.walkthrough import unanswered

st.title(_("Assess a partner"))
catalog = data.catalog()
if not catalog.frameworks:
    st.error(
        _(
            "No framework could be loaded, so there is nothing to assess against. Fix the framework files "
            "listed below (or point PARTNERFIT_FRAMEWORKS at a folder of framework files)."
        )
    )
    show_file_problems(catalog.errors, _("framework file(s)"))
    st.stop()
collection = data.collection()

# ?reassess=<id>: the Result page's "Re-assess", a new draft of that partner
reassessed = st.query_params.get("reassess")
if reassessed and (problem := state.start_reassessment(reassessed)):
    st.error(problem, icon=":material/error:")
wanted = st.query_params.get("id")
if wanted and (state.draft() is None or state.draft().id != wanted):
    problem = state.load_by_id(wanted, state.step_from_url())
    if problem:
        st.error(problem, icon=":material/error:")
        st.button(
            _("Start a new assessment instead"), key="assess_new_after_error", on_click=panels.start_new
        )
        st.stop()
current = state.draft()
if current is not None and state.saved() is not None and st.query_params.get("id") != current.id:
    st.query_params["id"] = current.id  # a reload of this tab, or this link, resumes the draft
if current is None and creatable_affiliates(data.current_viewer()) == []:
    st.info(
        _(
            "Your role lets you read assessments, not make them. Ask a coordinator of your affiliate to make "
            "you an assessor."
        ),
        icon=":material/lock:",
    )
    st.stop()
if current is not None and not can_edit(data.current_viewer(), current):
    st.info(
        _("You may read this assessment for {affiliate} but not change it: see its Result page.").format(
            affiliate=md(current.affiliate)
        ),
        icon=":material/lock:",
    )
    st.page_link(RESULT_PAGE, label=_("Open its result"), query_params={"id": current.id})
    st.stop()
if current is not None and current.status != "draft":
    panels.final_view(current, catalog)
    st.stop()

framework, note = None, ""
if current is not None:
    try:
        basis = framework_for(current.framework, "draft", catalog, data.store())
        framework, note = basis.framework, basis.note
    except FrameworkNotFoundError as error:
        st.error(
            _("{problem}. Choose a loaded framework for this draft.").format(
                problem=message_text(str(error))
            ),
            icon=":material/error:",
        )
state.commit_pending_answers(framework)
current = state.draft()
steps = state.steps_for(current, framework)
position = min(state.step(), len(steps) + 1) if framework is not None and steps else 0
names = [_("Partner and context"), *(tr(s.dimension.title) for s in steps), _("Review and finalise")]
if current is not None and state.saved() is not None:
    state.keep_step_in_url(position)

top_left, top_right = st.columns([3, 1], vertical_alignment="center")
if steps:
    applicable = len(framework.applicable_criteria(current.partnership_types, current.size))
    done = applicable - len(unanswered(framework, current))
    answered = ngettext(
        "{done} of {count} question answered", "{done} of {count} questions answered", applicable
    ).format(done=done, count=applicable)
    top_left.progress(
        position / max(len(names) - 1, 1),
        text=_("Step {current} of {total}: {name} · {answered}").format(
            current=position + 1, total=len(names), name=md(names[position]), answered=answered
        ),
    )
else:  # no framework or types yet: how many steps follow is not known
    top_left.caption(
        _(
            "First step: the partner and the context. The questions follow once a framework and a "
            "partnership type are chosen."
        )
    )
if current is not None:
    with top_right:
        panels.draft_actions(current)
    status = (
        _("not saved yet")
        if state.saved() is None
        else _("unsaved changes")
        if state.is_dirty()
        else _("saved (revision {revision})").format(revision=current.revision)
    )
    st.caption(
        _("Draft of {partner}: {status}, id {id}").format(
            partner=md(current.partner.name), status=status, id=code(current.id)
        )
    )

shown = st.session_state.pop(state.MESSAGE, None)
if shown:
    getattr(st, shown[0])(message_text(shown[1]))
conflict = st.session_state.get(state.CONFLICT)
if conflict and current is not None:
    panels.conflict_box(current, conflict)
    if st.session_state.get("assess_conflict_told") != conflict:
        st.session_state["assess_conflict_told"] = conflict
        st.toast(
            _("Not saved: someone else changed this draft. See the top of the page."),
            icon=":material/sync_problem:",
        )
if current is not None and framework is not None:
    panels.version_banner(current, framework, note)
    team_view.assess_notice(current)
if current is not None:
    assessed_meanwhile(collection, current)

panels.scroll_up_after_a_step_change(position)
panels.warn_before_leaving_with_unsaved_text()
if steps:
    steps_ui.step_list(names, position)
if position == 0:
    steps_ui.context_step(catalog, collection, current, steps)
elif position <= len(steps):
    steps_ui.dimension_step(position, steps, framework, current)
else:
    score = steps_ui.review_step(steps, framework, current, catalog)
    panels.finalise_panel(current, framework, score, names[-2], position)
