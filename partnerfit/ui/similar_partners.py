"""The Assess page's "who else assessed this partner?" box: earlier assessments of a partner with this or a similar
name, a warning when another affiliate in the same country or region did, and linking to that partner's history.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from partnerfit.access_store import CoordinationNotice, coordination_notices
from partnerfit.assessment import Assessment, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.compare import SimilarPartner
from partnerfit.ui import assess_state as state
from partnerfit.ui import data
from partnerfit.ui.common import md, recommendation_words
from partnerfit.ui.data import Collection
from partnerfit.walkthrough import Context, partner_id_for

SIMILAR_COLUMNS = {
    "Partner": st.column_config.TextColumn(width="medium"),
    "Match": st.column_config.TextColumn(width=110, help="Name similarity; 'possible' marks a near miss"),
    "Affiliate": st.column_config.TextColumn(width="medium"),
    "Date": st.column_config.TextColumn(width=90),
    "Result": st.column_config.TextColumn(width="medium"),
    "Country": st.column_config.TextColumn(width=70),
}


def similar_partners(
    catalog: FrameworkCatalog, collection: Collection, current: Assessment | None, context: Context
) -> None:
    """Movement-wide on purpose: assessments the viewer may not read are named by affiliate, month and whom to
    contact only (``coordination_notices``), without partner name as stored, score, verdict or notes."""
    name = context.partner_name.strip()
    if not name:
        return
    found = data.similar_partners(
        name,
        aliases=context.aliases,
        country=context.country.upper() or None,
        region=context.region,
        exclude_id=current.id if current else None,
    )
    if not found:
        st.caption(
            "No assessment of a partner with this or a similar name was found here. A partner that was renamed "
            "is only found through its former names: add them as aliases."
        )
        return
    if all(s.possible for s in found):
        st.info(
            f"No assessment of a partner with exactly this name, but {len(found)} possible match(es): check "
            "whether one of them is the same partner (a former name, an abbreviation, a department).",
            icon=":material/help:",
        )
    notices = coordination_notices(found, data.current_viewer(), data.access_list())
    own = context.affiliate.strip().casefold()
    near = [
        (s, n)
        for s, n in zip(found, notices, strict=True)
        if (s.same_country or s.same_region) and s.record.affiliate.casefold() != own and not s.possible
    ]
    readable = [n.match for n in notices if n.match is not None]
    hidden = [n for n in notices if n.match is None]
    with st.container(border=True, key="assess_similar"):
        if near:
            st.warning(_warning(*near[0], len(found)), icon=":material/group:")
        else:
            st.info(
                f"{len(found)} earlier assessment(s) of a partner with this or a similar name:",
                icon=":material/history:",
            )
        if readable:
            st.dataframe(
                similar_table(readable, collection, catalog),
                hide_index=True,
                width="stretch",
                column_config=SIMILAR_COLUMNS,
            )
        if hidden:
            st.caption("Not shared with you: ask these affiliates' coordinators.")
            st.dataframe(
                pd.DataFrame(
                    {
                        "Affiliate": [n.affiliate for n in hidden],
                        "Month": [n.month for n in hidden],
                        "Contact": [", ".join(n.contacts) for n in hidden],
                    }
                ),
                hide_index=True,
                width="stretch",
                key="assess_similar_hidden",
            )
        if readable:
            link_picker(readable)


def _warning(match: SimilarPartner, notice: CoordinationNotice, count: int) -> str:
    where = (
        f"in the same country ({match.record.partner_country})"
        if match.same_country
        else "in the same region"
    )
    more = f" Every earlier assessment is listed below ({count})." if count > 1 else ""
    if notice.match is None:
        contacts = ", ".join(md(c) for c in notice.contacts)
        contact = f" Contact {contacts}." if contacts else ""
        return (
            f"**{md(notice.affiliate)}** assessed a partner of this name {where} in {notice.month}. Talk to them "
            f"before you approach this partner, so two affiliates don't approach it unaware.{contact}{more}"
        )
    return (
        f"**{md(match.record.affiliate)}** has already assessed **{md(match.record.partner_name)}**, a partner "
        f"{where}. Talk to them before you approach this partner, so two affiliates don't approach "
        f"it unaware.{more}"
    )


def similar_table(
    found: list[SimilarPartner], collection: Collection, catalog: FrameworkCatalog
) -> pd.DataFrame:
    scores = collection.table.assessments.set_index("id") if collection.table is not None else pd.DataFrame()
    rows = []
    for match in found:
        record = match.record
        row = scores.loc[record.id] if record.id in scores.index else None
        result = (
            recommendation_words(row["recommendation"], row["framework_id"], catalog)
            if row is not None
            else "not scored"
        )
        name = (
            record.partner_name
            if match.matched == record.partner_name
            else f"{record.partner_name} (as {match.matched})"
        )
        rows.append(
            {
                "Partner": name,
                "Match": f"{math.floor(match.similarity)}%" + (" (possible)" if match.possible else ""),
                "Affiliate": record.affiliate,
                "Date": record.date.isoformat() if record.date else "",
                "Result": result if record.status == "final" else "draft, not finished",
                "Country": record.partner_country or "",
                "Region": region_label(record.region),
            }
        )
    return pd.DataFrame(rows)


def link_picker(found: list[SimilarPartner]) -> None:
    linked = st.session_state.get(state.PARTNER_ID)
    if linked:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.success(
            f"Linked to partner id `{linked}`: its assessments will show together in the partner's history.",
            icon=":material/link:",
        )
        right.button("Unlink", key="assess_unlink", on_click=state.link_partner, args=(None,))
        return
    options = {s.record.id: s.record for s in found}

    def label(record_id: str | None) -> str:
        if record_id is None:
            return "No, or not sure"
        record = options[record_id]
        when = f", {record.date.isoformat()}" if record.date else ""
        return f"Yes: {record.partner_name} (assessed by {record.affiliate}{when})"

    def chosen() -> None:
        record = options.get(st.session_state.get("assess_link"))
        state.link_partner(partner_id_for(record) if record else None)

    st.selectbox(
        "Is this the same partner as one of these?",
        [None, *options],
        key="assess_link",
        index=0,
        format_func=label,
        on_change=chosen,
        help="Linking puts this assessment in the same partner history as the one you choose.",
    )


def assessed_meanwhile(collection: Collection, current: Assessment) -> None:
    """A resumed draft: warn again when another affiliate assessed this partner after the draft was started
    (through ``coordination_notices``: an assessment the viewer may not read is named by affiliate and month)."""
    if current.created is None:
        return
    found = [
        s
        for s in data.similar_partners(
            current.partner.name,
            aliases=list(current.partner.aliases),
            country=current.partner.country,
            region=current.region,
            exclude_id=current.id,
        )
        if s.record.affiliate.casefold() != current.affiliate.casefold()
        and s.record.date is not None
        and s.record.date > current.created
    ]
    if not found:
        return
    notice = coordination_notices(found, data.current_viewer(), data.access_list())[0]
    what = (
        f"{'a partner with a similar name, ' if found[0].possible else ''}**{md(found[0].record.partner_name)}** "
        f"({found[0].record.date.isoformat()})"
        if notice.match is not None
        else f"a partner of this name (in {md(notice.month)})"
    )
    more = f" ({len(found)} assessments in all: see Partner and context)" if len(found) > 1 else ""
    st.warning(
        f"Since this draft was started on {current.created.isoformat()}, **{md(notice.affiliate)}** has assessed "
        f"{what}{more}. Talk to them before you go further.",
        icon=":material/group:",
    )
