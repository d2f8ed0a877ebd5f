"""The PostgreSQL store: one row per assessment (indexed columns for what Compare filters on, the answers and
the whole document as JSONB), content-addressed framework snapshots, and an append-only history with one row per
save. Every write is one transaction; a save is ``UPDATE ... WHERE id = :id AND revision = :seen``, so of two
people saving the same revision exactly one wins and the other gets a ``SaveConflictError``.

SQLAlchemy Core (no ORM objects per row) over psycopg 3; the schema is created by ``partnerfit db upgrade``
(Alembic migrations in ``migrations/``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from partnerfit.assessment import Assessment
from partnerfit.errors import Problem, ValidationError
from partnerfit.framework import Framework
from partnerfit.store.base import (
    CREATE,
    DELETE,
    SAVE,
    NotFoundError,
    Revision,
    Store,
    StoreError,
    conflict,
    conflict_on_create,
    recorded_changes,
    stamped,
)
from partnerfit.store.folder import AssessmentRecord, LoadResult
from partnerfit.store.sql_partner_links import SqlPartnerLinks
from partnerfit.store.sql_schema import (
    assessment_of,
    assessments,
    document_of,
    history,
    partner_names,
    row_of,
    snapshots,
)

# lenient, as possible matches reach down to WRatio 76: the candidates are then ranked (and cut) by the same
# matcher as the folder's
TRIGRAM_THRESHOLD = 0.05

if TYPE_CHECKING:
    import pandas as pd

    from partnerfit.access import Viewer
    from partnerfit.catalog import FrameworkCatalog
    from partnerfit.compare import SimilarPartner
    from partnerfit.compare_query import CompareAnswer, CompareFilters, CompareOptions


@functools.lru_cache(maxsize=8)
def engine_for(url: str) -> sa.Engine:
    """One engine (a small connection pool) per database URL and process."""
    try:
        return sa.create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4)
    except (sa.exc.ArgumentError, ImportError) as error:
        raise StoreError(f"PARTNERFIT_DATABASE_URL is not a usable database URL: {error}") from None


def _key_scores(queries: list[str], keys: list[str]) -> dict[str, float]:
    """Each partner key the matcher could report for one of the queries (as a match or a possible match), with
    its best score: the score ``find_similar_partners`` gives every assessment holding that key, since a key is
    the normalised name and aliases joined by " / "."""
    from rapidfuzz import fuzz

    from partnerfit import compare

    cutoff = min(compare.SIMILARITY_THRESHOLD, compare.POSSIBLE_THRESHOLD)
    scores = {}
    for key in keys:
        score = max(fuzz.WRatio(q, name) for q in queries for name in key.split(" / "))
        if score >= cutoff:
            scores[key] = score
    return scores


class SqlStore(SqlPartnerLinks, Store):
    """Assessments in a PostgreSQL database (``postgresql+psycopg://user@host:port/name``)."""

    def __init__(self, url: str | sa.URL, *, engine: sa.Engine | None = None):
        self.engine = engine or engine_for(str(url) if isinstance(url, str) else url.render_as_string(False))
        self.description = (
            f"the database {self.engine.url.database!r}"  # no host or user: messages reach the app
        )

    @contextlib.contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        """A connection in a transaction; database failures become a ``StoreError`` that says what to do."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except sa.exc.ProgrammingError as error:
            if "does not exist" in str(error.orig):
                raise StoreError(
                    f"{self.description} has no partnerfit tables (or an old schema): run `partnerfit db upgrade`."
                ) from None
            raise StoreError(f"{self.description}: {_first_line(error)}") from None
        except sa.exc.DBAPIError as error:
            raise StoreError(f"{self.description} cannot be used: {_first_line(error)}") from None

    # -- reading ------------------------------------------------------------------------------------------------
    def load_all(self, *, viewer: Any = None) -> LoadResult:
        result = LoadResult()
        query = sa.select(assessments.c.file_name, assessments.c.record).order_by(assessments.c.file_name)
        with self._begin() as connection:
            rows = connection.execute(query).all()
        for file_name, record in rows:
            try:
                result.records.append(AssessmentRecord.from_json(Path(file_name), record))
            except (ValueError, TypeError):
                result.errors.append(ValidationError(file_name, [Problem("", "damaged row; re-import it")]))
        return result

    def get(self, assessment_id: str, *, viewer: Any = None) -> Assessment:
        query = sa.select(assessments.c.document).where(assessments.c.id == assessment_id)
        with self._begin() as connection:
            document = connection.execute(query).scalar()
        if document is None:
            raise NotFoundError(assessment_id)
        return assessment_of(document, assessment_id)

    def state(self) -> str:
        """Row count, latest change and latest history row: any save, import or deletion changes it."""
        query = sa.select(
            sa.select(sa.func.count()).select_from(assessments).scalar_subquery(),
            sa.select(sa.func.max(assessments.c.updated_at)).scalar_subquery(),
            sa.select(sa.func.max(history.c.seq)).scalar_subquery(),
        )
        with self._begin() as connection:
            count, latest, last_seq = connection.execute(query).one()
        return f"{count}:{latest}:{last_seq}"

    def history(self, assessment_id: str, *, viewer: Any = None) -> list[Revision]:
        query = (
            sa.select(history.c.revision, history.c.author, history.c.at, history.c.action, history.c.changes)
            .add_columns(history.c.document)
            .where(history.c.assessment_id == assessment_id)
            .order_by(history.c.revision)
        )
        with self._begin() as connection:
            rows = connection.execute(query).all()
        if not rows:
            raise NotFoundError(assessment_id)
        return [
            Revision(
                assessment_id,
                revision,
                author,
                at,
                action,
                tuple(changes),
                assessment_of(document, f"{assessment_id} revision {revision}") if document else None,
            )
            for revision, author, at, action, changes, document in rows
        ]

    def similar_partners(
        self,
        name: str,
        *,
        aliases: tuple[str, ...] | list[str] = (),
        country: str | None = None,
        region: str | None = None,
        exclude_id: str | None = None,
        viewer: Any = None,
    ) -> list[SimilarPartner]:
        """Candidates found by trigram similarity on the normalised names and aliases (an index), then ranked
        exactly as on the folder store."""
        from partnerfit.compare import (
            SIMILAR_LIMIT,
            SIMILARITY_THRESHOLD,
            find_similar_partners,
            normalise_name,
        )

        queries = [normalise_name(q) for q in (name, *aliases) if q and q.strip()]
        queries = [q for q in queries if q]
        if not queries:
            return []
        key = partner_names.c.partner_key
        matches = sa.or_(*(sa.or_(key.op("%")(q), sa.literal(q).op("<%")(key)) for q in queries))
        with self._begin() as connection:
            connection.execute(sa.text(f"SET LOCAL pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}"))
            connection.execute(sa.text(f"SET LOCAL pg_trgm.word_similarity_threshold = {TRIGRAM_THRESHOLD}"))
            keys = connection.execute(sa.select(key).where(matches)).scalars().all()
            scores = _key_scores(queries, keys)
            if not scores:
                return []
            # rank on light columns first, as find_similar_partners ranks, and read the listing records of the
            # assessments it will list only (a common word can bring thousands of candidates)
            light = sa.select(
                assessments.c.id,
                assessments.c.partner_key,
                assessments.c.partner_country,
                assessments.c.region,
                sa.func.coalesce(assessments.c.updated, assessments.c.created),
            ).where(assessments.c.partner_key.in_(list(scores)))
            if exclude_id:
                light = light.where(assessments.c.id != exclude_id)
            candidates = connection.execute(light).all()
            candidates.sort(
                key=lambda row: (
                    scores[row[1]] < SIMILARITY_THRESHOLD,
                    not (country and row[2] == country),
                    not (region and row[3] == region),
                    -scores[row[1]],
                    -(row[4].toordinal() if row[4] else 0),
                )
            )
            chosen = [row[0] for row in candidates[:SIMILAR_LIMIT]]
            rows = connection.execute(
                sa.select(assessments.c.file_name, assessments.c.record).where(assessments.c.id.in_(chosen))
            ).all()
        records = [AssessmentRecord.from_json(Path(file_name), record) for file_name, record in rows]
        return find_similar_partners(name, records, aliases=aliases, country=country, region=region)

    # -- Compare ------------------------------------------------------------------------------------------------
    def refresh_scores(self, catalog: FrameworkCatalog, *, check_all: bool = False) -> int:
        """Score what has no up-to-date stored score; ``check_all`` looks at every row even when the history
        and the frameworks did not change since the last refresh."""
        from partnerfit.store.sql_compare import refresh_scores

        return refresh_scores(self, catalog, check_all=check_all)

    def compare_key(self, catalog: FrameworkCatalog) -> str:
        """A cheap key that changes whenever a comparison's answer may change (scores refreshed first): what the
        app caches Compare's answers on."""
        self.refresh_scores(catalog)
        with self._begin() as connection:
            state = connection.execute(
                sa.text("SELECT last_seq, frameworks FROM score_state WHERE id = 1")
            ).first()
        return f"{state[0]}:{hash(state[1])}" if state else ""

    def forget_scores(self) -> None:
        """Drop every stored score (the next refresh scores everything again)."""
        with self._begin() as connection:
            connection.execute(sa.text("DELETE FROM scores; DELETE FROM score_state"))

    def compare(
        self,
        filters: CompareFilters,
        catalog: FrameworkCatalog,
        *,
        limit: int | None = None,
        viewer: Viewer | None = None,
        min_group: int | None = None,
    ) -> CompareAnswer:
        """In SQL on the stored scores, refreshed first (only stale ones are scored). For a ``viewer`` who may
        not read everything: counts and rows of what they may read, means and spreads over every assessment
        with the privacy rule's ``min_group``."""
        from partnerfit.compare_query import ROW_LIMIT
        from partnerfit.privacy import DEFAULT_MIN_GROUP
        from partnerfit.store.sql_compare import compare
        from partnerfit.store.sql_compare_guarded import guarded_compare

        self.refresh_scores(catalog)
        if viewer is None or viewer.admin:
            return compare(self, filters, limit=limit or ROW_LIMIT)
        groups = min_group or DEFAULT_MIN_GROUP
        return guarded_compare(self, filters, viewer, limit=limit or ROW_LIMIT, min_group=groups)

    def compare_options(
        self, base: str | None, catalog: FrameworkCatalog, *, viewer: Viewer | None = None
    ) -> CompareOptions:
        from partnerfit.store.sql_compare import options

        self.refresh_scores(catalog)
        return options(self, base, viewer)

    def compare_trend(
        self,
        filters: CompareFilters,
        catalog: FrameworkCatalog,
        *,
        period: str,
        by_region: bool,
        viewer: Viewer | None = None,
    ) -> pd.DataFrame:
        from partnerfit.store.sql_compare import trend

        self.refresh_scores(catalog)
        return trend(self, filters, period=period, by_region=by_region, viewer=viewer)

    # -- writing ------------------------------------------------------------------------------------------------
    def create(self, assessment: Assessment, *, author: str | None = None) -> Assessment:
        with self._begin() as connection:
            inserted = connection.execute(
                insert(assessments)
                .values(**row_of(assessment))
                .on_conflict_do_nothing(index_elements=["id"])
                .returning(assessments.c.id)
            ).scalar()
            if inserted is None:
                current = connection.execute(
                    sa.select(assessments.c.document).where(assessments.c.id == assessment.id)
                ).scalar()
                raise conflict_on_create(
                    assessment.id,
                    "in the database",
                    assessment_of(current, assessment.id) if current else None,
                )
            _append_history(connection, None, assessment, author, CREATE)
        return assessment

    def save(self, assessment: Assessment, *, author: str | None = None, action: str = SAVE) -> Assessment:
        seen = assessment.revision
        saved = stamped(assessment, seen + 1)
        row = row_of(saved)
        with self._begin() as connection:
            old = (
                sa.select(assessments.c.id, assessments.c.document.label("old"))
                .where(assessments.c.id == saved.id)
                .subquery()
            )
            previous = connection.execute(
                assessments.update()
                .where(assessments.c.id == old.c.id, assessments.c.revision == seen)
                .values(**row, updated_at=sa.func.now())
                .returning(old.c.old)
            ).scalar()
            if previous is None:
                current = connection.execute(
                    sa.select(assessments.c.document).where(assessments.c.id == saved.id)
                ).scalar()
                if current is not None:
                    raise conflict(assessment_of(current, saved.id), seen)
                if seen != 0:
                    raise NotFoundError(saved.id)
                inserted = connection.execute(
                    insert(assessments)
                    .values(**row)
                    .on_conflict_do_nothing(index_elements=["id"])
                    .returning(assessments.c.id)
                ).scalar()
                if inserted is None:  # created by someone else a moment ago
                    current = connection.execute(
                        sa.select(assessments.c.document).where(assessments.c.id == saved.id)
                    ).scalar()
                    raise conflict(assessment_of(current, saved.id), seen)
                action = CREATE
            before = assessment_of(previous, saved.id) if previous is not None else None
            _append_history(connection, before, saved, author, action)
        return saved

    def delete_draft(self, assessment_id: str, *, author: str | None = None) -> None:
        with self._begin() as connection:
            row = connection.execute(
                sa.select(assessments.c.status, assessments.c.revision)
                .where(assessments.c.id == assessment_id)
                .with_for_update()
            ).one_or_none()
            if row is None:
                raise NotFoundError(assessment_id)
            if row.status != "draft":
                raise StoreError(f"Assessment {assessment_id!r} is {row.status}: only drafts are deleted.")
            connection.execute(assessments.delete().where(assessments.c.id == assessment_id))
            connection.execute(
                history.insert().values(
                    assessment_id=assessment_id,
                    revision=row.revision + 1,
                    author=author,
                    action=DELETE,
                    changes=["deleted"],
                    document=None,
                )
            )

    def write_snapshot(self, framework: Framework) -> str:
        with self._begin() as connection:
            write_snapshot(connection, framework)
        return framework.digest

    def read_snapshot(self, digest: str) -> Framework | None:
        query = sa.select(snapshots.c.document).where(snapshots.c.digest == digest)
        with self._begin() as connection:
            document = connection.execute(query).scalar()
        if document is None:
            return None
        try:
            framework = Framework.from_dict(document, source=f"snapshot {digest}")
        except (ValueError, KeyError, TypeError):
            return None
        return framework if framework.digest == digest else None

    # -- import -------------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def importer(
        self, *, author: str | None = None
    ) -> Iterator[Callable[[list[Importing]], list[str | StoreError]]]:
        """A function adding assessments read from files (with their snapshots), each in its own transaction:
        one statement per file, sent in a pipeline (no wait for each answer). For each it returns 'added',
        'updated' (a newer revision), 'skipped' (this revision is already there), 'history' (an older revision:
        kept in the history only), or the ``StoreError`` that refused it. Safe when several processes import the
        same files: the history's unique (id, revision) decides who adds it."""
        written: set[str] = set()
        columns = [c.name for c in assessments.c if c.name != "updated_at"]
        statement = re.sub(
            r":(\w+)",
            r"%(\1)s",
            _IMPORT_SQL.format(
                columns=", ".join(columns),
                values=_import_values(columns),
                updates=", ".join(f"{name} = EXCLUDED.{name}" for name in columns if name != "id"),
            ),
        )

        def import_many(batch: list[Importing]) -> list[str | StoreError]:
            for _, snapshot in batch:
                if snapshot is not None and snapshot.digest not in written:
                    write_snapshot(connection, snapshot)
                    written.add(snapshot.digest)
            parameters = [_import_parameters(assessment, author) for assessment, _ in batch]
            raw = connection.connection.driver_connection
            raw.prepare_threshold = (
                None  # no server-side prepared statements: a failed pipeline cannot strand one
            )
            try:
                with raw.pipeline():
                    cursors = [raw.cursor() for _ in parameters]
                    for cursor, values in zip(cursors, parameters, strict=True):
                        cursor.execute(statement, values)
                answers = [cursor.fetchone() for cursor in cursors]
            except psycopg.Error:  # one file was refused: again one by one, so it is named and the rest go in
                answers = [_one(raw, statement, values) for values in parameters]
            outcomes = [_outcome(answer) for answer in answers]
            _check_skipped(connection, batch, parameters, outcomes)
            return outcomes

        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                yield import_many
        except sa.exc.DBAPIError as error:
            raise StoreError(f"{self.description} cannot be used: {_first_line(error)}") from None


Importing = tuple[Assessment, Framework | None]


def _import_parameters(assessment: Assessment, author: str | None) -> dict[str, Any]:
    row = row_of(assessment)
    return {
        **row,
        "author": author,
        "answers": json.dumps(row["answers"], ensure_ascii=False),
        "document": json.dumps(row["document"], ensure_ascii=False),
        "_document": row["document"],
    }


def _one(raw: Any, statement: str, values: dict[str, Any]) -> tuple[int, bool | None] | StoreError:
    try:
        return raw.execute(statement, values).fetchone()
    except psycopg.Error as error:
        return StoreError(f"the database refused it: {_first_line(error)}")


def _outcome(answer: tuple[int, bool | None] | StoreError) -> str | StoreError:
    if isinstance(answer, StoreError):
        return answer
    kept, inserted = answer
    if not kept:
        return "skipped"
    return "added" if inserted else "updated" if inserted is not None else "history"


def _check_skipped(
    connection: sa.Connection,
    batch: list[Importing],
    parameters: list[dict[str, Any]],
    outcomes: list[str | StoreError],
) -> None:
    """A revision already there must hold the same document: else the file is a copy with another's id."""
    skipped = [i for i, outcome in enumerate(outcomes) if outcome == "skipped"]
    if not skipped:
        return
    ids = [batch[i][0].id for i in skipped]
    query = sa.select(history.c.assessment_id, history.c.revision, history.c.document).where(
        history.c.assessment_id.in_(ids)
    )
    stored = {(aid, revision): document for aid, revision, document in connection.execute(query)}
    for i in skipped:
        assessment = batch[i][0]
        if stored.get((assessment.id, assessment.revision)) != parameters[i]["_document"]:
            outcomes[i] = StoreError(
                f"assessment id {assessment.id!r} revision {assessment.revision} is already in the database "
                "with other content (a copied file?); give this copy a new id"
            )


_IMPORT_SQL = """
WITH kept AS (
    INSERT INTO history (assessment_id, revision, author, action, changes, document)
    VALUES (:id, :revision, :author, 'import', '["imported"]', CAST(:document AS jsonb))
    ON CONFLICT ON CONSTRAINT history_assessment_revision DO NOTHING
    RETURNING seq
), written AS (
    INSERT INTO assessments ({columns})
    SELECT {values} WHERE EXISTS (SELECT 1 FROM kept)
    ON CONFLICT (id) DO UPDATE SET {updates}, updated_at = now()
    WHERE assessments.revision < EXCLUDED.revision
    RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT count(*) FROM kept) AS kept, (SELECT inserted FROM written) AS inserted
"""


def _import_values(columns: list[str]) -> str:
    casts = {"answers": "CAST(:answers AS jsonb)", "document": "CAST(:document AS jsonb)"}
    return ", ".join(casts.get(name, f":{name}") for name in columns)


def write_snapshot(connection: sa.Connection, framework: Framework) -> None:
    connection.execute(
        insert(snapshots)
        .values(
            digest=framework.digest,
            framework_id=framework.id,
            version=framework.version,
            document=framework.to_dict(),
        )
        .on_conflict_do_nothing(index_elements=["digest"])
    )


def _append_history(
    connection: sa.Connection, before: Assessment | None, saved: Assessment, author: str | None, action: str
) -> None:
    connection.execute(
        history.insert().values(
            assessment_id=saved.id,
            revision=saved.revision,
            author=author,
            action=action,
            changes=list(recorded_changes(before, saved)),
            document=document_of(saved),
        )
    )


def _first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
