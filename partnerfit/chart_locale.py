"""Numbers and dates on Vega charts as the interface language writes them (a spec's ``config.locale``)."""

from __future__ import annotations

import functools

from babel import Locale, numbers

# d3's date patterns (%x, %X, %c) per interface language; English is d3's default locale.
_D3_DATES = {
    "fr": ("%A %e %B %Y à %X", "%d/%m/%Y", "%H:%M:%S"),
    "de": ("%A, der %e. %B %Y, %X", "%d.%m.%Y", "%H:%M:%S"),
}


@functools.cache  # a few languages; callers copy it into their specs and never change it
def vega_locale(language: str) -> dict[str, object] | None:
    """Number separators and month and day names for Vega (a spec's ``config.locale``), from Babel's data, so
    axes read '1 000,5' and 'janv. 2025' in French; None for English (Vega's own default)."""
    if language not in _D3_DATES:
        return None
    locale = Locale.parse(language)
    date_time, date, time = _D3_DATES[language]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts days from Monday, d3 from Sunday
    periods = locale.day_periods["format"]["abbreviated"]
    return {
        "number": {
            "decimal": numbers.get_decimal_symbol(locale),
            "thousands": numbers.get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", ""],
        },
        "time": {
            "dateTime": date_time,
            "date": date,
            "time": time,
            "periods": [periods.get("am", "AM"), periods.get("pm", "PM")],
            "days": [locale.days["format"]["wide"][d] for d in sunday_first],
            "shortDays": [locale.days["format"]["abbreviated"][d] for d in sunday_first],
            "months": [locale.months["stand-alone"]["wide"][m] for m in range(1, 13)],
            "shortMonths": [locale.months["stand-alone"]["abbreviated"][m] for m in range(1, 13)],
        },
    }
