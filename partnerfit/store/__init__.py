"""Where assessments live, behind one interface (``Store``, addressed by id): a folder of YAML files (the embedded
default) or a PostgreSQL database (``PARTNERFIT_DATABASE_URL``). ``open_store`` picks one."""

from __future__ import annotations

import os
from pathlib import Path

from partnerfit.store.base import NotFoundError, Revision, SaveConflictError, Store, StoreError
from partnerfit.store.folder import (
    CACHE_DIR,
    FILE_HEADER,
    INDEX_FORMAT,
    LOCK_FILE,
    SNAPSHOT_DIR,
    AssessmentRecord,
    AssessmentStore,
    LoadResult,
    index_format,
    parse_assessment_text,
    read_assessment,
    store_holding,
)
from partnerfit.store.folder_store import FolderStore

DATABASE_URL = "PARTNERFIT_DATABASE_URL"


def database_url() -> str | None:
    """The database to use, from ``PARTNERFIT_DATABASE_URL`` (None: use the folder)."""
    return os.environ.get(DATABASE_URL) or None


def open_store(folder: Path | str = "assessments", *, url: str | None = None) -> Store:
    """The database store when a URL is given or ``PARTNERFIT_DATABASE_URL`` is set, else the folder store."""
    url = url or database_url()
    if url:
        from partnerfit.store.sql import SqlStore  # SQLAlchemy is only imported when a database is used

        return SqlStore(url)
    return FolderStore(folder)


__all__ = [
    "CACHE_DIR",
    "DATABASE_URL",
    "FILE_HEADER",
    "INDEX_FORMAT",
    "LOCK_FILE",
    "SNAPSHOT_DIR",
    "AssessmentRecord",
    "AssessmentStore",
    "FolderStore",
    "LoadResult",
    "NotFoundError",
    "Revision",
    "SaveConflictError",
    "Store",
    "StoreError",
    "database_url",
    "index_format",
    "open_store",
    "parse_assessment_text",
    "read_assessment",
    "store_holding",
]
