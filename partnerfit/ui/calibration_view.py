"""Compare's calibration view: for each recommendation, how the reviewed partnerships turned out.

Counts per band of the outcome reviews' "would we partner again"; with sharing, a band with fewer than the
access file's ``min_group`` reviews, one of which the viewer may not read, shows no counts (``outcome.calibration``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from partnerfit.aggregate import filter_assessments
from partnerfit.i18n import _, ngettext
from partnerfit.outcome import PARTNER_AGAIN_LABELS, calibration
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER
from partnerfit.ui import data
from partnerfit.ui.compare_view import Labels


@dataclass(frozen=True)
class Pool:
    """Every assessment of the base framework, readable or not, for counts of large enough groups."""

    family: pd.DataFrame
    min_group: int


def on_demand(base_id: str, labels: Labels) -> None:
    """The section, read from every assessment's record: right away on the folder store; on the database only
    when asked, so Compare's first view never loads the whole movement."""
    asked = st.toggle(
        _("Show how recommendations turned out"),
        key="compare_calibration_on",
        value=not data.settings().database_url,
    )
    if not asked:
        return
    table = data.collection().table
    family = (
        filter_assessments(table.assessments, base_framework=base_id)
        if table is not None
        else pd.DataFrame(columns=["id", "status", "recommendation"])
    )
    section(family, labels, _pool(base_id))


def _pool(base_id: str) -> Pool | None:
    """None when the viewer reads everything (sign-in off, admins): the counts are the rows'."""
    pool = data.aggregate_pool()
    if pool is None:
        return None
    return Pool(filter_assessments(pool.table.assessments, base_framework=base_id), pool.min_group)


def section(family: pd.DataFrame, labels: Labels, pool: Pool | None) -> None:
    st.subheader(_("How recommendations turned out"), anchor=False)
    readable = _reviewed(family)
    rows, readable_ids, min_group = readable, None, None
    if pool is not None:
        rows, readable_ids, min_group = _reviewed(pool.family), frozenset(readable["id"]), pool.min_group
    if rows.empty:
        st.caption(
            _(
                "No final assessment has an outcome review yet: once teams review their partnerships, this shows "
                "how each recommendation turned out."
            )
        )
        return
    bands = [b.id for b in labels.base.bands] if labels.base is not None else []
    table = calibration(rows, readable_ids, min_group=min_group, order=[*bands, REFER, BLOCKED, INCOMPLETE])
    shown = pd.DataFrame({_("Recommendation"): table["recommendation"].map(labels.recommendation)})
    for answer, label in PARTNER_AGAIN_LABELS.items():
        shown[_("Partner again: {answer}").format(answer=_(label))] = table[answer].astype("Int64")
    shown[_("Reviews")] = table["total"].astype("Int64")
    hidden = table["hidden"]
    if hidden.any():
        limit = min_group or 0
        shown[_("Note")] = hidden.map(
            lambda h: (
                ngettext("fewer than {count}", "fewer than {count}", limit).format(count=limit) if h else ""
            )
        )
    st.dataframe(shown, hide_index=True, key="compare_calibration")
    st.caption(
        ngettext(
            "{count} reviewed partnership, counted under the recommendation its assessment gave.",
            "{count} reviewed partnerships, counted under the recommendation their assessments gave.",
            len(rows),
        ).format(count=len(rows))
    )


def _reviewed(frame: pd.DataFrame) -> pd.DataFrame:
    if "partner_again" not in frame:
        return pd.DataFrame(columns=["id", "recommendation", "partner_again"])
    final = frame[(frame["status"] == "final") & frame["partner_again"].notna()]
    return final[["id", "recommendation", "partner_again"]]
