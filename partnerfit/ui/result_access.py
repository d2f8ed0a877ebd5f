"""The Result page's sharing: who may read this assessment (changed by its coordinators), and deleting a draft.
Every change goes through the access-controlled store, which checks the viewer's rights and records the author in
the history (shown below it by ``result_history``)."""

from __future__ import annotations

import streamlit as st

from partnerfit.access import can_change_sharing, can_delete_draft, sharing_of
from partnerfit.assessment import SHARING
from partnerfit.errors import PartnerfitError
from partnerfit.ui import common, data
from partnerfit.ui.common import SHARING_LABELS, sharing_label
from partnerfit.ui.result_view import Loaded


def sharing(loaded: Loaded) -> None:
    store = data.store()
    assessment = loaded.assessment
    current = sharing_of(assessment)
    if can_change_sharing(store.viewer, assessment):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        choice = left.selectbox(
            "Who may read it",
            SHARING,
            index=SHARING.index(current),
            key="result_sharing",
            format_func=sharing_label,
            help="Admins and the affiliate's members always may. Changing it is recorded in the history below.",
        )
        if right.button("Change sharing", key="result_sharing_save", disabled=choice == current):
            try:
                store.set_sharing(assessment, choice)
            except PartnerfitError as error:
                common.show_error(error, "The sharing could not be changed.")
            else:
                st.rerun()
    else:
        st.write(f"Who may read it: {SHARING_LABELS[current].lower()}.")
    if assessment.status == "draft" and can_delete_draft(store.viewer, assessment):
        _delete(loaded)


def _delete(loaded: Loaded) -> None:
    with st.expander("Delete this draft", icon=":material/delete:"):
        st.caption("It disappears from the lists; its history keeps every revision, who deleted it and when.")
        sure = st.checkbox("Yes, delete this draft", key="result_delete_sure")
        if st.button("Delete draft", key="result_delete", disabled=not sure):
            try:
                data.store().delete_draft(loaded.assessment.id)
            except PartnerfitError as error:
                common.show_error(error, "The draft could not be deleted.")
                return
            st.query_params.pop("id", None)
            st.session_state.pop("result_assessment", None)
            st.session_state["result_deleted"] = loaded.assessment.partner.name
            st.rerun()
