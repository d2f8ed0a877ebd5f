"""The Result page's sharing and corrections: who may read this assessment (changed by its coordinators),
deleting a draft, withdrawing a mistaken final, and re-assessing the partner in a new draft. Every change goes
through the access-controlled store, which checks the viewer's rights and records the author in the history
(shown below it by ``result_history``)."""

from __future__ import annotations

import streamlit as st

from partnerfit.access import (
    can_change_sharing,
    can_delete_draft,
    can_finalise,
    creatable_affiliates,
    sharing_of,
)
from partnerfit.assessment import SHARING
from partnerfit.errors import PartnerfitError
from partnerfit.i18n import _
from partnerfit.ui import common, data
from partnerfit.ui.common import SHARING_LABELS
from partnerfit.ui.result_view import CHOICE_KEY, LAST_VIEWED, Loaded

DELETED = "result_deleted"  # the partner name of a draft just deleted (the page says so once)
WITHDRAWN = "result_withdrawn"  # the partner name of a final just withdrawn


def sharing(loaded: Loaded) -> None:
    store = data.store()
    assessment = loaded.assessment
    current = sharing_of(assessment)
    if can_change_sharing(store.viewer, assessment):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        choice = left.selectbox(
            _("Who may read it"),
            SHARING,
            index=SHARING.index(current),
            key="result_sharing",
            format_func=lambda value: _(SHARING_LABELS[value]),
            help=_(
                "Admins and the affiliate’s members always may. Changing it is recorded in the history below."
            ),
        )
        if right.button(_("Change sharing"), key="result_sharing_save", disabled=choice == current):
            try:
                store.set_sharing(assessment, choice)
            except PartnerfitError as error:
                common.show_error(error, _("The sharing could not be changed."))
            else:
                st.rerun()
    else:
        st.write(_("Who may read it: {who}.").format(who=_(SHARING_LABELS[current]).lower()))
    if assessment.status == "draft" and can_delete_draft(store.viewer, assessment):
        _delete(loaded)
    if assessment.status == "final" and can_finalise(store.viewer, assessment):
        _withdraw(loaded)


def _delete(loaded: Loaded) -> None:
    with st.expander(_("Delete this draft"), icon=":material/delete:"):
        st.caption(
            _("It disappears from the lists; its history keeps every revision, who deleted it and when.")
        )
        sure = st.checkbox(_("Yes, delete this draft"), key="result_delete_sure")
        if st.button(_("Delete draft"), key="result_delete", disabled=not sure):
            try:
                data.store().delete_draft(loaded.assessment.id)
            except PartnerfitError as error:
                common.show_error(error, _("The draft could not be deleted."))
                return
            st.query_params.pop("id", None)
            st.session_state.pop(CHOICE_KEY, None)
            st.session_state.pop(LAST_VIEWED, None)
            st.session_state[DELETED] = loaded.assessment.partner.name
            st.rerun()


def _withdraw(loaded: Loaded) -> None:
    """A final assessment made by mistake is withdrawn, with a reason: it stays in the history and on this page
    (marked withdrawn), and leaves every comparison."""
    with st.expander(_("Withdraw this final assessment"), icon=":material/undo:"):
        st.caption(
            _(
                "For a result that should not count (a test, a mistake, a partnership called off): it is kept, "
                "marked withdrawn with your reason, and left out of every comparison."
            )
        )
        reason = st.text_area(
            _("Why is it withdrawn? (required)"), key="result_withdraw_reason", max_chars=2000, height=80
        )
        if st.button(
            _("Withdraw"), key="result_withdraw", disabled=not reason.strip(), icon=":material/undo:"
        ):
            try:
                data.store().withdraw(loaded.assessment.id, reason=reason.strip(), author=data.author())
            except PartnerfitError as error:
                common.show_error(error, _("The assessment could not be withdrawn."))
                return
            st.session_state.pop("result_withdraw_reason", None)
            st.session_state[WITHDRAWN] = loaded.assessment.partner.name
            st.rerun()


def reassess(loaded: Loaded) -> None:
    """A final (or withdrawn) result is frozen: a new draft of the same partner starts on the Assess page; a
    draft is continued there."""
    assessment = loaded.assessment
    if assessment.status == "draft":
        st.page_link(
            common.ASSESS_PAGE,
            label=_("Continue this draft"),
            icon=":material/edit:",
            query_params={"id": assessment.id},
        )
        return
    allowed = creatable_affiliates(data.current_viewer())
    if allowed is not None and assessment.affiliate not in allowed:
        return  # only those who may assess for its affiliate start a new draft
    if st.button(_("Re-assess this partner (a new draft)"), key="result_reassess", icon=":material/replay:"):
        st.switch_page(common.ASSESS_PAGE, query_params={"reassess": assessment.id})
