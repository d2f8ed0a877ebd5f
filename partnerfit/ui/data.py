"""The app's one cached loading layer: frameworks and assessments, keyed on the folders' file state.

Loaders are cached (bounded); filtering and charting happen outside the cache on the returned DataFrames, which
callers must treat as read-only.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from partnerfit.access import AccessList, Viewer, access_path_from_environment, load_access, readable
from partnerfit.access_store import AccessControlledStore
from partnerfit.aggregate import is_in
from partnerfit.catalog import FrameworkCatalog, load_frameworks, scan_yaml_files
from partnerfit.errors import Problem, ValidationError
from partnerfit.results import ScoreTable, score_records
from partnerfit.store import AssessmentRecord, AssessmentStore


@dataclass(frozen=True)
class Settings:
    frameworks_dir: Path
    assessments_dir: Path


def settings() -> Settings:
    """Data folders: PARTNERFIT_FRAMEWORKS / PARTNERFIT_ASSESSMENTS, else the shipped ones."""
    return Settings(
        Path(os.environ.get("PARTNERFIT_FRAMEWORKS", "frameworks")),
        Path(os.environ.get("PARTNERFIT_ASSESSMENTS", "assessments")),
    )


def folder_state(directory: Path) -> str:
    """A digest of every file's path, size and mtime below ``directory``: the cache key of what was loaded."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path, stat in scan_yaml_files(directory, with_snapshots=True).items():
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class Collection:
    """Every assessment in the assessments folder, scored."""

    records: list[AssessmentRecord] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)
    table: ScoreTable | None = None
    notice: str | None = None  # "index rebuilt: ..." when loading had to rebuild the store's index

    def record(self, assessment_id: str) -> AssessmentRecord | None:
        return next((r for r in self.records if r.id == assessment_id), None)


@st.cache_data(max_entries=4, show_spinner=False)
def _load_catalog(frameworks_dir: str, state: str) -> FrameworkCatalog:
    del state  # part of the cache key only
    return load_frameworks(Path(frameworks_dir))


@st.cache_resource(max_entries=4, show_spinner="Loading assessments…")
def _load_collection(
    assessments_dir: str, frameworks_dir: str, state: str, frameworks_state: str
) -> Collection:
    del state, frameworks_state  # part of the cache key only
    catalog = _load_catalog(frameworks_dir, folder_state(Path(frameworks_dir)))
    store = AssessmentStore(Path(assessments_dir))
    loaded = store.load_all()
    table = score_records(loaded.records, catalog, store)
    return Collection(loaded.records, loaded.errors, table, loaded.notice)


def catalog() -> FrameworkCatalog:
    config = settings()
    return _load_catalog(str(config.frameworks_dir), folder_state(config.frameworks_dir))


def movement_collection() -> Collection:
    """Every scored assessment, whoever may read it: only for what the core shows of unreadable ones
    (coordination notices, aggregates of large groups). Pages show ``collection()``."""
    config = settings()
    loaded = _load_collection(
        str(config.assessments_dir),
        str(config.frameworks_dir),
        folder_state(config.assessments_dir),
        folder_state(config.frameworks_dir),
    )
    _show_notice_once(loaded)
    return loaded


def _show_notice_once(loaded: Collection) -> None:
    """Say once per session that the index was rebuilt (the load that rebuilt it is cached and shared)."""
    if loaded.notice and st.session_state.get("data_notice_shown") != id(loaded):
        st.session_state["data_notice_shown"] = id(loaded)
        reason = loaded.notice.removeprefix("index rebuilt: ")
        st.toast(
            f"The assessments index was rebuilt ({reason}). This start was slower; the next one will be fast.",
            icon="ℹ️",
        )


def collection() -> Collection:
    """The scored assessments the signed-in viewer may read (shared, read-only: never mutate it)."""
    full = movement_collection()
    viewer = current_viewer()
    if viewer is None:
        return full
    records = readable(viewer, full.records)
    table = full.table
    if table is not None:
        ids = [r.id for r in records]
        table = ScoreTable(
            table.assessments[is_in(table.assessments["id"], ids)],
            table.dimensions[is_in(table.dimensions["assessment_id"], ids)],
            table.problems if viewer.admin else [],
        )
    return Collection(records, full.errors if viewer.admin else [], table)


def store() -> AccessControlledStore:
    """The store as the signed-in viewer may use it (unrestricted with sign-in off)."""
    return AccessControlledStore(AssessmentStore(settings().assessments_dir), current_viewer())


# -- sign-in and the access file -----------------------------------------------------------------------------
def signin_configured() -> bool:
    """Sign-in is on exactly when ``[auth]`` is configured in the secrets."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


@st.cache_data(max_entries=4, show_spinner=False)
def _load_access(path: str, mtime_ns: int) -> AccessList:
    del mtime_ns  # part of the cache key only: the file is re-read when it changes
    return load_access(Path(path))


def access_list() -> AccessList | None:
    """The access file's rules when sign-in is on; ``ValidationError`` when it is missing or invalid."""
    if not signin_configured():
        return None
    path = access_path_from_environment()
    if path is None:
        raise ValidationError(
            "PARTNERFIT_ACCESS",
            [Problem("", "sign-in is configured but no access file is set (PARTNERFIT_ACCESS)")],
        )
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = -1
    return _load_access(str(path), mtime)


def current_viewer() -> Viewer | None:
    """Who is asking: None with sign-in off (single-user, unrestricted)."""
    rules = access_list()
    if rules is None:
        return None
    if not st.user.is_logged_in:
        return Viewer("", listed=False)
    email = str(st.user.get("email") or "")
    if st.user.get("email_verified") is False:  # the provider says it did not check the address
        return Viewer(email, listed=False)
    return rules.viewer(email)
