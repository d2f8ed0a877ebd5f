"""Assessment files on disk: fast loading through a disposable index, atomic saves that refuse to overwrite newer
work, and content-addressed framework snapshots.

The YAML files are the source of truth. ``<root>/.partnerfit-cache/index.sqlite`` keeps each file's validated
content keyed on (path, size, mtime), so a later start re-parses only files that changed. Delete it at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.assessment import Assessment, FrameworkRef, check_against_framework, slugify
from partnerfit.catalog import scan_yaml_files
from partnerfit.errors import Problem, SaveConflictError, ValidationError
from partnerfit.framework import Framework
from partnerfit.validation import validate_model
from partnerfit.yamlio import dump_yaml, parse_yaml, write_atomically

CACHE_DIR = ".partnerfit-cache"
SNAPSHOT_DIR = ".snapshots"
LOCK_FILE = ".partnerfit.lock"
PARALLEL_THRESHOLD = 400  # below this many changed files, a process pool costs more than it saves
FILE_HEADER = "# partnerfit assessment: edit with care; 'revision' guards against overwriting newer work.\n"


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """What listing, comparing and scoring need of one assessment file; notes and evidence stay in the file.

    ``levels`` maps each answered criterion to its level or 'na'. Read the whole assessment with
    ``read_assessment(record.path)``.
    """

    path: Path
    id: str
    revision: int
    framework_id: str
    framework_version: str
    framework_digest: str | None
    partner_name: str
    partner_id: str | None
    partner_aliases: tuple[str, ...]
    partner_country: str | None
    affiliate: str
    region: str
    partnership_type: str
    size: str | None
    status: str
    created: dt.date | None
    updated: dt.date | None
    levels: dict[str, int | str]
    sharing: str | None = None  # affiliate | liaisons | movement; None means the default (liaisons)

    @property
    def date(self) -> dt.date | None:
        return self.updated or self.created

    @classmethod
    def from_assessment(cls, path: Path, a: Assessment) -> AssessmentRecord:
        return cls(
            path,
            a.id,
            a.revision,
            a.framework.id,
            a.framework.version,
            a.framework.digest,
            a.partner.name,
            a.partner.id,
            tuple(a.partner.aliases),
            a.partner.country,
            a.affiliate,
            a.region,
            a.partnership_type,
            a.size,
            a.status,
            a.created,
            a.updated,
            a.levels,
            a.sharing,
        )

    def to_json(self) -> str:
        values = [getattr(self, name) for name in self.__slots__[1:]]
        return json.dumps(
            [v.isoformat() if isinstance(v, dt.date) else v for v in values], ensure_ascii=False
        )

    @classmethod
    def from_json(cls, path: Path, text: str) -> AssessmentRecord:
        (
            id_,
            revision,
            fw_id,
            fw_version,
            digest,
            name,
            partner_id,
            aliases,
            country,
            affiliate,
            region,
            ptype,
            size,
            status,
            created,
            updated,
            levels,
            sharing,
        ) = json.loads(text)
        return cls(
            path,
            id_,
            revision,
            fw_id,
            fw_version,
            digest,
            name,
            partner_id,
            tuple(aliases),
            country,
            affiliate,
            region,
            ptype,
            size,
            status,
            _date(created),
            _date(updated),
            levels,
            sharing,
        )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class LoadResult:
    records: list[AssessmentRecord] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)
    parsed: int = 0  # files parsed this time (the rest came from the index)


def parse_assessment_text(text: str, path: Path | str | None) -> Assessment:
    return validate_model(Assessment, parse_yaml(text, path), path, text)


def read_assessment(path: Path) -> Assessment:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(path, [Problem("", f"cannot read file: {error}")]) from None
    return parse_assessment_text(text, path)


def _parse_for_index(path_str: str) -> tuple[str, str | None, str | None]:
    """Worker: (path, record JSON or None, error lines as JSON or None). Runs in a child process."""
    path = Path(path_str)
    try:
        assessment = read_assessment(path)
    except ValidationError as error:
        return path_str, None, json.dumps([[p.location, p.message, p.line] for p in error.problems])
    return path_str, AssessmentRecord.from_assessment(path, assessment).to_json(), None


def _from_row(path_str: str, data: str | None, err: str | None) -> AssessmentRecord | ValidationError:
    if err is not None:
        return ValidationError(path_str, [Problem(loc, msg, line) for loc, msg, line in json.loads(err)])
    return AssessmentRecord.from_json(Path(path_str), data)


class AssessmentStore:
    def __init__(self, root: Path | str, *, use_index: bool = True):
        self.root = Path(root)
        self.use_index = use_index

    # -- loading ------------------------------------------------------------------------------------------------
    def load_all(self, *, workers: int | None = None) -> LoadResult:
        """Every assessment below the root; unreadable files are reported (file and reason) and skipped."""
        result = LoadResult()
        files = {path: (stat.st_size, stat.st_mtime_ns) for path, stat in scan_yaml_files(self.root).items()}
        # the index is keyed on paths relative to the root, however the root was spelled
        prefix = len(os.path.join(str(self.root), ""))
        keys = {path: path[prefix:] for path in files}
        with self._index() as index:
            cached = index.rows() if index else {}
            changed = [
                p for p, stat in files.items() if cached.get(keys[p], (None, None, None, None))[:2] != stat
            ]
            fresh = self._parse_many(changed, workers)
            result.parsed = len(changed)
            if index:
                index.store((keys[p], *files[p], data, err) for p, data, err in fresh)
                index.forget(set(cached) - set(keys.values()))
        fresh_rows = {p: (data, err) for p, data, err in fresh}
        rows = {
            p: fresh_rows[p] if p in fresh_rows else cached[keys[p]][2:] for p in files
        }  # sorted like files
        for path_str, (data, err) in rows.items():
            try:
                item = _from_row(path_str, data, err)
            except (
                ValueError,
                TypeError,
            ):  # a damaged or outdated index row: the file is the source of truth
                item = _from_row(*_parse_for_index(path_str))
                result.parsed += 1
            (result.errors if isinstance(item, ValidationError) else result.records).append(item)
        return result

    def _parse_many(self, paths: list[str], workers: int | None) -> list[tuple[str, str | None, str | None]]:
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if len(paths) < PARALLEL_THRESHOLD or workers <= 1:
            return [_parse_for_index(p) for p in paths]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_parse_for_index, paths, chunksize=64))

    @contextlib.contextmanager
    def _index(self) -> Iterator[_Index | None]:
        if not self.use_index:
            yield None
            return
        index = _Index.open(self.root / CACHE_DIR / "index.sqlite")
        try:
            yield index
        finally:
            if index:
                index.close()

    # -- saving -------------------------------------------------------------------------------------------------
    def read(self, path: Path | str) -> Assessment:
        return read_assessment(Path(path))

    def path_for(self, assessment: Assessment) -> Path:
        """The file name, fixed at creation from a slug of the partner and the id (never raw user text)."""
        return self.root / f"{slugify(assessment.partner.name)}-{slugify(assessment.id, 64)}.yaml"

    def save(self, assessment: Assessment, path: Path | None = None) -> tuple[Path, Assessment]:
        """Write atomically; refuse if the file on disk has a revision other than the one this copy was read at.

        Returns the path and the assessment as saved (revision + 1, ``updated`` today).
        """
        path = Path(path) if path is not None else self.path_for(assessment)
        with self._lock():
            if path.exists():
                try:
                    on_disk = read_assessment(path)
                except ValidationError as error:
                    raise SaveConflictError(
                        f"{path} cannot be read ({error.problems[0].message}); not overwriting it. "
                        "Fix or move the file, then save again."
                    ) from None
                if on_disk.id != assessment.id:
                    raise SaveConflictError(
                        f"{path} holds another assessment ({on_disk.id}); not overwriting it."
                    )
                if on_disk.revision != assessment.revision:
                    raise SaveConflictError(
                        f"{path} was saved by someone else meanwhile (revision {on_disk.revision}, yours is based "
                        f"on {assessment.revision}); your changes were not written to it. Keep your version as a new draft or load theirs."
                    )
            saved = assessment.model_copy(
                update={"revision": assessment.revision + 1, "updated": dt.date.today()}
            )
            if saved.created is None:
                saved = saved.model_copy(update={"created": dt.date.today()})
            write_atomically(path, FILE_HEADER + dump_yaml(saved.to_data()))
        return path, saved

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK_FILE, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- snapshots and finalising -------------------------------------------------------------------------------
    def snapshot_path(self, digest: str) -> Path:
        return self.root / SNAPSHOT_DIR / f"{digest}.json"

    def write_snapshot(self, framework: Framework) -> str:
        path = self.snapshot_path(framework.digest)
        if not path.exists():
            write_atomically(
                path, json.dumps(framework.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)
            )
        return framework.digest

    def read_snapshot(self, digest: str) -> Framework | None:
        path = self.snapshot_path(digest)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            framework = Framework.from_dict(data, source=str(path))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return framework if framework.digest == digest else None

    def finalise(
        self, assessment: Assessment, framework: Framework, path: Path | None = None
    ) -> tuple[Path, Assessment]:
        """Freeze the result: snapshot the framework, record its digest, mark final, save."""
        problems = check_against_framework(assessment, framework, strict=True)
        if problems:
            raise ValidationError(path, problems)
        digest = self.write_snapshot(framework)
        final = assessment.model_copy(
            update={
                "status": "final",
                "framework": FrameworkRef(id=framework.id, version=framework.version, digest=digest),
            }
        )
        return self.save(final, path)


class _Index:
    """SQLite rows: path, size, mtime_ns, validated JSON or error JSON. Any failure makes it a no-op."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    @classmethod
    def open(cls, path: Path) -> _Index | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=10)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                "data TEXT, error TEXT)"
            )
            return cls(connection)
        except (OSError, sqlite3.Error):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return None

    def rows(self) -> dict[str, tuple[int, int, str | None, str | None]]:
        try:
            return {
                row[0]: row[1:]
                for row in self.connection.execute("SELECT path, size, mtime_ns, data, error FROM files")
            }
        except sqlite3.Error:
            return {}

    def store(self, rows) -> None:
        with contextlib.suppress(sqlite3.Error), self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", rows)

    def forget(self, paths: set[str]) -> None:
        with contextlib.suppress(sqlite3.Error), self.connection:
            self.connection.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

    def close(self) -> None:
        self.connection.close()


def store_holding(path: Path) -> AssessmentStore:
    """The store an assessment file belongs to: the nearest folder above it with a snapshot folder."""
    path = Path(path).resolve()
    for parent in path.parents:
        if (parent / SNAPSHOT_DIR).is_dir():
            return AssessmentStore(parent)
    return AssessmentStore(path.parent)
