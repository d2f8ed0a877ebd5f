"""The app's one cached loading layer: frameworks and assessments, keyed on the folders' file state.

Loaders are cached (bounded); filtering and charting happen outside the cache on the returned DataFrames, which
callers must treat as read-only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import streamlit as st

from partnerfit.access import AccessList, Viewer, access_path_from_environment, load_access, readable
from partnerfit.access_store import AccessControlledStore
from partnerfit.aggregate import is_in
from partnerfit.catalog import FrameworkCatalog, load_frameworks
from partnerfit.compare import SimilarPartner, find_similar_partners
from partnerfit.errors import Problem, ValidationError
from partnerfit.i18n import _
from partnerfit.privacy import DEFAULT_MIN_GROUP
from partnerfit.results import ScoreTable, score_records
from partnerfit.store import AssessmentRecord, StoreError, database_url, open_store
from partnerfit.store.folder_store import folder_state
from partnerfit.ui.compare_source import Pool, StoreSource, TableSource


@dataclass(frozen=True)
class Settings:
    frameworks_dir: Path
    assessments_dir: Path
    database_url: str | None = None  # set: assessments live in this database, not in the folder


def settings() -> Settings:
    """Data folders: PARTNERFIT_FRAMEWORKS / PARTNERFIT_ASSESSMENTS, else the shipped ones; the database in
    PARTNERFIT_DATABASE_URL, if set, instead of the assessments folder."""
    return Settings(
        Path(os.environ.get("PARTNERFIT_FRAMEWORKS", "frameworks")),
        Path(os.environ.get("PARTNERFIT_ASSESSMENTS", "assessments")),
        database_url(),
    )


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


@st.cache_resource(max_entries=4, show_spinner=False)  # the caller shows a spinner in the visitor's language
def _load_collection(
    assessments_dir: str, url: str | None, frameworks_dir: str, state: str, frameworks_state: str
) -> Collection:
    del state, frameworks_state  # part of the cache key only
    catalog = _load_catalog(frameworks_dir, folder_state(Path(frameworks_dir)))
    store = open_store(Path(assessments_dir), url=url)
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
    try:
        with st.spinner(_("Loading assessments…")):  # shown only when it takes more than half a second
            loaded = _load_collection(
                str(config.assessments_dir),
                config.database_url,
                str(config.frameworks_dir),
                store().state(),  # folder: every file's size and mtime; database: row count and latest change
                folder_state(config.frameworks_dir),
            )
    except StoreError as error:
        _stop_unavailable(error)
    _show_notice_once(loaded)
    return loaded


def _show_notice_once(loaded: Collection) -> None:
    """Say once per session that the index was rebuilt (the load that rebuilt it is cached and shared)."""
    if loaded.notice and st.session_state.get("data_notice_shown") != id(loaded):
        st.session_state["data_notice_shown"] = id(loaded)
        reason = loaded.notice.removeprefix("index rebuilt: ")
        st.toast(
            _(
                "The assessments index was rebuilt ({reason}). This start was slower; the next one will be fast."
            ).format(reason=reason),
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


@st.cache_data(max_entries=64, show_spinner=False)
def _compare_cached(url: str, key: str, name: str, args: tuple, _function) -> object:
    """Compare's answers (no translated text in them), kept per database state and question: a view seen before
    by anyone is not asked again."""
    del url, key, name  # part of the cache key only
    return _function(*args)


def _stop_unavailable(error: StoreError) -> NoReturn:
    """The store cannot answer (e.g. the database is down): say so at the page edge, no traceback, and stop."""
    from partnerfit.ui.common import show_error

    show_error(error, _("The assessments cannot be loaded right now. Try again in a moment."))
    st.stop()


def compare_source() -> StoreSource | TableSource:
    """Where Compare's answers come from: the database's own query, restricted in SQL to what the viewer may read
    (no full load); else the cached score table of what the viewer may read (file problems shown), and for a
    signed-in non-admin the movement's table for aggregates of large enough groups."""
    config = settings()
    viewer = current_viewer()
    unrestricted = viewer is None or viewer.admin
    rules = access_list() if not unrestricted else None
    min_group = rules.min_group if rules else DEFAULT_MIN_GROUP
    if config.database_url:
        database, frameworks = open_store(url=config.database_url), catalog()
        try:
            key = database.compare_key(
                frameworks
            )  # scores refreshed; changes with any save or framework change
        except StoreError as error:
            _stop_unavailable(error)

        def cached(function, *args):
            return _compare_cached(config.database_url, key, function.__name__, args, function)

        return StoreSource(database, frameworks, cached, viewer=viewer, min_group=min_group)
    loaded = collection()
    from partnerfit.ui.common import show_file_problems, show_unscored

    show_file_problems(loaded.errors, "assessment file(s)")
    table = loaded.table
    if table is not None:
        show_unscored(table.problems, " (left out)")
    else:
        table = score_records([], catalog(), None)
    return TableSource(table, aggregate_pool())


def aggregate_pool() -> Pool | None:
    """For a signed-in non-admin: every scored assessment with the min-group rule, for aggregates of groups large
    enough to show; None for whoever reads everything (sign-in off, admins)."""
    viewer = current_viewer()
    if viewer is None or viewer.admin:
        return None
    full = movement_collection().table
    if full is None:
        return None
    rules = access_list()
    return Pool(full, rules.min_group if rules else DEFAULT_MIN_GROUP)


def store() -> AccessControlledStore:
    """Where assessments live (the database when PARTNERFIT_DATABASE_URL is set, else the assessments folder), as
    the signed-in viewer may use it (unrestricted with sign-in off)."""
    config = settings()
    return AccessControlledStore(
        open_store(config.assessments_dir, url=config.database_url), current_viewer()
    )


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
            [Problem("", _("sign-in is configured but no access file is set (PARTNERFIT_ACCESS)"))],
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


def author() -> str | None:
    """Who is saving, recorded in the history: the signed-in person's e-mail when sign-in is on."""
    return st.user.get("email") if st.user.get("is_logged_in") else None


def similar_partners(
    name: str, *, aliases: list[str], country: str | None, region: str | None, exclude_id: str | None
) -> list[SimilarPartner]:
    """The coordination look-up, movement-wide on purpose (show it through ``coordination_notices``): over the
    cached collection for the folder store; for the database, a query on its name index (no full load)."""
    if settings().database_url:
        return store().similar_partners(
            name, aliases=aliases, country=country, region=region, exclude_id=exclude_id, viewer=None
        )
    records = [r for r in movement_collection().records if r.id != exclude_id]
    return find_similar_partners(name, records, aliases=aliases, country=country, region=region)
