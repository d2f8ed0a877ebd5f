"""The Assess page's "who else assessed this partner?" box: earlier assessments of a partner with this or a similar
name, a warning when another affiliate in the same country or region did, and linking to that partner's history.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from partnerfit.access_store import CoordinationNotice, coordination_notices
from partnerfit.assessment import Assessment, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.compare import SimilarPartner
from partnerfit.i18n import _, format_date, ngettext
from partnerfit.ui import assess_state as state
from partnerfit.ui import data
from partnerfit.ui.common import language, md, recommendation_words
from partnerfit.ui.data import Collection
from partnerfit.walkthrough import Context, partner_id_for


def similar_columns() -> dict[str, st.column_config.Column]:
    """The table's columns in the current language. Text columns size to their content (a fixed width cut long
    affiliate and region names at 1440 px); the last one links to the earlier assessment's Result page."""
    return {
        "partner": st.column_config.TextColumn(_("Partner")),
        "affiliate": st.column_config.TextColumn(_("Affiliate")),
        "region": st.column_config.TextColumn(_("Region")),
        "date": st.column_config.TextColumn(_("Date")),
        "result": st.column_config.TextColumn(_("Result")),
        "match": st.column_config.TextColumn(
            _("Match"), help=_("Name similarity; “possible” marks a near miss")
        ),
        "link": st.column_config.LinkColumn(_("Open"), display_text=_("Open its result")),
    }


def result_link(assessment_id: str) -> str:
    """The Result page of an assessment, relative to this page, keeping the language."""
    return "result?" + urlencode({"id": assessment_id, "lang": language()})


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
            _(
                "No assessment of a partner with this or a similar name was found here. A partner that was "
                "renamed is only found through its former names: add them as aliases."
            )
        )
        return
    if all(s.possible for s in found):
        st.info(
            ngettext(
                "No assessment of a partner with exactly this name, but {count} possible match: check whether "
                "it is the same partner (a former name, an abbreviation, a department).",
                "No assessment of a partner with exactly this name, but {count} possible matches: check "
                "whether one of them is the same partner (a former name, an abbreviation, a department).",
                len(found),
            ).format(count=len(found)),
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
                ngettext(
                    "{count} earlier assessment of a partner with this or a similar name:",
                    "{count} earlier assessments of a partner with this or a similar name:",
                    len(found),
                ).format(count=len(found)),
                icon=":material/history:",
            )
        if readable:
            st.dataframe(
                similar_table(readable, collection, catalog),
                hide_index=True,
                width="stretch",
                column_config=similar_columns(),
            )
        if hidden:
            st.caption(_("Not shared with you: ask these affiliates' coordinators."))
            st.dataframe(
                pd.DataFrame(
                    {
                        _("Affiliate"): [n.affiliate for n in hidden],
                        _("Month"): [n.month for n in hidden],
                        _("Contact"): [", ".join(n.contacts) for n in hidden],
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
        _("in the same country ({country})").format(country=match.record.partner_country)
        if match.same_country
        else _("in the same region")
    )
    more = (
        " " + _("Every earlier assessment is listed below ({count}).").format(count=count)
        if count > 1
        else ""
    )
    if notice.match is None:
        contacts = ", ".join(md(c) for c in notice.contacts)
        contact = " " + _("Contact {contacts}.").format(contacts=contacts) if contacts else ""
        return (
            _(
                "**{affiliate}** assessed a partner of this name {where} in {month}. Talk to them before you "
                "approach this partner, so two affiliates don't approach it unaware."
            ).format(affiliate=md(notice.affiliate), where=where, month=notice.month)
            + contact
            + more
        )
    return (
        _(
            "**{affiliate}** has already assessed **{partner}**, a partner {where}. Talk to them before you "
            "approach this partner, so two affiliates don't approach it unaware."
        ).format(affiliate=md(match.record.affiliate), partner=md(match.record.partner_name), where=where)
        + more
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
            else _("not scored")
        )
        name = (
            record.partner_name
            if match.matched == record.partner_name
            else _("{name} (as {matched})").format(name=record.partner_name, matched=match.matched)
        )
        similarity = f"{math.floor(match.similarity)}%"
        rows.append(
            {
                "partner": name,
                "affiliate": record.affiliate,
                "region": f"{region_label(record.region)} ({record.partner_country})"
                if record.partner_country
                else region_label(record.region),
                "date": format_date(record.date),
                "result": result if record.status == "final" else _("draft, not finished"),
                "match": _("{similarity} (possible)").format(similarity=similarity)
                if match.possible
                else similarity,
                "link": result_link(record.id),
            }
        )
    return pd.DataFrame(rows, columns=list(similar_columns()))


def link_picker(found: list[SimilarPartner]) -> None:
    linked = st.session_state.get(state.PARTNER_ID)
    if linked:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.success(
            _(
                "Linked to partner id {id}: its assessments will show together in the partner's history."
            ).format(id=f"`{linked}`"),
            icon=":material/link:",
        )
        right.button(_("Unlink"), key="assess_unlink", on_click=state.link_partner, args=(None,))
        return
    options = {s.record.id: s.record for s in found}

    def label(record_id: str | None) -> str:
        if record_id is None:
            return _("No, or not sure")
        record = options[record_id]
        if record.date:
            return _("Yes: {partner} (assessed by {affiliate}, {date})").format(
                partner=record.partner_name, affiliate=record.affiliate, date=format_date(record.date)
            )
        return _("Yes: {partner} (assessed by {affiliate})").format(
            partner=record.partner_name, affiliate=record.affiliate
        )

    def chosen() -> None:
        record = options.get(st.session_state.get("assess_link"))
        state.link_partner(partner_id_for(record) if record else None)

    st.selectbox(
        _("Is this the same partner as one of these?"),
        [None, *options],
        key="assess_link",
        index=0,
        format_func=label,
        on_change=chosen,
        help=_("Linking puts this assessment in the same partner history as the one you choose."),
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
    first = found[0].record
    if notice.match is None:
        what = _("a partner of this name (in {month})").format(month=md(notice.month))
    elif found[0].possible:
        what = _("a partner with a similar name, **{partner}** ({date})").format(
            partner=md(first.partner_name), date=format_date(first.date)
        )
    else:
        what = _("**{partner}** ({date})").format(
            partner=md(first.partner_name), date=format_date(first.date)
        )
    more = (
        " " + _("({count} assessments in all: see Partner and context)").format(count=len(found))
        if len(found) > 1
        else ""
    )
    st.warning(
        _(
            "Since this draft was started on {date}, **{affiliate}** has assessed {what}{more}. Talk to them "
            "before you go further."
        ).format(date=format_date(current.created), affiliate=md(notice.affiliate), what=what, more=more),
        icon=":material/group:",
    )
