"""The Result page's history: every saved revision (who, when, what changed), and restoring an earlier one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.access import can_edit
from partnerfit.errors import PartnerfitError, SaveConflictError
from partnerfit.i18n import N_, _, format_datetime
from partnerfit.store import Revision, Store
from partnerfit.store.base import describe_changes
from partnerfit.ui import common, data
from partnerfit.ui.result_view import Loaded

ACTIONS = {
    "create": N_("created"),
    "save": N_("saved"),
    "finalise": N_("finalised"),
    "restore": N_("restored"),
    "import": N_("imported"),
    "delete": N_("deleted"),
    "withdraw": N_("withdrawn"),
}


def _when(revision: Revision) -> str:
    """The moment of a revision as the language writes it, in UTC when the time zone is known."""
    if revision.at.tzinfo is None:
        return format_datetime(revision.at, "short")
    return _("{moment} UTC").format(moment=format_datetime(revision.at.replace(tzinfo=None), "short"))


def changes_in_language(history: list[Revision]) -> dict[int, str]:
    """What each revision changed, said again in the reader's language from it and the revision before it (the
    stored lines are English); a revision without its document (a deletion) keeps its stored words."""
    said: dict[int, str] = {}
    before = None
    for revision in history:  # oldest first
        document = revision.assessment
        if document is not None and (before is not None or revision.action in ("create", "import")):
            said[revision.revision] = "; ".join(describe_changes(before, document))
        else:
            said[revision.revision] = "; ".join(revision.changes)
        before = document or before
    return said


def revisions(loaded: Loaded, store: Store) -> None:
    """The history table, newest first; a draft can go back to an earlier revision (as a new revision)."""
    current = loaded.assessment
    try:
        history = store.history(current.id)
    except PartnerfitError as error:
        common.show_error(error, _("The history of this assessment cannot be shown."))
        return
    changed = changes_in_language(history)
    rows = [
        {
            _("Revision"): r.revision,
            _("When"): _when(r),
            _("Who"): r.author or "–",
            _("What"): _(ACTIONS[r.action]) if r.action in ACTIONS else r.action,
            _("What changed"): changed[r.revision],
        }
        for r in reversed(history)
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="result_history",
        column_config={_("What changed"): st.column_config.TextColumn(width="large")},
    )
    if current.status != "draft":
        st.caption(_("A final assessment is frozen: to change it, re-assess the partner in a new draft."))
        return
    if not can_edit(data.current_viewer(), current):
        return  # restoring is a save: only for those who may change it
    earlier = {r.revision: r for r in history if r.assessment is not None and r.revision != current.revision}
    if not earlier:
        return
    chosen = st.selectbox(
        _("Go back to an earlier revision"),
        list(reversed(earlier)),
        index=None,
        key="result_restore_choice",
        placeholder=_("Choose a revision"),
        format_func=lambda n: _("Revision {number} · {when} · {who}").format(
            number=n, when=_when(earlier[n]), who=earlier[n].author or _("no name")
        ),
        help=_("Restoring saves that revision again as a new one: nothing in the history is lost."),
    )
    if chosen is None:
        return
    if st.button(
        _("Restore revision {number}").format(number=chosen), key="result_restore", icon=":material/history:"
    ):
        try:
            restored = store.restore(current.id, chosen, author=data.author())
        except SaveConflictError as error:
            st.error(
                _("Not restored: {reason}").format(reason=common.message_text(str(error))),
                icon=":material/sync_problem:",
            )
            return
        except PartnerfitError as error:
            common.show_error(error, _("The revision could not be restored."))
            return
        st.session_state.pop("result_restore_choice", None)
        st.toast(
            _("Revision {number} restored as revision {new}.").format(number=chosen, new=restored.revision),
            icon=":material/history:",
        )
        st.rerun()
