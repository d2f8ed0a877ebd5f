"""Looking after the database: creating or migrating its schema, importing a folder of assessment files into it,
and exporting it back to a folder (the folder format, with snapshots)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from partnerfit.assessment import Assessment, check_against_framework
from partnerfit.catalog import FrameworkCatalog, iter_yaml_files, load_frameworks
from partnerfit.errors import PartnerfitError, Problem, ValidationError
from partnerfit.framework import Framework
from partnerfit.store.base import StoreError
from partnerfit.store.folder import FILE_HEADER, AssessmentStore, read_assessment, store_holding
from partnerfit.store.sql import SqlStore, engine_for
from partnerfit.store.sql_schema import assessment_of, assessments, snapshots
from partnerfit.yamlio import dump_yaml, write_atomically

MIGRATIONS = Path(__file__).parent / "migrations"
UPGRADE_LOCK = 0x70617274  # pg_advisory_lock key: one upgrade at a time
IMPORT_BATCH = 250  # files read, then sent to the database together (each still its own transaction)
PARALLEL_THRESHOLD = 400


def upgrade(url: str) -> str:
    """Create or migrate the schema to the newest revision; returns it. Safe twice, and from two processes at
    once (they take turns on an advisory lock; the second finds nothing left to do)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.select(sa.func.pg_advisory_lock(UPGRADE_LOCK)))
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
                return MigrationContext.configure(connection).get_current_revision() or ""
            finally:
                connection.rollback()
                connection.execute(sa.select(sa.func.pg_advisory_unlock(UPGRADE_LOCK)))
                connection.commit()
    except sa.exc.DBAPIError as error:
        raise StoreError(
            f"The database cannot be upgraded: {str(error.orig).strip().splitlines()[0]}"
        ) from None


# -- import ---------------------------------------------------------------------------------------------------
@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0  # a newer revision of an assessment already there
    skipped: int = 0  # this revision was already there
    history: int = 0  # an older revision than the one there: kept in the history only
    errors: list[str] = field(default_factory=list)  # "file: reason"

    def merge(self, other: ImportReport) -> None:
        for name in ("added", "updated", "skipped", "history"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


def import_folder(
    url: str,
    directory: Path,
    *,
    frameworks_dir: Path | None = None,
    author: str | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Validate each assessment file below ``directory`` and import it with its snapshot, one transaction per
    file. Bad files are reported with the reason; the others go in. Running it again (or twice at once) adds
    nothing twice."""
    paths = [str(p) for p in iter_yaml_files(directory)]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    # one part per worker: each reads the snapshots and the frameworks once
    size = max(1, -(-len(paths) // max(1, workers)))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    tasks = [(url, chunk, str(frameworks_dir) if frameworks_dir else None, author) for chunk in chunks]
    report = ImportReport()
    if len(paths) < PARALLEL_THRESHOLD or workers <= 1:
        _merge_into(report, map(_import_chunk, tasks))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            _merge_into(report, pool.map(_import_chunk, tasks))
    return report


def _merge_into(report: ImportReport, parts: Iterable[ImportReport]) -> None:
    for part in parts:
        report.merge(part)


def _import_chunk(task: tuple[str, list[str], str | None, str | None]) -> ImportReport:
    url, paths, frameworks_dir, author = task
    store = SqlStore(url, engine=sa.create_engine(url))  # its own connections (it may run in a child process)
    catalog = load_frameworks(Path(frameworks_dir)) if frameworks_dir else None
    snapshot_cache: dict[tuple[Path, str], Framework | None] = {}
    report = ImportReport()
    with store.importer(author=author) as import_many:
        for start in range(0, len(paths), IMPORT_BATCH):
            _import_batch(paths[start : start + IMPORT_BATCH], catalog, snapshot_cache, import_many, report)
    store.engine.dispose()
    return report


def _import_batch(
    paths: list[str],
    catalog: FrameworkCatalog | None,
    snapshot_cache: dict[tuple[Path, str], Framework | None],
    import_many,
    report: ImportReport,
) -> None:
    """Read and check each file, then send the good ones to the database together."""
    batch: list[tuple[Assessment, Framework | None]] = []
    names: list[Path] = []
    for path_str in paths:
        path = Path(path_str)
        try:
            assessment = read_assessment(path)
            snapshot = _snapshot_for(assessment, path, snapshot_cache)
            if catalog is not None:
                _check(assessment, path, catalog, snapshot)
        except ValidationError as error:
            report.errors += error.lines()
            continue
        except PartnerfitError as error:
            report.errors.append(f"{path}: {error}")
            continue
        batch.append((assessment, snapshot))
        names.append(path)
    outcomes = import_many(batch) if batch else []
    for path, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, StoreError):
            report.errors.append(f"{path}: {outcome}")
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)


def _snapshot_for(
    assessment: Assessment, path: Path, cache: dict[tuple[Path, str], Framework | None]
) -> Framework | None:
    digest = assessment.framework.digest
    if not digest:
        return None
    folder = store_holding(path)
    key = (folder.root, digest)
    if key not in cache:
        cache[key] = folder.read_snapshot(digest)
    return cache[key]


def _check(assessment: Assessment, path: Path, catalog: FrameworkCatalog, snapshot: Framework | None) -> None:
    """The file must fit the framework it is scored with (its snapshot, else the loaded one)."""
    framework = snapshot or catalog.get(assessment.framework.id)
    if framework is None:
        raise ValidationError(path, _problem(f"unknown framework {assessment.framework.id!r}"))
    problems = check_against_framework(assessment, framework, strict=assessment.status != "draft")
    if problems:
        raise ValidationError(path, problems)


def _problem(message: str) -> list[Problem]:
    return [Problem("framework", message)]


# -- export ---------------------------------------------------------------------------------------------------
def export_folder(url: str, directory: Path) -> int:
    """Write every assessment as a YAML file in the folder format, with the snapshots they name; returns how many.
    ``export``, ``score`` and ``validate`` on that folder then give what they give on the database."""
    target = AssessmentStore(directory, use_index=False)
    count = 0
    digests: set[str] = set()
    for file_name, assessment in iter_documents(url):
        write_atomically(Path(directory) / file_name, FILE_HEADER + dump_yaml(assessment.to_data()))
        if assessment.framework.digest:
            digests.add(assessment.framework.digest)
        count += 1
    store = SqlStore(url)
    for digest in sorted(digests):
        framework = store.read_snapshot(digest)
        if framework is not None:
            target.write_snapshot(framework)
    with store._begin() as connection:  # snapshots nobody references still go along
        for (document,) in connection.execute(sa.select(snapshots.c.document)):
            framework = Framework.from_dict(document, source="snapshot")
            if framework.digest not in digests:
                target.write_snapshot(framework)
    return count


def iter_documents(url: str) -> Iterator[tuple[str, Assessment]]:
    engine = engine_for(url)
    query = sa.select(assessments.c.file_name, assessments.c.document).order_by(assessments.c.file_name)
    with engine.connect() as connection:
        for file_name, document in connection.execution_options(yield_per=1000).execute(query):
            yield file_name, assessment_of(document, file_name)
