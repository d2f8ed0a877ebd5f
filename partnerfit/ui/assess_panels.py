"""The Assess page's panels around the steps: a final assessment, a save conflict, an older framework version,
orphan answers, and finalising.
"""

from __future__ import annotations

import streamlit as st

from partnerfit.access import can_delete_draft, can_finalise
from partnerfit.assessment import Assessment, new_assessment_id, orphan_answers
from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import PartnerfitError, SaveConflictError
from partnerfit.framework import Framework
from partnerfit.i18n import _, format_date, format_percent, ngettext
from partnerfit.scoring import INCOMPLETE, ScoreResult
from partnerfit.store import FILE_HEADER
from partnerfit.store.base import describe_changes
from partnerfit.ui import assess_state as state
from partnerfit.ui import data
from partnerfit.ui.common import RESULT_PAGE, language, md, message_text, show_error
from partnerfit.walkthrough import move_to_framework, reassess, without_answers
from partnerfit.yamlio import dump_yaml


def start_new() -> None:
    """Leave the draft (it is saved) for a new one; the address keeps its language."""
    state.start_new()
    for name in ("id", state.STEP_PARAM):
        if name in st.query_params:
            del st.query_params[name]


def delete_draft() -> None:
    state.delete_draft()
    if state.draft() is None:
        for name in ("id", state.STEP_PARAM):
            if name in st.query_params:
                del st.query_params[name]


def draft_actions(current: Assessment) -> None:
    """New assessment, and deleting this draft after a confirmation (coordinators, or anyone with sign-in off)."""
    st.button(
        _("New assessment"),
        key="assess_new",
        icon=":material/add:",
        on_click=start_new,
        help=_("Leave this draft (it is saved) and start assessing another partner."),
        width="stretch",
    )
    if not can_delete_draft(data.current_viewer(), current):
        return
    with st.popover(_("Delete draft"), icon=":material/delete:", width="stretch"):
        st.warning(
            _(
                "Delete the draft of {partner} with all its answers? It disappears from the lists and "
                "comparisons; only its history keeps a trace. This cannot be undone here."
            ).format(partner=md(current.partner.name)),
            icon=":material/delete_forever:",
        )
        st.button(
            _("Yes, delete this draft"),
            key="assess_delete_confirm",
            type="primary",
            icon=":material/delete:",
            on_click=delete_draft,
        )


# A field sends what was typed in it when it loses focus (or on Ctrl+Enter). On the Assess page typed text is also
# sent after a pause in typing (as Ctrl+Enter would; not evidence links, which are checked when sent), and before
# the tab is closed or reloaded the browser asks first while anything typed is still unsent.
UNSENT_TEXT_GUARD = """<script>(() => {
  if (window.partnerfitUnsentTextGuard) return;
  window.partnerfitUnsentTextGuard = true;
  const fields = 'textarea, input[type=text]:not([role=combobox])';
  let unsent = null, timer = null;
  const send = field => {
    if (!field || !field.isConnected) return;
    field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', ctrlKey: true, bubbles: true}));
    unsent = null;
  };
  document.addEventListener('input', event => {
    const field = event.target;
    if (!field.matches(fields) || !field.closest('[data-testid="stMain"]')) return;
    unsent = field;
    clearTimeout(timer);
    if (!field.closest('[class*="st-key-assess_evidence"]')) timer = setTimeout(() => send(field), 1500);
  }, true);
  document.addEventListener('focusout', () => { unsent = null; clearTimeout(timer); }, true);
  document.addEventListener('visibilitychange', () => { if (document.hidden && unsent) send(unsent); });
  window.addEventListener('beforeunload', event => {
    if (!unsent) return;
    send(unsent);
    event.preventDefault();
    event.returnValue = '';
  });
})();</script>"""


def warn_before_leaving_with_unsaved_text() -> None:
    """Nothing typed is lost: it is sent after a pause in typing, and the browser asks before leaving while
    something typed is still unsent (see ``UNSENT_TEXT_GUARD``)."""
    st.html(UNSENT_TEXT_GUARD, unsafe_allow_javascript=True)


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
    """A final (or withdrawn) assessment is not edited here: see its result, or re-assess the partner in a new
    draft."""
    if current.withdrawal is not None:
        st.info(
            _(
                "The assessment of **{partner}** by **{affiliate}** was withdrawn ({date}; reason: {reason}): it "
                "can no longer be changed."
            ).format(
                partner=md(current.partner.name),
                affiliate=md(current.affiliate),
                date=format_date(current.withdrawal.date),
                reason=md(current.withdrawal.reason),
            ),
            icon=":material/lock:",
        )
    else:
        st.info(
            _(
                "The assessment of **{partner}** by **{affiliate}** is final ({date}): it can no longer be "
                "changed."
            ).format(
                partner=md(current.partner.name),
                affiliate=md(current.affiliate),
                date=format_date(current.updated or current.created),
            ),
            icon=":material/lock:",
        )
    st.page_link(
        RESULT_PAGE, label=_("See its result"), icon=":material/assessment:", query_params={"id": current.id}
    )
    if st.button(_("Re-assess this partner (a new draft)"), key="assess_reassess", type="primary"):
        framework = catalog.get(current.framework.id)
        if framework is None:
            st.error(
                _("Framework {framework} is not loaded, so a new draft cannot use it.").format(
                    framework=md(repr(current.framework.id))
                )
            )
            return
        state.start_new()
        st.session_state[state.DRAFT] = reassess(current, framework, assessment_id=new_assessment_id())
        if state.save(force=True):
            state.open_assessment(state.draft(), framework)
            state.message(
                "success", _("A new draft of the same partner: check the details, then answer again.")
            )
            st.session_state[state.STEP] = 0
            st.query_params["id"] = state.draft().id
        st.rerun()
    st.button(_("Start a new assessment"), key="assess_new_from_final", on_click=start_new)


def conflict_box(current: Assessment, conflict: str) -> None:
    """Someone saved the file meanwhile: nothing is overwritten, the team's answers stay in this tab."""
    with st.container(border=True, key="assess_conflict_box"):
        st.error(
            _(
                "**Not saved: someone else changed this draft.** Nothing was overwritten, and your answers are "
                "kept in this browser tab. Choose what to do:"
            ),
            icon=":material/sync_problem:",
        )
        left, middle, right = st.columns(3)
        left.button(
            _("Keep mine as a new draft"),
            key="assess_conflict_copy",
            on_click=state.save_as_copy,
            help=_("Saves your version in a new file; the other version stays as it is."),
        )
        middle.button(
            _("Load their version (drop my changes)"),
            key="assess_conflict_reload",
            on_click=state.reload_from_disk,
        )
        right.download_button(
            _("Download my version"),
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
            _("**What the other person changed** (revision {before} → {after}):").format(
                before=base.revision, after=theirs.revision
            )
            + "\n\n"
            + "\n".join(f"- {md(line)}" for line in changes)
        )


def version_banner(current: Assessment, framework: Framework, note: str) -> None:
    """An older framework version in the draft, and answers to questions the framework no longer has."""
    if note:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.warning(
            _(
                "This draft was started with {framework} {version}; the loaded version is {loaded}. It is shown "
                "with the loaded version."
            ).format(
                framework=md(current.framework.id),
                version=md(current.framework.version),
                loaded=md(framework.version),
            ),
            icon=":material/update:",
        )
        if right.button(_("Move it to {version}").format(version=framework.version), key="assess_move_on"):
            st.session_state[state.DRAFT] = move_to_framework(current, framework)
            state.autosave()
            st.rerun()
    orphans = orphan_answers(current, framework)
    if orphans:
        label = ":material/inventory_2: " + ngettext(
            "{count} answer to a question this framework no longer has: kept in the file, not counted",
            "{count} answers to questions this framework no longer has: kept in the file, not counted",
            len(orphans),
        ).format(count=len(orphans))
        with st.expander(label):
            st.dataframe(
                [
                    {
                        _("Question id"): crit,
                        _("Level"): str(a.level),
                        _("Notes"): a.notes or "",
                        _("Evidence"): " ".join(a.evidence),
                    }
                    for crit, a in orphans.items()
                ],
                hide_index=True,
            )


def finalise_panel(
    current: Assessment, framework: Framework, score: ScoreResult, back_label: str, position: int
) -> None:
    """Finalise: snapshot the framework, mark final, and open the result page. Below the framework's minimum
    completeness (or with a red-line question open) only with a coordinator's written reason, kept in the file."""
    orphans = orphan_answers(current, framework)
    if orphans:
        st.warning(
            ngettext(
                "{count} answer is to a question this framework no longer has (listed above). A final "
                "assessment can only hold answers to its framework's questions: remove it to finalise.",
                "{count} answers are to questions this framework no longer has (listed above). A final "
                "assessment can only hold answers to its framework's questions: remove them to finalise.",
                len(orphans),
            ).format(count=len(orphans))
        )
        if st.button(_("Remove these answers from the draft"), key="assess_drop_orphans"):
            st.session_state[state.DRAFT] = without_answers(current, set(orphans))
            state.autosave()
            st.rerun()
    st.markdown(
        _(
            "**Finalising** freezes the answers and the framework they were given with, so the result can be "
            "compared later. You can't edit a final assessment, but you can re-assess the partner any time."
        )
    )
    may_finalise = can_finalise(data.current_viewer(), current)
    reason = override_reason(current, framework, score, may_finalise)
    back, _gap, forward = st.columns([2, 1, 2], vertical_alignment="center")
    back.button(
        _("Back: {step}").format(step=md(back_label)),
        key="assess_back_review",
        icon=":material/arrow_back:",
        on_click=state.go_to,
        args=(position - 1,),
    )
    if not may_finalise:
        st.info(
            _(
                "Only a coordinator of {affiliate} can finalise. The draft is saved: ask one of them to open it "
                "and finalise it."
            ).format(affiliate=md(current.affiliate)),
            icon=":material/lock:",
        )
    blocked = bool(st.session_state.get(state.CONFLICT) or orphans) or reason is None or not may_finalise
    if not forward.button(
        _("Finalise and see the result"),
        key="assess_finalise",
        type="primary",
        icon=":material/task_alt:",
        disabled=blocked,
    ):
        return
    if reason:
        current = current.model_copy(update={"completeness_override": reason})
    try:
        final = data.store().finalise(current, framework, author=data.author())
    except SaveConflictError as error:
        st.session_state[state.CONFLICT] = str(error)
        st.session_state[state.THEIRS] = error.current
        st.rerun()
    except PartnerfitError as error:
        show_error(error, _("The assessment could not be finalised."))
    else:
        state.reset()
        st.switch_page(RESULT_PAGE, query_params={"id": final.id, "lang": language()})


def override_reason(
    current: Assessment, framework: Framework, score: ScoreResult, may_finalise: bool
) -> str | None:
    """An empty string when the draft may be finalised as it is; the coordinator's written reason when it is
    finalised below the minimum; None while it may not be finalised (no answer at all, or no reason written)."""
    if score.recommendation != INCOMPLETE and score.completeness >= framework.min_completeness:
        return ""
    st.warning(
        _(
            "Not complete enough to finalise: {answered} of {applicable} questions answered ({share}); the "
            "framework {framework} asks for at least {minimum}, with every red-line question answered."
        ).format(
            answered=score.answered,
            applicable=score.applicable,
            share=format_percent(score.completeness),
            framework=md(framework.id),
            minimum=format_percent(framework.min_completeness),
        ),
        icon=":material/rule:",
    )
    if score.answered == 0:
        st.error(
            _("With no question answered there is nothing to finalise: answer the questions first."),
            icon=":material/block:",
        )
        return None
    if not may_finalise:
        return None
    if not st.checkbox(
        _("Finalise it incomplete anyway (coordinators only)"),
        key="assess_override",
        help=_(
            "The result will say incomplete, and your reason is kept in the assessment and shown with it."
        ),
    ):
        return None
    written = st.text_area(
        _("Why finalise it incomplete? (required, kept in the assessment and shown on its result)"),
        key="assess_override_reason",
        max_chars=2000,
        placeholder=_("e.g. the partner withdrew; we record what we had learned so far"),
    )
    return written.strip() or None


def override_note(assessment: Assessment) -> None:
    """On the Result page: a final assessment a coordinator finalised below the minimum, with the reason given."""
    if assessment.completeness_override:
        st.warning(
            _(
                "Finalised below the framework's minimum completeness by a coordinator. Reason given: {reason}"
            ).format(reason=md(assessment.completeness_override)),
            icon=":material/rule:",
        )
