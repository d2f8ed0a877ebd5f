"""Home's follow-up lists: outcome reviews that are due, and agreed conditions past their due date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from partnerfit.catalog import FrameworkCatalog
from partnerfit.i18n import _, format_date, ngettext
from partnerfit.outcome import reviews_due
from partnerfit.store import AssessmentRecord
from partnerfit.ui.common import RESULT_PAGE, md

SHOWN = 6


def section(records: Sequence[AssessmentRecord], catalog: FrameworkCatalog) -> None:
    """Nothing when nothing is due."""
    today = dt.date.today()
    periods = {fid: fw.review_period_months for fid, fw in catalog.frameworks.items()}
    due_reviews = reviews_due(records, periods, today)
    due_conditions = sorted(
        (r for r in records if r.next_condition_due is not None and r.next_condition_due <= today),
        key=lambda r: (r.next_condition_due, r.id),
    )
    if not due_reviews and not due_conditions:
        return
    reviews_column, conditions_column = st.columns(2, gap="large")
    with reviews_column:
        if due_reviews:
            st.subheader(_("Outcome reviews due"), anchor=False)
            for item in due_reviews[:SHOWN]:
                _link(
                    item.record,
                    _("review due since {date}").format(date=format_date(item.due)),
                    "rate_review",
                )
            _more(len(due_reviews))
    with conditions_column:
        if due_conditions:
            st.subheader(_("Agreed conditions due"), anchor=False)
            for record in due_conditions[:SHOWN]:
                text = ngettext(
                    "{count} open condition, the first due {date}",
                    "{count} open conditions, the first due {date}",
                    record.conditions_open,
                ).format(count=record.conditions_open, date=format_date(record.next_condition_due))
                _link(record, text, "schedule")
            _more(len(due_conditions))


def _link(record: AssessmentRecord, caption: str, icon: str) -> None:
    with st.container(gap=None):
        st.page_link(
            RESULT_PAGE,
            label=md(record.partner_name),
            icon=f":material/{icon}:",
            query_params={"id": record.id},
        )
        st.caption(f"{md(record.affiliate)} · {caption}")


def _more(count: int) -> None:
    if count > SHOWN:
        st.caption(
            ngettext("and {count} more", "and {count} more", count - SHOWN).format(count=count - SHOWN)
        )
