"""The Result page's charts: this assessment's scores next to other assessments of the same base framework."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from partnerfit import charts
from partnerfit.aggregate import OVERALL, is_in, peer_assessments, shared_dimension_ids, standing
from partnerfit.compare import partner_history
from partnerfit.framework import Framework
from partnerfit.i18n import N_, _, ngettext
from partnerfit.report import recommendation_label
from partnerfit.report_charts import Comparison
from partnerfit.result_charts import bands_frame, scores_frame
from partnerfit.ui import common
from partnerfit.ui.chart_view import show_chart
from partnerfit.ui.data import Collection
from partnerfit.ui.result_view import Loaded


def result_href(assessment_id: str) -> str:
    """The link a chart mark standing for one assessment opens: its Result, in the visitor's language."""
    return f"result?{urlencode({'id': assessment_id, 'lang': common.language()})}"


GROUPS = {
    "region": N_("Same region"),
    "partnership_types": N_("Same partnership type"),
    "partner": N_("Same partner"),
    "all": N_("All"),
}
OVERALL_LABEL = N_("Overall")


def dimension_labels(fw: Framework) -> dict[str, str]:
    return {OVERALL: _(OVERALL_LABEL), **{d.id: common.tr(d.title) for d in fw.dimensions}}


def scores_chart(loaded: Loaded) -> None:
    frame = scores_frame(loaded.framework, loaded.assessment, loaded.score)
    title = _("Dimension scores of this assessment")
    show_chart(charts.dimension_scores_chart(frame, bands_frame(loaded.framework), title=title))


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


def comparison(loaded: Loaded, collection: Collection, same_partner: list[str]) -> Comparison | None:
    """Where this assessment stands among others: choose the group, see the per-dimension chart (returned for
    the report)."""
    fw, score, record = loaded.framework, loaded.score, loaded.record
    table = collection.table
    if table is None or record.id not in set(table.assessments["id"]):
        st.info(_("This assessment is not in the scored collection yet, so it cannot be compared."))
        return None
    include_drafts = st.toggle(
        _("Include drafts"),
        key="result_include_drafts",
        help=_("Drafts may be incomplete; by default only final assessments are compared."),
    )
    statuses = ("final", "draft") if include_drafts else ("final",)
    counts = {g: len(_peers(loaded, collection, g, statuses, same_partner)) for g in GROUPS}
    group = (
        st.segmented_control(
            _("Compare with"),
            list(GROUPS),
            key="result_group",
            default="region",
            format_func=lambda g: f"{_(GROUPS[g])} ({counts[g]})",
        )
        or "region"
    )
    peers = _peers(loaded, collection, group, statuses, same_partner)
    base = fw.base_id
    st.caption(
        _(
            "Only assessments of the same base framework ({framework}, with its local versions) are comparable, "
            "and only on the dimensions they all share."
        ).format(framework=common.md(base))
    )
    if peers.empty:
        nothing = (
            _("No other assessment in this group yet: there is nothing to compare with.")
            if include_drafts
            else _("No other final assessment in this group yet: there is nothing to compare with.")
        )
        st.info(nothing, icon=":material/info:")
        return None
    current_dims = [d.id for d in fw.dimensions]
    shared = [
        d
        for d in shared_dimension_ids(table.dimensions, [record.id, *peers["id"]])
        if d in current_dims and score.dimensions.get(d) is not None
    ]
    left_out = [d for d in current_dims if d not in shared]
    summary, points = standing(peers, table.dimensions, shared)
    labels = dimension_labels(fw)
    order = [_(OVERALL_LABEL), *[labels[d] for d in shared]]
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
    title = ngettext(
        "This assessment among {count} other: {group}",
        "This assessment among {count} others: {group}",
        len(peers),
    ).format(count=len(peers), group=_(GROUPS[group]).lower())
    drawn = Comparison(title, summary, current, points, order)
    show_chart(charts.comparison_chart(summary, current, points, order=order, title=title))
    legend = _(
        "Grey box: the middle half of the other assessments’ scores; line: lowest to highest; dark tick: median."
    )
    if not points.empty:
        legend += " " + _("Grey dots: each other assessment (hover for details).")
    st.caption(legend)
    if left_out:
        names = ", ".join(common.md(labels[d]) for d in left_out)
        st.caption(
            _(
                "Not compared (not scored in this assessment, or not every assessment in this group has them): "
                "{names}."
            ).format(names=names)
        )
    return drawn


def history(loaded: Loaded, collection: Collection, same_partner: list[str]) -> pd.DataFrame | None:
    """This partner's assessments over time (same base framework), the current one highlighted; the chart's
    frame is returned for the report."""
    fw, record = loaded.framework, loaded.record
    table = collection.table.assessments if collection.table is not None else None
    if table is None:
        return None
    rows = table[
        is_in(table["id"], same_partner)
        & (table["base_framework_id"] == fw.base_id)
        & table["overall"].notna()
        & table["date"].notna()
    ]
    others = len(set(same_partner) - {record.id})
    if rows["id"].ne(record.id).sum() == 0:
        alone = (
            ngettext(
                "This is the only scored assessment of this partner ({count} other with another framework or "
                "unscored): no history to show yet.",
                "This is the only scored assessment of this partner ({count} others with another framework or "
                "unscored): no history to show yet.",
                others,
            ).format(count=others)
            if others
            else _("This is the only scored assessment of this partner: no history to show yet.")
        )
        st.info(alone, icon=":material/history:")
        return None
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
        _(
            "Every assessment of this partner (same partner id, else the same name after normalising case, "
            "accents and word order), by any affiliate; dashed lines are the band thresholds."
        )
    )
    return data
