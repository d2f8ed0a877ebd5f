"""The Result page's charts: this assessment's scores next to other assessments of the same base framework."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from partnerfit import charts
from partnerfit.aggregate import OVERALL, is_in, peer_assessments, shared_dimension_ids, standing
from partnerfit.compare import partner_history
from partnerfit.framework import Framework
from partnerfit.report import recommendation_label
from partnerfit.ui import common
from partnerfit.ui.chart_view import show_chart
from partnerfit.ui.data import Collection
from partnerfit.ui.result_view import Loaded


def result_href(assessment_id: str) -> str:
    """The link a chart mark standing for one assessment opens: its Result, in the visitor's language."""
    return f"result?{urlencode({'id': assessment_id, 'lang': common.language()})}"


GROUPS = {
    "region": "Same region",
    "partnership_types": "Same partnership type",
    "partner": "Same partner",
    "all": "All",
}
OVERALL_LABEL = "Overall"


def bands_frame(fw: Framework) -> pd.DataFrame:
    return pd.DataFrame({"label": [common.tr(b.label) for b in fw.bands], "min": [b.min for b in fw.bands]})


def dimension_labels(fw: Framework) -> dict[str, str]:
    return {OVERALL: OVERALL_LABEL, **{d.id: common.tr(d.title) for d in fw.dimensions}}


def scores_chart(loaded: Loaded) -> None:
    fw, score = loaded.framework, loaded.score
    frame = pd.DataFrame(
        {
            "dimension": [common.tr(d.title) for d in fw.dimensions],
            "score": [score.dimensions.get(d.id) for d in fw.dimensions],
            "weight": [d.weight for d in fw.dimensions],
        }
    ).astype({"score": float})
    show_chart(
        charts.dimension_scores_chart(frame, bands_frame(fw), title="Dimension scores of this assessment")
    )


def same_partner_ids(loaded: Loaded, collection: Collection) -> list[str]:
    """Ids of every assessment of this partner (``compare.partner_history``), oldest first."""
    return [r.id for r in partner_history(loaded.record, collection.records)]


def _peers(
    loaded: Loaded, collection: Collection, group: str, statuses: tuple[str, ...], same_partner: list[str]
) -> pd.DataFrame:
    table = collection.table.assessments
    if group == "partner":
        peers = peer_assessments(table, loaded.record.id, statuses=statuses)
        return peers[is_in(peers["id"], same_partner)]
    return peer_assessments(
        table, loaded.record.id, same=None if group == "all" else group, statuses=statuses
    )


def comparison(loaded: Loaded, collection: Collection, same_partner: list[str]) -> None:
    """Where this assessment stands among others: choose the group, see the per-dimension chart."""
    fw, score, record = loaded.framework, loaded.score, loaded.record
    table = collection.table
    if table is None or record.id not in set(table.assessments["id"]):
        st.info("This assessment is not in the scored collection yet, so it cannot be compared.")
        return
    include_drafts = st.toggle(
        "Include drafts",
        key="result_include_drafts",
        help="Drafts may be incomplete; by default only final assessments are compared.",
    )
    statuses = ("final", "draft") if include_drafts else ("final",)
    counts = {g: len(_peers(loaded, collection, g, statuses, same_partner)) for g in GROUPS}
    group = (
        st.segmented_control(
            "Compare with",
            list(GROUPS),
            key="result_group",
            default="region",
            format_func=lambda g: f"{GROUPS[g]} ({counts[g]})",
        )
        or "region"
    )
    peers = _peers(loaded, collection, group, statuses, same_partner)
    base = fw.base_id
    st.caption(
        f"Only assessments of the same base framework ({common.md(base)}, with its local versions) are "
        "comparable, and only on the dimensions they all share."
    )
    if peers.empty:
        st.info(
            f"No other {'final ' if not include_drafts else ''}assessment in this group yet: "
            "there is nothing to compare with.",
            icon=":material/info:",
        )
        return
    current_dims = [d.id for d in fw.dimensions]
    shared = [
        d
        for d in shared_dimension_ids(table.dimensions, [record.id, *peers["id"]])
        if d in current_dims and score.dimensions.get(d) is not None
    ]
    left_out = [d for d in current_dims if d not in shared]
    summary, points = standing(peers, table.dimensions, shared)
    labels = dimension_labels(fw)
    order = [OVERALL_LABEL, *[labels[d] for d in shared]]
    result_words = recommendation_label(fw, score.recommendation, common.language())
    current = pd.DataFrame(
        {
            "dimension": order,
            "score": [score.overall, *[score.dimensions.get(d) for d in shared]],
            "partner": loaded.assessment.partner.name,
            "affiliate": loaded.assessment.affiliate,
            "date": loaded.assessment.date,
            "result": result_words,
        }
    )
    summary = summary.assign(dimension=summary["dimension_id"].map(labels))
    points = points.assign(
        dimension=points["dimension_id"].map(labels),
        result=[recommendation_label(fw, r, common.language()) for r in points["recommendation"]],
        href=[result_href(i) for i in points["assessment_id"]],
    )
    title = (
        f"This assessment among {len(peers)} other{'s' if len(peers) != 1 else ''}: {GROUPS[group].lower()}"
    )
    show_chart(charts.comparison_chart(summary, current, points, order=order, title=title))
    st.caption(
        "Grey box: the middle half of the other assessments' scores; line: lowest to highest; dark tick: "
        "median." + (" Grey dots: each other assessment (hover for details)." if not points.empty else "")
    )
    if left_out:
        names = ", ".join(common.md(labels[d]) for d in left_out)
        st.caption(
            f"Not compared (not scored in this assessment, or not every assessment in this group has them): "
            f"{names}."
        )


def history(loaded: Loaded, collection: Collection, same_partner: list[str]) -> None:
    """This partner's assessments over time (same base framework), the current one highlighted."""
    fw, record = loaded.framework, loaded.record
    table = collection.table.assessments if collection.table is not None else None
    if table is None:
        return
    rows = table[
        is_in(table["id"], same_partner)
        & (table["base_framework_id"] == fw.base_id)
        & table["overall"].notna()
        & table["date"].notna()
    ]
    others = len(set(same_partner) - {record.id})
    if rows["id"].ne(record.id).sum() == 0:
        extra = f" ({others} with another framework or unscored)" if others else ""
        st.info(
            f"This is the only scored assessment of this partner{extra}: no history to show yet.",
            icon=":material/history:",
        )
        return
    data = pd.DataFrame(
        {
            "date": rows["date"],
            "overall": rows["overall"],
            "affiliate": rows["affiliate"],
            "result": [recommendation_label(fw, r, common.language()) for r in rows["recommendation"]],
            "current": rows["id"] == record.id,
            "partner": rows["partner"],
            "href": [result_href(i) for i in rows["id"]],
        }
    )
    show_chart(charts.history_chart(data, bands_frame(fw)))
    st.caption(
        "Every assessment of this partner (same partner id, else the same name after normalising case, "
        "accents and word order), by any affiliate; dashed lines are the band thresholds."
    )
