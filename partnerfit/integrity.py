"""Checking and tidying a folder store, as ``git fsck`` and ``git gc`` do for a repository.

``check_store`` verifies every framework snapshot (its name is the digest of its content, and it is a valid
framework), every final assessment against the snapshot it names, and that no index row the store would trust
disagrees with its file. ``unreferenced_snapshots`` lists the snapshots no assessment refers to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from partnerfit.assessment import check_against_framework
from partnerfit.errors import PartnerfitError, ValidationError
from partnerfit.framework import Framework
from partnerfit.i18n import _
from partnerfit.store.folder import (
    CACHE_DIR,
    SNAPSHOT_DIR,
    AssessmentStore,
    _Index,
    _parse_for_index,
    _stat_key,
    read_assessment,
)

_DIGEST = re.compile(r"\b[0-9a-f]{64}\b")
HISTORY_DIR = ".history"  # revisions kept beside the files (the store's history): they may name snapshots too


def snapshot_files(store: AssessmentStore) -> list[Path]:
    folder = store.root / SNAPSHOT_DIR
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def referenced_digests(store: AssessmentStore) -> set[str]:
    """Every snapshot digest an assessment file (readable or not) or a history entry in the store mentions."""
    loaded = store.load_all()
    digests = {r.framework_digest for r in loaded.records if r.framework_digest}
    unreadable = [Path(error.path) for error in loaded.errors if error.path]
    history = store.root / HISTORY_DIR
    for path in [*unreadable, *(history.rglob("*.yaml") if history.is_dir() else [])]:
        try:
            digests.update(_DIGEST.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return digests


def unreferenced_snapshots(store: AssessmentStore) -> list[Path]:
    """Snapshots that no assessment (nor an unreadable file, nor the history) refers to."""
    referenced = referenced_digests(store)
    return [path for path in snapshot_files(store) if path.stem not in referenced]


def remove_unreferenced_snapshots(store: AssessmentStore) -> list[Path]:
    """Delete the unreferenced snapshots, under the store's lock (a finalise writes its snapshot under it)."""
    with store._lock():
        removed = unreferenced_snapshots(store)
        for path in removed:
            path.unlink(missing_ok=True)
    return removed


def check_store(store: AssessmentStore) -> list[str]:
    """Every problem found, one line each (file: problem); an empty list when the store is sound."""
    problems = _check_index(store) + _check_snapshots(store)  # the index first: a load would repair it
    loaded = AssessmentStore(store.root, use_index=False).load_all()  # the files, not what the index says
    problems += [line for error in loaded.errors for line in error.lines()]
    for record in loaded.records:
        if record.status == "draft":
            continue
        if not record.framework_digest:
            problems.append(_("{file}: final, but names no framework snapshot").format(file=record.path))
            continue
        snapshot_path = store.snapshot_path(record.framework_digest)
        try:
            snapshot = store.read_snapshot(record.framework_digest)
        except PartnerfitError as error:
            snapshot = None
            problems.append(
                _("{file}: its snapshot cannot be used: {problem}").format(file=record.path, problem=error)
            )
        if snapshot is None:
            if not snapshot_path.exists():
                problems.append(
                    _("{file}: its framework snapshot {snapshot} is missing").format(
                        file=record.path, snapshot=snapshot_path.name
                    )
                )
            continue
        try:
            issues = check_against_framework(read_assessment(record.path), snapshot, strict=True)
        except ValidationError as error:
            problems += error.lines()
            continue
        problems += ValidationError(record.path, issues).lines() if issues else []
    return problems


def _check_snapshots(store: AssessmentStore) -> list[str]:
    problems = []
    for path in snapshot_files(store):
        try:
            framework = Framework.from_dict(json.loads(path.read_text(encoding="utf-8")), source=str(path))
        except (OSError, ValueError, KeyError, TypeError, IndexError, PartnerfitError) as error:
            problem = f"{type(error).__name__}: {error}"
            problems.append(
                _("{file}: not a valid framework snapshot: {problem}").format(file=path, problem=problem)[
                    :300
                ]
            )
            continue
        if framework.digest != path.stem:
            problems.append(
                _("{file}: content does not match its name (digest {digest}…)").format(
                    file=path, digest=framework.digest[:12]
                )
            )
            continue
        try:
            store.read_snapshot(path.stem)
        except PartnerfitError as error:
            problems.append(f"{path}: {error}")
    return problems


def _check_index(store: AssessmentStore) -> list[str]:
    """Index rows the store would trust (same stat key as the file) whose content differs from the file."""
    path = store.root / CACHE_DIR / "index.sqlite"
    if not path.exists():
        return []
    index = _Index.open(path)
    if index is None:
        return [_("{file}: cannot be opened; delete it (it is rebuilt from the files)").format(file=path)]
    try:
        rows = index.rows()
    finally:
        index.close()
    problems = [f"{path}: {index.notice}"] if index.notice else []
    for key, row in sorted(rows.items()):
        file = store.root / key
        try:
            stat_key = _stat_key(file.stat())
        except OSError:
            problems.append(_("{file}: a row for {key}, which no longer exists").format(file=path, key=key))
            continue
        if (row.size, row.mtime_ns, row.ctime_ns, row.inode) != stat_key:
            continue  # out of date: the next load parses the file again
        fresh = _parse_for_index(str(file))
        if (fresh.digest, fresh.data, fresh.error) != (row.digest, row.data, row.error):
            problems.append(
                _(
                    "{file}: the row for {key} does not match the file; delete the index (it is rebuilt)"
                ).format(file=path, key=key)
            )
    return problems
