"""Compare's filters: the widgets, their display labels, and the URL that keeps them (a shareable link).

The URL is read once per session (so a shared link opens with its filters) and written after every change;
``lang`` and any other parameter are kept. A value the data does not offer (a stale link) is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from partnerfit.assessment import REGIONS, SIZES
from partnerfit.compare_query import COMPARED_STATUSES, DEFAULT_STATUSES, CompareFilters, CompareOptions
from partnerfit.i18n import N_, _

STATUS_LABELS = {"final": N_("Final"), "draft": N_("Draft")}
SIZE_LABELS = {"one-off": N_("One-off"), "project": N_("Project"), "long-term": N_("Long-term")}
ALL_STATUSES = "all"  # in the URL: the status filter was emptied (final and draft)
# widget key -> URL parameter (several values: the parameter repeated)
LIST_PARAMETERS = {
    "compare_regions": "region",
    "compare_affiliates": "affiliate",
    "compare_types": "type",
    "compare_sizes": "size",
    "compare_frameworks": "framework",
    "compare_statuses": "status",
}
TEXT_PARAMETERS = {"compare_partner": "q", "compare_base": "base"}
DATE_PARAMETERS = ("from", "to")
LOADED = "compare_url_loaded"


def load_from_url(choices: dict[str, list[str]]) -> None:
    """Once per session: the widgets start from the URL's filters (values the data offers only)."""
    if st.session_state.get(LOADED):
        return
    st.session_state[LOADED] = True
    params = st.query_params
    for key, name in LIST_PARAMETERS.items():
        values = params.get_all(name)
        if key == "compare_statuses":
            if values == [ALL_STATUSES]:
                st.session_state[key] = []
                continue
            if not values:
                st.session_state.setdefault(key, list(DEFAULT_STATUSES))
                continue
        if values:
            st.session_state[key] = [v for v in values if v in choices.get(key, ())]
    if params.get("q"):
        st.session_state["compare_partner"] = params.get("q", "")[:200]
    dates = [_date(params.get(name)) for name in DATE_PARAMETERS]
    if any(dates):
        st.session_state["compare_period_from_url"] = tuple(dates)


def url_base() -> str | None:
    """The base framework the URL asks for (checked against the offered ones by the caller)."""
    return st.query_params.get("base")


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def write_to_url(filters: CompareFilters, options: CompareOptions) -> None:
    """The chosen filters into the URL (only what differs from the defaults), other parameters kept."""
    wanted: dict[str, str | list[str]] = {"base": filters.base_framework}
    for key, values in (
        ("region", filters.regions),
        ("affiliate", filters.affiliates),
        ("type", filters.partnership_types),
        ("size", filters.sizes),
        ("framework", filters.frameworks),
    ):
        if values:
            wanted[key] = list(values)
    if tuple(filters.statuses) != DEFAULT_STATUSES:
        wanted["status"] = list(filters.statuses) or [ALL_STATUSES]
    if filters.partner.strip():
        wanted["q"] = filters.partner.strip()
    if filters.date_from and filters.date_from != options.first:
        wanted["from"] = filters.date_from.isoformat()
    if filters.date_to and filters.date_to != options.last:
        wanted["to"] = filters.date_to.isoformat()
    params = st.query_params
    for name in ("base", *LIST_PARAMETERS.values(), "q", *DATE_PARAMETERS):
        value = wanted.get(name)
        current = params.get_all(name)
        if value is None:
            if current:
                del params[name]
        elif (value if isinstance(value, list) else [value]) != current:
            params[name] = value


def filters(
    base: str, options: CompareOptions, types: dict[str, str], frameworks: dict[str, str]
) -> CompareFilters:
    """The filter widgets; returns the chosen ``CompareFilters``."""
    type_ids = list(types)
    choices = {
        "compare_regions": list(REGIONS),
        "compare_affiliates": list(options.affiliates),
        "compare_types": type_ids,
        "compare_sizes": list(SIZES),
        "compare_frameworks": list(options.frameworks),
        "compare_statuses": list(COMPARED_STATUSES),
    }
    load_from_url(choices)
    for key, allowed in choices.items():  # a value no longer offered (the data changed) is dropped
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in allowed]

    def multiselect(
        where, label: str, key: str, placeholder: str, labels: Callable[[str], str] | None = None
    ):
        return where.multiselect(
            label,
            choices[key],
            key=key,
            placeholder=placeholder,
            format_func=labels or str,
        )

    chosen: dict[str, object] = {"base_framework": base}
    with st.container(border=True):
        chosen["partner"] = st.text_input(
            _("Partner"),
            key="compare_partner",
            placeholder=_("Search partner names"),
            help=_("Accents and case do not matter: “valparaiso” finds “Valparaíso”."),
            max_chars=200,
        )
        row = st.columns(4)
        chosen["regions"] = multiselect(row[0], _("Region"), "compare_regions", _("All regions"))
        chosen["affiliates"] = multiselect(row[1], _("Affiliate"), "compare_affiliates", _("All affiliates"))
        chosen["partnership_types"] = multiselect(
            row[2], _("Partnership type"), "compare_types", _("All types"), lambda t: types.get(t, t)
        )
        chosen["sizes"] = multiselect(
            row[3], _("Size"), "compare_sizes", _("All sizes"), lambda s: _(SIZE_LABELS.get(s, s))
        )
        row = st.columns([1, 1, 2])
        chosen["frameworks"] = multiselect(
            row[0],
            _("Framework"),
            "compare_frameworks",
            _("Base and local versions"),
            lambda f: frameworks.get(f, f),
        )
        chosen["statuses"] = multiselect(
            row[1],
            _("Status"),
            "compare_statuses",
            _("Final and draft"),
            lambda s: _(STATUS_LABELS.get(s, s)),
        )
        chosen.update(_period(row[2], options))
    for key in ("regions", "affiliates", "partnership_types", "sizes", "frameworks", "statuses"):
        chosen[key] = tuple(chosen[key])
    return CompareFilters(**chosen)


def _period(where, options: CompareOptions) -> dict[str, dt.date]:
    first, last = options.first, options.last
    if first is None or last is None:
        return {}
    asked = st.session_state.pop("compare_period_from_url", None)
    if asked is not None:
        start, end = asked
        start = min(max(start or first, first), last)
        end = max(min(end or last, last), start)
        st.session_state["compare_period"] = (start, end)
    period = where.date_input(
        _("Period"),
        (first, last),
        min_value=first,
        max_value=last,
        key="compare_period",
        format="YYYY-MM-DD",
    )
    if isinstance(period, tuple | list) and len(period) == 2:
        if tuple(period) == (first, last):  # the whole range: undated assessments are not left out
            return {}
        return {"date_from": period[0], "date_to": period[1]}
    if isinstance(period, tuple | list) and len(period) == 1:
        return {"date_from": period[0]}
    if isinstance(period, dt.date):
        return {"date_from": period}
    return {}
