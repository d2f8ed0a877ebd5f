"""Compare on the database: each assessment's score stored beside it, and the Compare answer in SQL.

A score row holds the result of one revision against one framework (``scores``, and ``dimension_scores`` in long
form). It is stale when the assessment has a newer revision, or when it was scored against the loaded framework
(a draft, or a final without its snapshot) and the loaded file has changed since; ``refresh_scores`` scores the
stale ones (the same vectorised scoring as the folder) and is run before Compare reads, and by ``partnerfit db
rescore``. Compare's filters, counts and means are then GROUP BYs on indexed columns, and only the rows the grid
shows are fetched.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from partnerfit.aggregate import OVERALL, PERIODS
from partnerfit.compare_query import (
    COMPARED_STATUSES,
    MEANS_COLUMNS,
    ROW_COLUMNS,
    SUMMARY_COLUMNS,
    CompareAnswer,
    CompareFilters,
    CompareOptions,
)
from partnerfit.results import SNAPSHOT, score_records
from partnerfit.store.folder import AssessmentRecord
from partnerfit.store.sql_schema import assessments, dimension_scores, scores

if TYPE_CHECKING:
    from partnerfit.catalog import FrameworkCatalog
    from partnerfit.store.sql import SqlStore

SCORE_LOCK = 0x73636F72  # pg_advisory_xact_lock key: one refresh at a time
NOT_SCORED = "none"
SCORE_COLUMNS = (
    "assessment_id",
    "revision",
    "basis",
    "scored_digest",
    "base_framework_id",
    "overall",
    "completeness",
    "counted",
    "recommendation",
    "red_lines",
    "problem",
)
SCORE_TYPES = ("text", "int4", "text", "text", "text", "float8", "float8", "bool", "text", "text[]", "text")

_STALE = """
SELECT a.file_name, a.record FROM assessments a LEFT JOIN scores s ON s.assessment_id = a.id
WHERE s.assessment_id IS NULL OR s.revision <> a.revision
   OR (s.basis <> 'snapshot' AND s.scored_digest IS DISTINCT FROM (CAST(:current AS jsonb) ->> a.framework_id))
"""


def refresh_scores(store: SqlStore, catalog: FrameworkCatalog) -> int:
    """Score every assessment whose stored score is missing or stale; returns how many were (re)scored."""
    current = {fid: framework.digest for fid, framework in catalog.frameworks.items()}
    with store._begin() as connection:
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(SCORE_LOCK)))
        rows = connection.execute(sa.text(_STALE), {"current": json.dumps(current)}).all()
        if not rows:
            return 0
        records = [AssessmentRecord.from_json(Path(name), record) for name, record in rows]
        table = score_records(records, catalog, store)
        score_rows, dimension_rows = _rows_of(records, table, current)
        _write(connection, score_rows, dimension_rows)
    return len(records)


def _rows_of(
    records: list[AssessmentRecord], table: Any, current: dict[str, str]
) -> tuple[list[tuple], list[tuple]]:
    by_id = {r.id: r for r in records}
    by_path = {str(r.path): r for r in records}
    frame = table.assessments
    score_rows = []
    for row in frame[
        [
            "id",
            "basis",
            "base_framework_id",
            "overall",
            "completeness",
            "counted",
            "recommendation",
            "red_lines",
        ]
    ].itertuples(index=False):
        record = by_id[row.id]
        digest = record.framework_digest if row.basis == SNAPSHOT else current.get(record.framework_id)
        score_rows.append(
            (
                row.id,
                record.revision,
                row.basis,
                digest,
                row.base_framework_id,
                _number(row.overall),
                _number(row.completeness),
                bool(row.counted),
                row.recommendation,
                row.red_lines.split() if row.red_lines else [],
                None,
            )
        )
    for path, message in table.problems:
        record = by_path.get(path)
        if record is not None:
            digest = current.get(record.framework_id)
            score_rows.append(
                (record.id, record.revision, NOT_SCORED, digest, None, None, None, False, None, [], message)
            )
    dims = table.dimensions
    positions = dims.groupby("assessment_id", sort=False).cumcount()
    dimension_rows = [
        (assessment_id, dimension_id, int(position), _number(score))
        for assessment_id, dimension_id, position, score in zip(
            dims["assessment_id"], dims["dimension_id"], positions, dims["score"], strict=True
        )
    ]
    return score_rows, dimension_rows


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _write(connection: sa.Connection, score_rows: list[tuple], dimension_rows: list[tuple]) -> None:
    """Replace the score rows (and their dimension rows) of these assessments, by COPY through temporary
    tables; an assessment deleted meanwhile is left out."""
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE new_scores (LIKE scores) ON COMMIT DROP;"
            "CREATE TEMPORARY TABLE new_dimension_scores (LIKE dimension_scores) ON COMMIT DROP"
        )
        with cursor.copy(f"COPY new_scores ({', '.join(SCORE_COLUMNS)}) FROM STDIN") as copy:
            copy.set_types(list(SCORE_TYPES))
            for row in score_rows:
                copy.write_row(row)
        with cursor.copy(
            "COPY new_dimension_scores (assessment_id, dimension_id, position, score) FROM STDIN"
        ) as copy:
            copy.set_types(["text", "text", "int2", "float8"])
            for row in dimension_rows:
                copy.write_row(row)
        cursor.execute(
            "DELETE FROM scores WHERE assessment_id IN (SELECT assessment_id FROM new_scores);"
            "INSERT INTO scores SELECT n.* FROM new_scores n JOIN assessments a ON a.id = n.assessment_id;"
            "INSERT INTO dimension_scores SELECT d.* FROM new_dimension_scores d "
            "JOIN scores s ON s.assessment_id = d.assessment_id"
        )


# -- the Compare answer -----------------------------------------------------------------------------------------
def _date() -> sa.ColumnElement:
    return sa.func.coalesce(assessments.c.updated, assessments.c.created)


def matching(filters: CompareFilters, columns: list[sa.ColumnElement] | None = None) -> sa.Select:
    """The assessments matching ``filters``, with their current score (stale scores are not compared)."""
    a, s = assessments, scores
    if columns is None:
        columns = [
            a.c.id,
            a.c.region,
            a.c.affiliate,
            _date().label("date"),
            s.c.overall,
            s.c.counted,
            s.c.recommendation,
            s.c.red_lines,
        ]
    query = (
        sa.select(*columns)
        .select_from(a.join(s, sa.and_(s.c.assessment_id == a.c.id, s.c.revision == a.c.revision)))
        .where(s.c.base_framework_id == filters.base_framework)
        .where(a.c.status.in_(filters.compared_statuses))
    )
    for column, chosen in (
        (a.c.region, filters.regions),
        (a.c.affiliate, filters.affiliates),
        (a.c.size, filters.sizes),
        (a.c.framework_id, filters.frameworks),
    ):
        if chosen:
            query = query.where(column.in_(list(chosen)))
    if filters.partnership_types:
        query = query.where(
            a.c.partnership_types.overlap(
                sa.cast(list(filters.partnership_types), a.c.partnership_types.type)
            )
        )
    if filters.date_from is not None:
        query = query.where(_date() >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(_date() <= filters.date_to)
    name = sa.func.split_part(a.c.partner_key, " / ", 1)
    for word in filters.partner_words:
        query = query.where(sa.func.strpos(name, word) > 0)
    return query


def compare(store: SqlStore, filters: CompareFilters, *, limit: int) -> CompareAnswer:
    m = matching(filters).cte("m")
    with store._begin() as connection:
        total, counted, affiliates, mean = connection.execute(
            sa.select(
                sa.func.count(),
                sa.func.count().filter(m.c.counted),
                sa.func.count(sa.distinct(m.c.affiliate)),
                sa.func.avg(m.c.overall).filter(m.c.counted),
            )
        ).one()
        band = sa.func.coalesce(m.c.recommendation, "").label("band")
        bands = dict(connection.execute(sa.select(band, sa.func.count()).group_by(band)).all())
        hits = sa.select(sa.func.unnest(m.c.red_lines).label("hit")).subquery()
        red_lines = dict(
            connection.execute(sa.select(hits.c.hit, sa.func.count()).group_by(hits.c.hit)).all()
        )
        cells = _cells(connection, m)
        shared = _shared(cells, counted)
        means = pd.DataFrame(
            [(region, dim, mean_, n) for dim, region, _, _, n, mean_ in cells if dim in shared and n],
            columns=MEANS_COLUMNS,
        ).sort_values(["region", "dimension_id"], ignore_index=True)
        summary = _summary(connection, m, shared)
        rows = _rows(connection, filters, limit)
    return CompareAnswer(
        total=total,
        counted=counted,
        affiliates=affiliates,
        mean_overall=None if mean is None else float(mean),
        bands={k: int(v) for k, v in bands.items()},
        red_lines={k: int(v) for k, v in red_lines.items()},
        dimensions=shared,
        region_means=means,
        summary=summary,
        rows=rows,
    )


def _cells(connection: sa.Connection, m: sa.CTE) -> list[tuple]:
    """(dimension_id, region, position, rows, scores, mean) of the counted matching assessments."""
    d = dimension_scores
    query = (
        sa.select(
            d.c.dimension_id,
            m.c.region,
            sa.func.min(d.c.position),
            sa.func.count(),
            sa.func.count(d.c.score),
            sa.func.avg(d.c.score),
        )
        .select_from(m.join(d, d.c.assessment_id == m.c.id))
        .where(m.c.counted)
        .group_by(d.c.dimension_id, m.c.region)
    )
    return [tuple(row) for row in connection.execute(query)]


def _shared(cells: list[tuple], counted: int) -> list[str]:
    """The dimensions every counted assessment has (a row, scored or not), in framework order."""
    rows: dict[str, int] = {}
    position: dict[str, int] = {}
    for dimension_id, _, first, n_rows, _, _ in cells:
        rows[dimension_id] = rows.get(dimension_id, 0) + n_rows
        position[dimension_id] = min(position.get(dimension_id, first), first)
    return sorted((d for d, n in rows.items() if counted and n == counted), key=lambda d: (position[d], d))


_QUARTILES = sa.literal([0.25, 0.5, 0.75], ARRAY(sa.Float))


def _stats(label: sa.ColumnElement, value: sa.ColumnElement) -> list[sa.ColumnElement]:
    return [
        label,
        sa.func.count(value),
        sa.func.min(value),
        sa.func.percentile_cont(_QUARTILES).within_group(value),
        sa.func.max(value),
        sa.func.avg(value),
    ]


def _summary(connection: sa.Connection, m: sa.CTE, shared: list[str]) -> pd.DataFrame:
    d = dimension_scores
    overall = sa.select(*_stats(sa.literal(OVERALL), m.c.overall)).where(
        m.c.counted, m.c.overall.is_not(None)
    )
    result = [tuple(row) for row in connection.execute(overall) if row[1]]
    if shared:
        query = (
            sa.select(*_stats(d.c.dimension_id, d.c.score))
            .select_from(m.join(d, d.c.assessment_id == m.c.id))
            .where(m.c.counted, d.c.score.is_not(None), d.c.dimension_id.in_(shared))
            .group_by(d.c.dimension_id)
        )
        by_dimension = {row[0]: tuple(row) for row in connection.execute(query)}
        result += [by_dimension[dim] for dim in shared if dim in by_dimension]
    return pd.DataFrame(
        [(dim, count, low, *quartiles, high, mean) for dim, count, low, quartiles, high, mean in result],
        columns=SUMMARY_COLUMNS,
    )


def _rows(connection: sa.Connection, filters: CompareFilters, limit: int) -> pd.DataFrame:
    a, s = assessments, scores
    columns = [
        a.c.id,
        a.c.partner_name,
        a.c.affiliate,
        a.c.region,
        a.c.partnership_types,
        a.c.size,
        _date().label("date"),
        a.c.framework_id,
        a.c.status,
        s.c.overall,
        s.c.recommendation,
        s.c.completeness,
        s.c.counted,
    ]
    query = matching(filters, columns).order_by(_date().desc().nulls_last(), a.c.id).limit(limit)
    rows = pd.DataFrame(connection.execute(query).all(), columns=ROW_COLUMNS)
    rows["partnership_types"] = rows["partnership_types"].map(tuple)
    rows["date"] = pd.to_datetime(rows["date"])
    rows["overall"] = rows["overall"].astype(float)
    return rows


def trend(store: SqlStore, filters: CompareFilters, *, period: str, by_region: bool) -> pd.DataFrame:
    """Mean overall score and count per period (and region) of the counted matching assessments."""
    m = matching(filters).cte("m")
    start = sa.func.date_trunc(_TRUNC[period], sa.cast(m.c.date, sa.DateTime)).label("period")
    keys = [start, *([m.c.region] if by_region else [])]
    query = (
        sa.select(*keys, sa.func.avg(m.c.overall), sa.func.count(m.c.overall))
        .where(m.c.counted, m.c.overall.is_not(None), m.c.date.is_not(None))
        .group_by(*keys)
        .order_by(*keys)
    )
    with store._begin() as connection:
        rows = connection.execute(query).all()
    columns = ["period", *(["region"] if by_region else []), "mean", "count"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["period"] = (
        pd.to_datetime(frame["period"]).dt.tz_localize(None) if not frame.empty else frame["period"]
    )
    return frame


_TRUNC = {name: name for name in PERIODS}


def options(store: SqlStore, base: str | None) -> CompareOptions:
    a, s = assessments, scores
    current = sa.and_(s.c.assessment_id == a.c.id, s.c.revision == a.c.revision)
    compared = a.c.status.in_(COMPARED_STATUSES)
    with store._begin() as connection:
        bases = connection.execute(
            sa.select(s.c.base_framework_id, sa.func.count())
            .select_from(a.join(s, current))
            .where(compared, s.c.base_framework_id.is_not(None))
            .group_by(s.c.base_framework_id)
        ).all()
        bases = {k: int(v) for k, v in sorted(bases, key=lambda row: -row[1])}
        if base is None or base not in bases:
            return CompareOptions(bases)
        family = a.join(s, current)
        where = sa.and_(compared, s.c.base_framework_id == base)
        affiliates = connection.execute(
            sa.select(a.c.affiliate).select_from(family).where(where).distinct().order_by(a.c.affiliate)
        ).scalars()
        frameworks = connection.execute(
            sa.select(a.c.framework_id).select_from(family).where(where).distinct().order_by(a.c.framework_id)
        ).scalars()
        first, last = connection.execute(
            sa.select(sa.func.min(_date()), sa.func.max(_date())).select_from(family).where(where)
        ).one()
        return CompareOptions(bases, tuple(affiliates), tuple(frameworks), first, last)
