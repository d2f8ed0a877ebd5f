"""Assessment files on disk: fast loading through a disposable index, atomic saves that refuse to overwrite newer
work, and content-addressed framework snapshots.

The YAML files are the source of truth. ``<root>/.partnerfit-cache/index.sqlite`` keeps each file's validated
content keyed on its (path, size, mtime, ctime, inode), as git's index does, so a later start re-parses only files
that changed; a file changed within ``RACY_NS`` of when it was indexed has its text hashed again (git's "racy"
check), so an edit that keeps size and timestamps is still seen. The index records ``INDEX_FORMAT``: an index
made by another version, of an unexpected shape or damaged is rebuilt, and the load says so once. Delete it at
any time.

Saves hold a lock file (``filelock``, on every platform) and refuse to overwrite a file whose revision, or whose
text, changed since the assessment was read (``Assessment.source_digest``). Every I/O failure becomes a
``StoreError`` with a sentence saying what could not be done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import NamedTuple

from partnerfit.assessment import Assessment, FrameworkRef, check_against_framework, slugify
from partnerfit.catalog import scan_yaml_files
from partnerfit.errors import Message, Problem, SaveConflictError, StoreError, ValidationError, translated
from partnerfit.framework import Framework
from partnerfit.i18n import _
from partnerfit.snapshot import read_snapshot_file
from partnerfit.team import assessor_names
from partnerfit.validation import validate_model
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES, dump_yaml, parse_yaml, read_text_file, write_atomically

CACHE_DIR = ".partnerfit-cache"
SNAPSHOT_DIR = ".snapshots"
LOCK_FILE = ".partnerfit.lock"
LOCK_TIMEOUT = 30  # seconds a save waits for another one before giving up with a StoreError
PARALLEL_THRESHOLD = 400  # below this many changed files, a process pool costs more than it saves
INDEX_VERSION = 6  # bump whenever validation changes: older indexes are rebuilt (see INDEX_FORMAT)
RACY_NS = 2_000_000_000  # a file changed this close to its indexing is hashed again (timestamp granularity)
STALE_TEMP_SECONDS = 600  # a save's temporary file older than this was left by a killed save
FILE_HEADER = "# partnerfit assessment: edit with care; 'revision' guards against overwriting newer work.\n"


def content_digest(text: str) -> str:
    """The SHA-256 of a file's text: what a save compares to notice an edit that kept the revision."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    partnership_types: tuple[str, ...]
    size: str | None
    status: str
    created: dt.date | None
    updated: dt.date | None
    levels: dict[str, int | str]
    sharing: str | None = None  # affiliate | liaisons | movement; None means the default (liaisons)
    partner_levels: dict[str, int | str] | None = None  # the partner's own answers (never scored), if any
    # follow-up (absent from records written before it existed: the defaults)
    team_assessors: tuple[str, ...] = ()
    reviewed: dt.date | None = None  # the outcome review's date
    partner_again: str | None = None  # the outcome review's yes | with-changes | no
    conditions_open: int = 0
    conditions_met: int = 0
    conditions_not_met: int = 0
    next_condition_due: dt.date | None = None  # the earliest due date of an open tracked condition

    @property
    def date(self) -> dt.date | None:
        return self.updated or self.created

    @classmethod
    def from_assessment(cls, path: Path, a: Assessment) -> AssessmentRecord:
        return cls(
            path=path,
            id=a.id,
            revision=a.revision,
            framework_id=a.framework.id,
            framework_version=a.framework.version,
            framework_digest=a.framework.digest,
            partner_name=a.partner.name,
            partner_id=a.partner.id,
            partner_aliases=tuple(a.partner.aliases),
            partner_country=a.partner.country,
            affiliate=a.affiliate,
            region=a.region,
            partnership_types=tuple(a.partnership_types),
            size=a.size,
            status=a.status,
            created=a.created,
            updated=a.updated,
            levels=a.levels,
            sharing=a.sharing,
            partner_levels=(
                {k: v.level for k, v in a.partner_view.answers.items()} if a.partner_view else None
            ),
            **_follow_up(a),
        )

    def to_json(self) -> str:
        """The record (without its path) as a JSON object keyed by field name: an index row's ``data``."""
        values = {name: getattr(self, name) for name in _RECORD_FIELDS}
        for name in _DATE_FIELDS:
            values[name] = values[name].isoformat() if values[name] else None
        for name, default in _FOLLOW_UP_DEFAULTS.items():  # most assessments have none: keep their rows short
            if values[name] == default:
                del values[name]
        return json.dumps(values, ensure_ascii=False)

    @classmethod
    def from_json(cls, path: Path, text: str) -> AssessmentRecord:
        """The record ``to_json`` wrote (the index checks each row's checksum before trusting it)."""
        values = json.loads(text)
        for name in _TUPLE_FIELDS:
            values[name] = tuple(values.get(name, ()))
        for name in _DATE_FIELDS:
            values[name] = _date(values.get(name))
        return cls(path=path, **values)


def _follow_up(a: Assessment) -> dict[str, object]:
    """The record's follow-up fields: team members, the outcome review, tracked conditions."""
    statuses = [c.status for c in a.tracked_conditions]
    due = [c.due for c in a.tracked_conditions if c.status == "open" and c.due is not None]
    return {
        "team_assessors": tuple(assessor_names(a.team)),
        "reviewed": a.outcome.date if a.outcome else None,
        "partner_again": a.outcome.partner_again if a.outcome else None,
        "conditions_open": statuses.count("open"),
        "conditions_met": statuses.count("met"),
        "conditions_not_met": statuses.count("not-met"),
        "next_condition_due": min(due) if due else None,
    }


# The fields an index row's JSON holds (every field of the record but its path), and those JSON cannot hold as
# they are: a new record field needs no code here, and changes INDEX_FORMAT, so older indexes are rebuilt.
_RECORD_FIELDS = tuple(f.name for f in fields(AssessmentRecord) if f.name != "path")
_TUPLE_FIELDS = tuple(f.name for f in fields(AssessmentRecord) if str(f.type).startswith("tuple"))
_FOLLOW_UP_DEFAULTS = {
    f.name: (() if f.name == "team_assessors" else f.default)
    for f in fields(AssessmentRecord)
    if f.name
    in (
        "team_assessors",
        "reviewed",
        "partner_again",
        "conditions_open",
        "conditions_met",
        "conditions_not_met",
        "next_condition_due",
    )
}
_DATE_FIELDS = tuple(f.name for f in fields(AssessmentRecord) if str(f.type).startswith("dt.date"))


def index_format(version: int, record_fields: tuple[str, ...]) -> int:
    """What the index's ``PRAGMA user_version`` holds: the code's version and the record's fields, as one number."""
    return zlib.crc32(f"{version}:{','.join(record_fields)}".encode()) & 0x7FFFFFFF


INDEX_FORMAT = index_format(INDEX_VERSION, _RECORD_FIELDS)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class LoadResult:
    records: list[AssessmentRecord] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)
    parsed: int = 0  # files parsed this time (the rest came from the index)
    notice: str | None = None  # "index rebuilt: <reason>" on the one load that rebuilt a damaged index


def parse_assessment_text(text: str, path: Path | str | None) -> Assessment:
    return validate_model(Assessment, parse_yaml(text, path), path, text)


def read_assessment(path: Path) -> Assessment:
    """The assessment in ``path``, carrying the digest of the text it was read from (see ``save``)."""
    text = _read_text(path)
    return parse_assessment_text(text, path).read_from(content_digest(text))


def _read_text(path: Path) -> str:
    """The file's text, refused unread when larger than an assessment may be."""
    return read_text_file(path, max_bytes=MAX_ASSESSMENT_BYTES)


class _Parsed(NamedTuple):
    """What parsing one file gives the index: its text's digest and the record JSON, or the error lines."""

    path: str
    digest: str | None
    data: str | None
    error: str | None


def _parse_for_index(path_str: str) -> _Parsed:
    """Worker (may run in a child process): parse one file for the index."""
    path = Path(path_str)
    digest = None
    try:
        text = _read_text(path)
        digest = content_digest(text)
        assessment = parse_assessment_text(text, path)
    except ValidationError as error:
        return _Parsed(path_str, digest, None, json.dumps([_problem_row(p) for p in error.problems]))
    return _Parsed(path_str, digest, AssessmentRecord.from_assessment(path, assessment).to_json(), None)


def row_checksum(data: str | None, error: str | None) -> str:
    """A checksum of an index row's content: a row changed by anything but this code (a damaged disk, a hand
    edit, a bug) no longer matches it and is parsed again from its file."""
    text = f"{data}\0{error}" if error is not None else f"{data}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _from_row(path_str: str, data: str | None, err: str | None) -> AssessmentRecord | ValidationError:
    """The record or error an index row holds; ``ValueError``, ``TypeError`` or ``KeyError`` if damaged."""
    if err is not None:
        problems = json.loads(err)
        if not isinstance(problems, list):
            raise ValueError("index row: error lines are not a list")
        return ValidationError(path_str, [_problem(*item) for item in problems])
    if data is None:
        raise ValueError("index row: neither data nor error")
    return AssessmentRecord.from_json(Path(path_str), data)


def _problem_row(problem: Problem) -> list[object]:
    """A problem as the index keeps it: location, English message, line, and (when it has them) the message's
    template and values, so that it is shown in each visitor's language when read back."""
    row: list[object] = [problem.location, str(problem.message), problem.line]
    if isinstance(problem.message, Message):
        params = {
            key: value if isinstance(value, int | str) and not isinstance(value, bool) else str(value)
            for key, value in problem.message.params.items()
        }
        row += [problem.message.template, params]
    return row


def _problem(
    location: object, message: object, line: object, template: object = None, params: object = None
) -> Problem:
    if not (isinstance(location, str) and isinstance(message, str) and (line is None or type(line) is int)):
        raise ValueError("index row: an error line has the wrong type")
    if isinstance(template, str) and isinstance(params, dict):
        try:
            lazy = Message(template, **params)
        except (KeyError, IndexError, ValueError):
            raise ValueError("index row: a message template does not fit its values") from None
        if lazy == message:
            return Problem(location, lazy, line)
    return Problem(location, message, line)


def _stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


_TRUSTED, _VERIFIED, _STALE = "trusted", "verified", "stale"


def _row_state(row: IndexRow | None, path: str, key: tuple[int, int, int, int]) -> str:
    """Whether an index row still describes the file: ``_TRUSTED`` (same stat key, indexed well after the file
    last changed), ``_VERIFIED`` (same stat key but changed so close to its indexing that an edit could hide in
    the same timestamp, and its text is unchanged: git's racy check) or ``_STALE`` (parse it again)."""
    if row is None or (row.size, row.mtime_ns, row.ctime_ns, row.inode) != key:
        return _STALE
    if max(key[1], key[2]) < row.indexed_ns - RACY_NS:
        return _TRUSTED
    try:
        return _VERIFIED if row.digest == content_digest(_read_text(Path(path))) else _STALE
    except ValidationError:
        return _STALE


class AssessmentStore:
    def __init__(self, root: Path | str, *, use_index: bool = True):
        self.root = Path(root)
        self.use_index = use_index

    # -- loading ------------------------------------------------------------------------------------------------
    def load_all(self, *, workers: int | None = None) -> LoadResult:
        """Every assessment below the root; unreadable files are reported (file and reason) and skipped."""
        self.remove_stale_temporary_files()
        result = LoadResult()
        started = time.time_ns()
        files = {path: _stat_key(stat) for path, stat in scan_yaml_files(self.root).items()}
        # the index is keyed on paths relative to the root, however the root was spelled
        prefix = len(os.path.join(str(self.root), ""))
        keys = {path: path[prefix:] for path in files}
        with self._index() as index:
            cached = index.rows() if index else {}
            result.notice = index.notice if index else None
            states = {p: _row_state(cached.get(keys[p]), p, files[p]) for p in files}
            changed = [p for p, state in states.items() if state == _STALE]
            fresh = {item.path: item for item in self._parse_many(changed, workers)}
            result.parsed = len(changed)
            repaired: list[_Parsed] = []
            for path_str in files:
                item = fresh.get(path_str)
                row = cached.get(keys[path_str])
                try:
                    if item is not None:
                        loaded = _from_row(path_str, item.data, item.error)
                    elif row.checksum != row_checksum(row.data, row.error):
                        raise ValueError("index row: checksum mismatch")
                    else:
                        loaded = _from_row(path_str, row.data, row.error)
                except (ValueError, TypeError, KeyError):  # a damaged row: the file is the source of truth
                    item = _parse_for_index(path_str)
                    repaired.append(item)
                    loaded = _from_row(path_str, item.data, item.error)
                    result.parsed += 1
                (result.errors if isinstance(loaded, ValidationError) else result.records).append(loaded)
            if index:
                index.store(
                    IndexRow(
                        keys[item.path],
                        *files[item.path],
                        item.digest,
                        started,
                        item.data,
                        item.error,
                        row_checksum(item.data, item.error),
                    )
                    for item in [*fresh.values(), *repaired]
                )
                index.mark_checked([keys[p] for p, state in states.items() if state == _VERIFIED], started)
                index.forget(set(cached) - set(keys.values()))
        return result

    def _parse_many(self, paths: list[str], workers: int | None) -> list[_Parsed]:
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

    def remove_stale_temporary_files(self) -> list[Path]:
        """Delete the ``.*.tmp`` files that saves killed midway left (older than ``STALE_TEMP_SECONDS``)."""
        removed = []
        limit = time.time() - STALE_TEMP_SECONDS
        for folder in (self.root, self.root / SNAPSHOT_DIR):
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mtime < limit:
                            os.unlink(entry.path)
                            removed.append(Path(entry.path))
        return removed

    # -- saving -------------------------------------------------------------------------------------------------
    def read(self, path: Path | str) -> Assessment:
        return read_assessment(Path(path))

    def path_for(self, assessment: Assessment) -> Path:
        """The file name, fixed at creation from a slug of the partner and the id (never raw user text)."""
        return self.root / f"{slugify(assessment.partner.name)}-{slugify(assessment.id, 64)}.yaml"

    def save(self, assessment: Assessment, path: Path | None = None) -> tuple[Path, Assessment]:
        """Write atomically; refuse if the file on disk has a revision other than the one this copy was read at,
        or (when this copy was read from a file: ``source_digest``) text other than the text it was read from.

        Returns the path and the assessment as saved (revision + 1, ``updated`` today).
        """
        path = Path(path) if path is not None else self.path_for(assessment)
        with self._lock():
            if path.exists():
                self._check_unchanged(assessment, path)
            saved = assessment.model_copy(
                update={"revision": assessment.revision + 1, "updated": dt.date.today()}
            )
            if saved.created is None:
                saved = saved.model_copy(update={"created": dt.date.today()})
            return path, self._write(path, saved)

    def create(self, assessment: Assessment, path: Path | None = None) -> tuple[Path, Assessment]:
        """Add an assessment exactly as given (an upload keeps its revision and dates); refuse
        (``SaveConflictError``) if an assessment with its id is already in the folder or its file name is taken.
        """
        path = Path(path) if path is not None else self.path_for(assessment)
        with self._lock():
            existing = next((r for r in self.load_all().records if r.id == assessment.id), None)
            if existing is not None:
                raise SaveConflictError(
                    _(
                        "An assessment with id {id} is already in the folder ({file}); it was not added again."
                    ).format(id=repr(assessment.id), file=existing.path.name)
                )
            if path.exists():
                raise SaveConflictError(
                    _("A file named {file} already exists; nothing was overwritten.").format(file=path.name)
                )
            return path, self._write(path, assessment)

    def _check_unchanged(self, assessment: Assessment, path: Path) -> None:
        try:
            text = _read_text(path)
            on_disk = parse_assessment_text(text, path)
        except ValidationError as error:
            raise SaveConflictError(
                _(
                    "{file} cannot be read ({problem}); not overwriting it. Fix or move the file, then save again."
                ).format(file=path, problem=translated(error.problems[0].message))
            ) from None
        if on_disk.id != assessment.id:
            raise SaveConflictError(
                _("{file} holds another assessment ({id}); not overwriting it.").format(
                    file=path, id=on_disk.id
                )
            )
        if on_disk.revision != assessment.revision:
            raise SaveConflictError(
                _(
                    "{file} was saved by someone else meanwhile (revision {theirs}, yours is based on {yours}); your "
                    "changes were not written to it. Keep your version as a new draft or load theirs."
                ).format(file=path, theirs=on_disk.revision, yours=assessment.revision)
            )
        if assessment.source_digest is not None and assessment.source_digest != content_digest(text):
            raise SaveConflictError(
                _(
                    "{file} was changed since you opened it (edited by hand or merged; its revision is still "
                    "{revision}); your changes were not written to it. Keep your version as a new draft or load "
                    "theirs."
                ).format(file=path, revision=on_disk.revision)
            )

    def _write(self, path: Path, assessment: Assessment) -> Assessment:
        text = FILE_HEADER + dump_yaml(assessment.to_data())
        try:
            write_atomically(path, text)
        except OSError as error:
            raise StoreError(
                _("{file} could not be saved: {reason}. Nothing was changed.").format(
                    file=path, reason=_reason(error)
                )
            ) from None
        return assessment.model_copy().read_from(content_digest(text))

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One save at a time in this folder, across processes and threads; re-entrant within a thread."""
        from filelock import FileLock, Timeout  # only saves need it: loading and exporting stay light

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with FileLock(
                self.root / LOCK_FILE, timeout=LOCK_TIMEOUT, preserve_lock_file=True, is_singleton=True
            ):
                yield
        except Timeout:
            raise StoreError(
                _(
                    "Another save in {folder} has held its lock for {seconds} s; nothing was saved. Try again in a "
                    "moment."
                ).format(folder=self.root, seconds=LOCK_TIMEOUT)
            ) from None
        except OSError as error:
            raise StoreError(
                _("{folder} cannot be written to: {reason}. Nothing was saved.").format(
                    folder=self.root, reason=_reason(error)
                )
            ) from None

    # -- snapshots and finalising -------------------------------------------------------------------------------
    def snapshot_path(self, digest: str) -> Path:
        return self.root / SNAPSHOT_DIR / f"{digest}.json"

    def write_snapshot(self, framework: Framework) -> str:
        path = self.snapshot_path(framework.digest)
        if not path.exists():
            try:
                write_atomically(
                    path, json.dumps(framework.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)
                )
            except OSError as error:
                raise StoreError(
                    _(
                        "The framework snapshot {file} could not be saved: {reason}. Nothing was finalised."
                    ).format(file=path, reason=_reason(error))
                ) from None
        return framework.digest

    def read_snapshot(self, digest: str) -> Framework | None:
        """The snapshot with this digest, None if there is none; ``SnapshotError`` if it is damaged or forged."""
        path = self.snapshot_path(digest)
        return read_snapshot_file(path, digest) if path.is_file() else None

    def finalise(
        self, assessment: Assessment, framework: Framework, path: Path | None = None
    ) -> tuple[Path, Assessment]:
        """Freeze the result: snapshot the framework, record its digest, mark final, save (all under the lock,
        so ``partnerfit gc`` never sees the snapshot without the assessment that refers to it)."""
        problems = check_against_framework(assessment, framework, strict=True)
        if problems:
            raise ValidationError(path, problems)
        with self._lock():
            digest = self.write_snapshot(framework)
            final = assessment.model_copy(
                update={
                    "status": "final",
                    "framework": FrameworkRef(id=framework.id, version=framework.version, digest=digest),
                }
            )
            return self.save(final, path)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


class IndexRow(NamedTuple):
    """One file in the index: its path (relative to the root), what its stat said when it was indexed, the
    digest of its text, when it was indexed, its record as JSON or its problems as JSON, and their checksum."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: str | None
    indexed_ns: int
    data: str | None
    error: str | None
    checksum: str  # row_checksum(data, error)


_CREATE_TABLE = (
    "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER, "
    "digest TEXT, indexed_ns INTEGER, data TEXT, error TEXT, checksum TEXT)"
)


class _Index:
    """SQLite rows (``IndexRow``). Any failure while reading or writing makes it a no-op: the files decide."""

    def __init__(self, connection: sqlite3.Connection, notice: str | None = None):
        self.connection = connection
        self.notice = notice

    @classmethod
    def open(cls, path: Path) -> _Index | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return cls._open_checked(path)
            except sqlite3.DatabaseError:  # not a database, or a damaged one: start again
                path.unlink(missing_ok=True)
                index = cls._open_checked(path)
                index.notice = "index rebuilt: its file was damaged"
                return index
        except (OSError, sqlite3.Error):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return None

    @classmethod
    def _open_checked(cls, path: Path) -> _Index:
        """Open the index; rebuild its table when it was made by another version or has an unexpected shape."""
        connection = sqlite3.connect(path, timeout=10)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            columns = [row[1] for row in connection.execute("PRAGMA table_info(files)")]
            notice = None
            if columns != list(IndexRow._fields) or version != INDEX_FORMAT:
                if columns or version:
                    reason = (
                        f"it was made by another version of partnerfit (index version {version}, "
                        f"this one reads {INDEX_FORMAT})"
                        if version != INDEX_FORMAT
                        else "its table had an unexpected shape"
                    )
                    notice = f"index rebuilt: {reason}"
                with connection:
                    connection.execute("DROP TABLE IF EXISTS files")
                    connection.execute(_CREATE_TABLE)
                    connection.execute(f"PRAGMA user_version = {INDEX_FORMAT:d}")
        except sqlite3.Error:
            connection.close()
            raise
        return cls(connection, notice)

    def rows(self) -> dict[str, IndexRow]:
        try:
            return {
                row[0]: IndexRow(*row)
                # the column names are this module's constants, never data
                for row in self.connection.execute(f"SELECT {', '.join(IndexRow._fields)} FROM files")  # noqa: S608
            }
        except sqlite3.Error:
            return {}

    def store(self, rows: Iterable[IndexRow]) -> None:
        with contextlib.suppress(sqlite3.Error), self.connection:
            self.connection.executemany(
                f"INSERT OR REPLACE INTO files VALUES ({', '.join('?' * len(IndexRow._fields))})",  # noqa: S608
                rows,
            )

    def mark_checked(self, paths: list[str], when_ns: int) -> None:
        """Rows whose text was found unchanged at ``when_ns``: once that is well after the file's last change,
        they are trusted without reading the file."""
        with contextlib.suppress(sqlite3.Error), self.connection:
            self.connection.executemany(
                "UPDATE files SET indexed_ns = ? WHERE path = ?", [(when_ns, p) for p in paths]
            )

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
