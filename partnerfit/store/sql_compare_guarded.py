"""Compare in SQL for a signed-in viewer who may not read everything: counts and rows of what they may read,
means and spreads over every matching assessment with ``partnerfit.privacy``'s rule (a group holding an
assessment they cannot open is shown only with at least ``min_group`` scores), computed in the same queries
with a count of the unreadable ones per group. The answer equals ``TableSource`` with a ``Pool`` in memory."""

# ruff: noqa: S608 - the SQL text here is assembled from fixed column names only; every value is a bound parameter
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa

from partnerfit.aggregate import OVERALL
from partnerfit.compare_query import MEANS_COLUMNS, SUMMARY_COLUMNS, CompareAnswer, CompareFilters
from partnerfit.privacy import fewer_than
from partnerfit.store.sql_access import readable_condition
from partnerfit.store.sql_compare import _QUARTILES, _from_histogram, _shared, _where, compare

if TYPE_CHECKING:
    from partnerfit.access import Viewer
    from partnerfit.store.sql import SqlStore

_EVERYONE = (
    "SELECT count(*) FILTER (WHERE NOT {read}), count(*) FILTER (WHERE counted) FROM scores WHERE {where}"
)
_DIMENSIONS = """
SELECT u.dimension_id, region, min(u.position), u.score, count(*), count(*) FILTER (WHERE NOT {read})
FROM scores, unnest(dimension_ids, dimensions) WITH ORDINALITY AS u(dimension_id, score, position)
WHERE {where} AND counted GROUP BY u.dimension_id, region, u.score
"""
_OVERALL = f"""
SELECT count(overall), count(*) FILTER (WHERE NOT {{read}}), min(overall), {_QUARTILES.format(value="overall")},
       max(overall), avg(overall)
FROM scores WHERE {{where}} AND counted AND overall IS NOT NULL
"""


def guarded_compare(
    store: SqlStore, filters: CompareFilters, viewer: Viewer, *, limit: int, min_group: int
) -> CompareAnswer:
    """``compare`` over what ``viewer`` may read, with means and spreads over everyone's (small groups with an
    unreadable assessment hidden), ``others`` and ``hidden_dimensions`` filled in."""
    found = compare(store, filters, limit=limit, viewer=viewer)
    where, params = _where(filters)
    read, read_params = readable_condition(viewer)
    params |= read_params

    def run(connection: sa.Connection, sql: str) -> list[tuple]:
        text = sa.text(sql.format(where=where, read=read))
        return [tuple(row) for row in connection.execute(text, params)]

    with store._begin() as connection:
        [(others, counted)] = run(connection, _EVERYONE)
        histogram = run(connection, _DIMENSIONS)
        overall = [row for row in run(connection, _OVERALL) if row[0]]
    cells, spreads = _from_histogram([row[:5] for row in histogram])
    unreadable: dict[Any, int] = {}
    for dimension_id, region, _, score, _, hidden in histogram:
        if score is not None:
            for key in ((dimension_id, region), dimension_id):
                unreadable[key] = unreadable.get(key, 0) + hidden
    shared = _shared(cells, counted)

    def too_small(key: Any, n: int) -> bool:
        return n < min_group and unreadable.get(key, 0) > 0

    means = [
        (region, dim, math.nan, math.nan, fewer_than(min_group))
        if too_small((dim, region), n)
        else (region, dim, mean, float(n), "")
        for dim, region, _, _, n, mean in cells
        if dim in shared and n
    ]
    summary, left_out = [], []
    for n, hidden, low, quartiles, high, mean in overall:
        if n < min_group and hidden:
            left_out.append(OVERALL)
        else:
            summary.append((OVERALL, n, low, *quartiles, high, mean))
    for dimension_id in shared:
        if dimension_id not in spreads:
            continue
        dim, n, low, quartiles, high, mean = spreads[dimension_id]
        if too_small(dimension_id, n):
            left_out.append(dimension_id)
        else:
            summary.append((dim, n, low, *quartiles, high, mean))
    return replace(
        found,
        dimensions=shared,
        region_means=pd.DataFrame(means, columns=[*MEANS_COLUMNS, "note"]),
        summary=pd.DataFrame(summary, columns=SUMMARY_COLUMNS),
        others=int(others),
        hidden_dimensions=tuple(left_out),
    )
