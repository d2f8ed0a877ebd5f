"""The Result page's sharing and history: who may read this assessment, who changed it and when, and
deleting a draft. Every change goes through the access-controlled store, which checks the viewer's rights."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.access import can_change_sharing, can_delete_draft, sharing_of
from partnerfit.assessment import SHARING
from partnerfit.errors import PartnerfitError
from partnerfit.ui import common, data
from partnerfit.ui.common import SHARING_LABELS
from partnerfit.ui.result_view import Loaded

ACTION_LABELS = {
    "created": "created",
    "saved": "saved",
    "finalised": "finalised",
    "sharing": "changed sharing",
    "deleted": "deleted",
}


def sharing_and_history(loaded: Loaded) -> None:
    store = data.store()
    assessment, path = loaded.assessment, loaded.record.path
    current = sharing_of(assessment)
    if can_change_sharing(store.viewer, assessment):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        choice = left.selectbox(
            "Who may read it",
            SHARING,
            index=SHARING.index(current),
            key="result_sharing",
            format_func=SHARING_LABELS.get,
            help="Admins and the affiliate's members always may. Changing it is recorded below.",
        )
        if right.button("Change sharing", key="result_sharing_save", disabled=choice == current):
            try:
                store.set_sharing(assessment, choice, path)
            except PartnerfitError as error:
                common.show_error(error, "The sharing could not be changed.")
            else:
                st.rerun()
    else:
        st.write(f"Who may read it: {SHARING_LABELS[current].lower()}.")
    _audit(loaded)
    if assessment.status == "draft" and can_delete_draft(store.viewer, assessment):
        _delete(loaded)


def _audit(loaded: Loaded) -> None:
    entries = loaded.assessment.audit
    if not entries:
        st.caption("No changes recorded yet (files saved before sign-in existed have no history).")
        return
    rows = pd.DataFrame(
        {
            "When (UTC)": [e.at.strftime("%Y-%m-%d %H:%M") for e in reversed(entries)],
            "Who": [e.by or "(sign-in off)" for e in reversed(entries)],
            "What": [
                ACTION_LABELS[e.action] + (f": {e.detail}" if e.detail else "") for e in reversed(entries)
            ],
        }
    )
    with st.expander(f"History: {len(entries)} change(s)", icon=":material/history:"):
        st.dataframe(rows, hide_index=True, key="result_audit")


def _delete(loaded: Loaded) -> None:
    with st.expander("Delete this draft", icon=":material/delete:"):
        st.caption(
            "The file is moved to the .deleted folder beside the assessments, with who deleted it and when."
        )
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
