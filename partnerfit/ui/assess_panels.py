"""The Assess page's panels around the steps: a final assessment, a save conflict, an older framework version,
orphan answers, and finalising.
"""

from __future__ import annotations

import streamlit as st

from partnerfit.access import can_finalise
from partnerfit.assessment import Assessment, new_assessment_id, orphan_answers
from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import PartnerfitError, SaveConflictError
from partnerfit.framework import Framework
from partnerfit.scoring import INCOMPLETE, ScoreResult
from partnerfit.store import FILE_HEADER
from partnerfit.store.base import describe_changes
from partnerfit.ui import assess_state as state
from partnerfit.ui import data
from partnerfit.ui.common import RESULT_PAGE, md, message_text, show_error
from partnerfit.walkthrough import move_to_framework, reassess, without_answers
from partnerfit.yamlio import dump_yaml


def start_new() -> None:
    state.start_new()
    st.query_params.clear()


def scroll_up_after_a_step_change(position: int) -> None:
    """Show a new step from its top: the buttons that change step sit at the bottom of the long page, and
    Streamlit keeps the scroll position, which would leave the team at the end of the next step."""
    if st.session_state.pop(state.SCROLL_UP, False):
        st.html(
            f"<script>/* step {position} */ "
            "document.querySelector('[data-testid=\"stMain\"]')?.scrollTo({top: 0});</script>",
            unsafe_allow_javascript=True,
        )


def final_view(current: Assessment, catalog: FrameworkCatalog) -> None:
    """A final assessment is not edited here: see its result, or re-assess the partner in a new draft."""
    st.info(
        f"The assessment of **{md(current.partner.name)}** by **{md(current.affiliate)}** is final "
        f"({current.updated or current.created}): it can no longer be changed.",
        icon=":material/lock:",
    )
    st.page_link(
        RESULT_PAGE, label="See its result", icon=":material/assessment:", query_params={"id": current.id}
    )
    if st.button("Re-assess this partner (a new draft)", key="assess_reassess", type="primary"):
        framework = catalog.get(current.framework.id)
        if framework is None:
            st.error(
                f"Framework {md(repr(current.framework.id))} is not loaded, so a new draft cannot use it."
            )
            return
        state.start_new()
        st.session_state[state.DRAFT] = reassess(current, framework, assessment_id=new_assessment_id())
        if state.save(force=True):
            state.open_assessment(state.draft(), framework)
            state.message("success", "A new draft of the same partner: check the details, then answer again.")
            st.session_state[state.STEP] = 0
            st.query_params["id"] = state.draft().id
        st.rerun()
    st.button("Start a new assessment", key="assess_new_from_final", on_click=start_new)


def conflict_box(current: Assessment, conflict: str) -> None:
    """Someone saved the file meanwhile: nothing is overwritten, the team's answers stay in this tab."""
    with st.container(border=True, key="assess_conflict_box"):
        st.error(
            "**Not saved: someone else changed this draft.** Nothing was overwritten, and your answers are "
            "kept in this browser tab. Choose what to do:",
            icon=":material/sync_problem:",
        )
        left, middle, right = st.columns(3)
        left.button(
            "Keep mine as a new draft",
            key="assess_conflict_copy",
            on_click=state.save_as_copy,
            help="Saves your version in a new file; the other version stays as it is.",
        )
        middle.button(
            "Load their version (drop my changes)",
            key="assess_conflict_reload",
            on_click=state.reload_from_disk,
        )
        right.download_button(
            "Download my version",
            data=FILE_HEADER + dump_yaml(current.to_data()),
            file_name=f"{current.id}-mine.yaml",
            mime="application/yaml",
            key="assess_conflict_download",
        )
        st.caption(message_text(conflict))
        theirs_changed(state.saved(), st.session_state.get(state.THEIRS))


def theirs_changed(base: Assessment | None, theirs: Assessment | None) -> None:
    """What the other person's save changed, relative to the version this tab started from."""
    if theirs is None:
        return
    changes = describe_changes(base, theirs) if base is not None else ()
    if base is not None and base.revision != theirs.revision and changes:
        st.markdown(
            f"**What the other person changed** (revision {base.revision} → {theirs.revision}):\n\n"
            + "\n".join(f"- {md(line)}" for line in changes)
        )


def version_banner(current: Assessment, framework: Framework, note: str) -> None:
    """An older framework version in the draft, and answers to questions the framework no longer has."""
    if note:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.warning(
            f"This draft was started with {md(current.framework.id)} {md(current.framework.version)}; the "
            f"loaded version is {md(framework.version)}. It is shown with the loaded version.",
            icon=":material/update:",
        )
        if right.button(f"Move it to {framework.version}", key="assess_move_on"):
            st.session_state[state.DRAFT] = move_to_framework(current, framework)
            state.autosave()
            st.rerun()
    orphans = orphan_answers(current, framework)
    if orphans:
        label = (
            f":material/inventory_2: {len(orphans)} answer(s) to questions this framework no longer has: "
            "kept in the file, not counted"
        )
        with st.expander(label):
            st.dataframe(
                [
                    {
                        "Question id": crit,
                        "Level": str(a.level),
                        "Notes": a.notes or "",
                        "Evidence": " ".join(a.evidence),
                    }
                    for crit, a in orphans.items()
                ],
                hide_index=True,
            )


def finalise_panel(
    current: Assessment, framework: Framework, score: ScoreResult, back_label: str, position: int
) -> None:
    """Finalise: snapshot the framework, mark final, and open the result page."""
    orphans = orphan_answers(current, framework)
    if orphans:
        st.warning(
            f"{len(orphans)} answer(s) are to questions this framework no longer has (listed above). A final "
            "assessment can only hold answers to its framework's questions: remove them to finalise."
        )
        if st.button("Remove these answers from the draft", key="assess_drop_orphans"):
            st.session_state[state.DRAFT] = without_answers(current, set(orphans))
            state.autosave()
            st.rerun()
    st.markdown(
        "**Finalising** freezes the answers and the framework they were given with, so the result can be "
        "compared later. You can't edit a final assessment, but you can re-assess the partner any time."
    )
    confirmed = True
    if score.recommendation == INCOMPLETE:
        confirmed = st.checkbox(
            "Finalise anyway: the result will say \u201cincomplete\u201d", key="assess_confirm"
        )
    back, _, forward = st.columns([2, 1, 2], vertical_alignment="center")
    back.button(
        f"Back: {md(back_label)}",
        key="assess_back_review",
        icon=":material/arrow_back:",
        on_click=state.go_to,
        args=(position - 1,),
    )
    may_finalise = can_finalise(data.current_viewer(), current)
    if not may_finalise:
        st.info(
            f"Only a coordinator of {md(current.affiliate)} can finalise. The draft is saved: ask one of them to "
            "open it and finalise it.",
            icon=":material/lock:",
        )
    blocked = bool(st.session_state.get(state.CONFLICT) or orphans) or not confirmed or not may_finalise
    if not forward.button(
        "Finalise and see the result",
        key="assess_finalise",
        type="primary",
        icon=":material/task_alt:",
        disabled=blocked,
    ):
        return
    try:
        final = data.store().finalise(current, framework, author=data.author())
    except SaveConflictError as error:
        st.session_state[state.CONFLICT] = str(error)
        st.session_state[state.THEIRS] = error.current
        st.rerun()
    except PartnerfitError as error:
        show_error(error, "The assessment could not be finalised.")
    else:
        state.reset()
        st.switch_page(RESULT_PAGE, query_params={"id": final.id})
