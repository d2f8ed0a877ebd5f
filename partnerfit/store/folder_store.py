"""The folder store behind the ``Store`` interface: assessments addressed by id over the YAML files of
``AssessmentStore`` (``folder.py``), with each save kept in ``<root>/.history/<id>/<revision>.yaml``.

A history entry is written right after its save. A file saved without one (by hand, or before history was kept)
shows up in the history as its current revision with no author.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from partnerfit.assessment import Assessment
from partnerfit.catalog import scan_yaml_files
from partnerfit.errors import PartnerfitError, SaveConflictError, ValidationError
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
    recorded_changes,
)
from partnerfit.store.folder import AssessmentStore, LoadResult, read_assessment
from partnerfit.store.folder_partner_links import FolderPartnerLinks
from partnerfit.validation import validate_model
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES, dump_yaml, parse_yaml, read_text_file, write_atomically

HISTORY_DIR = ".history"

_KNOWN_PATHS: dict[Path, dict[str, Path]] = {}
"""Per folder (resolved), the file of each assessment id seen there, shared by every ``FolderStore`` of that folder
in this process. The app opens a store on every run, and finding one id by loading the whole folder's index costs
~1 s at 10,000 assessments; a remembered path is only a hint: ``get`` checks the file still holds that id."""


def folder_state(directory: Path) -> str:
    """A digest of every file's path, size and mtime below ``directory`` (with the snapshots): it changes
    whenever a file is added, removed or saved."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path, stat in scan_yaml_files(directory, with_snapshots=True).items():
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class FolderStore(FolderPartnerLinks, Store):
    """One folder of assessment files (the embedded default: one affiliate, reviewed in git)."""

    def __init__(self, root: Path | str, *, use_index: bool = True):
        self.root = Path(root)
        self.files = AssessmentStore(self.root, use_index=use_index)
        self.description = f"the assessments folder {self.root}"
        self._paths: dict[str, Path] = _KNOWN_PATHS.setdefault(self.root.resolve(), {})

    # -- reading ------------------------------------------------------------------------------------------------
    def load_all(self, *, viewer: Any = None) -> LoadResult:
        result = self.files.load_all()
        paths: dict[str, Path] = {}
        for record in result.records:
            paths.setdefault(record.id, Path(record.path))
        self._paths.clear()  # in place: the other stores of this folder see the new paths too
        self._paths.update(paths)
        return result

    def path_of(self, assessment_id: str) -> Path | None:
        """The file holding this id (a folder-store detail: the app and CLI address assessments by id)."""
        path = self._paths.get(assessment_id)
        if path is None or not path.exists():
            self.load_all()
            path = self._paths.get(assessment_id)
        return path

    def get(self, assessment_id: str, *, viewer: Any = None) -> Assessment:
        for _ in range(2):  # a second look if the file was replaced by another assessment meanwhile
            path = self.path_of(assessment_id)
            if path is None:
                break
            assessment = read_assessment(path)
            if assessment.id == assessment_id:
                return assessment
            self._paths.pop(assessment_id, None)
        raise NotFoundError(assessment_id)

    def state(self) -> str:
        return folder_state(self.root)

    def history(self, assessment_id: str, *, viewer: Any = None) -> list[Revision]:
        revisions = {r.revision: r for r in map(_read_revision, self._history_files(assessment_id)) if r}
        path = self.path_of(assessment_id)
        if path is not None:
            try:
                current = read_assessment(path)
            except ValidationError:
                current = None
            if current is not None and current.revision not in revisions:
                at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
                revisions[current.revision] = Revision(
                    assessment_id, current.revision, None, at, SAVE, ("saved without history",), current
                )
        if not revisions:
            raise NotFoundError(assessment_id)
        return [revisions[n] for n in sorted(revisions)]

    def _history_dir(self, assessment_id: str) -> Path:
        return self.root / HISTORY_DIR / assessment_id

    def _history_files(self, assessment_id: str) -> list[Path]:
        folder = self._history_dir(assessment_id)
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    # -- writing ------------------------------------------------------------------------------------------------
    def create(self, assessment: Assessment, *, author: str | None = None) -> Assessment:
        with self.files._lock():  # re-entrant: the history entry is written under the same lock
            try:
                path, created = self.files.create(assessment)
            except SaveConflictError as error:
                raise SaveConflictError(
                    str(error), current=_read_or_none(self.path_of(assessment.id))
                ) from None
            self._paths[created.id] = path
            self._record(None, created, author, CREATE)
        return created

    def save(self, assessment: Assessment, *, author: str | None = None, action: str = SAVE) -> Assessment:
        path = self.path_of(assessment.id)
        if path is None and assessment.revision != 0:
            raise NotFoundError(assessment.id)
        before, kept = self._revision_document(assessment.id, assessment.revision)
        try:
            path, saved = self.files.save(assessment, path)
        except SaveConflictError as error:
            current = _read_or_none(path) if path else None
            if current is None or current.id != assessment.id or error.current is not None:
                raise
            if current.revision != assessment.revision:
                raise conflict(current, assessment.revision) from None
            raise SaveConflictError(str(error), current=current) from None  # e.g. the text was edited by hand
        self._paths[saved.id] = path
        if before is not None and not kept:  # the revision it replaced was never recorded: keep it too
            self._record(None, before, None, SAVE, changes=("saved without history",))
        self._record(before, saved, author, CREATE if before is None and assessment.revision == 0 else action)
        return saved

    def delete_draft(self, assessment_id: str, *, author: str | None = None) -> None:
        with self.files._lock():
            current = self.get(assessment_id)
            if current.status != "draft":
                raise StoreError(
                    f"Assessment {assessment_id!r} is {current.status}: only drafts are deleted."
                )
            path = self.path_of(assessment_id)
            try:
                path.unlink()
            except OSError as error:
                raise StoreError(f"{path} could not be deleted: {error.strerror}") from None
            self._paths.pop(assessment_id, None)
            entry = {
                "revision": current.revision + 1,
                "author": author,
                "at": _now().isoformat(),
                "action": DELETE,
                "changes": ["deleted"],
            }
            write_atomically(
                self._history_dir(assessment_id) / f"{current.revision + 1:06d}.yaml", dump_yaml(entry)
            )

    def file_text(self, assessment: Assessment) -> str:
        """The file exactly as it is on disk (when it still holds this revision)."""
        path = self.path_of(assessment.id)
        try:
            text = read_text_file(path, max_bytes=MAX_ASSESSMENT_BYTES) if path else ""
        except PartnerfitError:
            text = ""
        return text if text and _read_or_none(path) == assessment else super().file_text(assessment)

    def write_snapshot(self, framework: Framework) -> str:
        return self.files.write_snapshot(framework)

    def read_snapshot(self, digest: str) -> Framework | None:
        return self.files.read_snapshot(digest)

    # -- history files ------------------------------------------------------------------------------------------
    def _revision_document(self, assessment_id: str, revision: int) -> tuple[Assessment | None, bool]:
        """The stored document at ``revision`` and whether the history has it (else it is read from the file)."""
        entry = _read_revision(self._history_dir(assessment_id) / f"{revision:06d}.yaml")
        if entry is not None:
            return entry.assessment, True
        path = self._paths.get(assessment_id)
        found = _read_or_none(path) if path else None
        return (found if found is not None and found.revision == revision else None), False

    def _record(
        self,
        before: Assessment | None,
        saved: Assessment,
        author: str | None,
        action: str,
        *,
        changes: tuple[str, ...] | None = None,
    ) -> None:
        entry = {
            "revision": saved.revision,
            "author": author,
            "at": _now().isoformat(),
            "action": action,
            "changes": list(changes if changes is not None else recorded_changes(before, saved)),
            "assessment": saved.to_data(),
        }
        try:
            write_atomically(self._history_dir(saved.id) / f"{saved.revision:06d}.yaml", dump_yaml(entry))
        except OSError as error:
            raise StoreError(
                f"Saved revision {saved.revision} of {saved.id!r}, but its history entry could not be written: "
                f"{error.strerror}"
            ) from None


def _read_or_none(path: Path | None) -> Assessment | None:
    try:
        return read_assessment(path) if path else None
    except ValidationError:
        return None


def _read_revision(path: Path) -> Revision | None:
    try:
        data = parse_yaml(read_text_file(path, max_bytes=2 * MAX_ASSESSMENT_BYTES), path)
        document = data.get("assessment")
        assessment = validate_model(Assessment, document, path) if document is not None else None
        return Revision(
            path.parent.name,
            int(data["revision"]),
            data.get("author"),
            dt.datetime.fromisoformat(data["at"]),
            data.get("action", SAVE),
            tuple(data.get("changes") or ()),
            assessment,
        )
    except (OSError, PartnerfitError, KeyError, TypeError, ValueError, AttributeError):
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
