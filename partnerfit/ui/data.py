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

from partnerfit.catalog import FrameworkCatalog, load_frameworks, scan_yaml_files
from partnerfit.errors import ValidationError
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


def collection() -> Collection:
    """The scored assessments (shared, read-only: never mutate what this returns)."""
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


def store() -> AssessmentStore:
    return AssessmentStore(settings().assessments_dir)
