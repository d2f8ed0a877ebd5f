"""The Result page's history: every saved revision (who, when, what changed), and restoring an earlier one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.access import can_edit
from partnerfit.errors import PartnerfitError, SaveConflictError
from partnerfit.store import Revision, Store
from partnerfit.ui import common, data
from partnerfit.ui.result_view import Loaded

ACTIONS = {
    "create": "created",
    "save": "saved",
    "finalise": "finalised",
    "restore": "restored",
    "import": "imported",
    "delete": "deleted",
}


def _when(revision: Revision) -> str:
    return revision.at.strftime("%Y-%m-%d %H:%M UTC") if revision.at.tzinfo else revision.at.isoformat()


def revisions(loaded: Loaded, store: Store) -> None:
    """The history table, newest first; a draft can go back to an earlier revision (as a new revision)."""
    current = loaded.assessment
    try:
        history = store.history(current.id)
    except PartnerfitError as error:
        common.show_error(error, "The history of this assessment cannot be shown.")
        return
    rows = [
        {
            "Revision": r.revision,
            "When": _when(r),
            "Who": r.author or "–",
            "What": ACTIONS.get(r.action, r.action),
            "What changed": "; ".join(r.changes),
        }
        for r in reversed(history)
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="result_history",
        column_config={"What changed": st.column_config.TextColumn(width="large")},
    )
    if current.status == "final":
        st.caption("A final assessment is frozen: to change it, re-assess the partner in a new draft.")
        return
    if not can_edit(data.current_viewer(), current):
        return  # restoring is a save: only for those who may change it
    earlier = {r.revision: r for r in history if r.assessment is not None and r.revision != current.revision}
    if not earlier:
        return
    chosen = st.selectbox(
        "Go back to an earlier revision",
        list(reversed(earlier)),
        index=None,
        key="result_restore_choice",
        placeholder="Choose a revision",
        format_func=lambda n: f"Revision {n} · {_when(earlier[n])} · {earlier[n].author or 'no name'}",
        help="Restoring saves that revision again as a new one: nothing in the history is lost.",
    )
    if chosen is None:
        return
    if st.button(f"Restore revision {chosen}", key="result_restore", icon=":material/history:"):
        try:
            restored = store.restore(current.id, chosen, author=data.author())
        except SaveConflictError as error:
            st.error(f"Not restored: {common.message_text(str(error))}", icon=":material/sync_problem:")
            return
        except PartnerfitError as error:
            common.show_error(error, "The revision could not be restored.")
            return
        st.session_state.pop("result_restore_choice", None)
        st.toast(f"Revision {chosen} restored as revision {restored.revision}.", icon=":material/history:")
        st.rerun()
