"""The folder store's integrity (issues 9 and 15): the cross-process lock, content-checked saves, the index's
version, repair and racy check, stale temporary files, durable and private files, store errors, ``create``."""

from __future__ import annotations

import errno
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, load_catalog, make_assessment, write

from partnerfit import yamlio
from partnerfit.errors import SaveConflictError, StoreError
from partnerfit.store import CACHE_DIR, INDEX_FORMAT, AssessmentStore, index_format, read_assessment
from partnerfit.store import folder as store_module

# -- the lock, across processes ------------------------------------------------------------------------------

ROUNDS = 15


def _increment_many(root: str, path: str, rounds: int, results) -> None:
    """Child process: ``rounds`` read-modify-write increments of the counter kept in ``summary``.

    The write is slowed down so that, without the lock, another process's check would land inside this one's
    save and both would "succeed" from the same revision (a lost update)."""
    real_write = store_module.write_atomically

    def slow_write(target, text, **kwargs):
        time.sleep(0.01)
        real_write(target, text, **kwargs)

    store_module.write_atomically = slow_write
    store = AssessmentStore(root)
    landed = conflicts = 0
    for _ in range(rounds):
        current = store.read(path)
        bumped = current.model_copy(update={"summary": str(int(current.summary) + 1)})
        try:
            store.save(bumped, Path(path))
            landed += 1
        except SaveConflictError:
            conflicts += 1
    results.put((landed, conflicts))


def test_concurrent_saves_from_several_processes_never_lose_an_update(tmp_path):
    store = AssessmentStore(tmp_path)
    path, first = store.save(make_assessment(summary="'0'"))
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_increment_many, args=(str(tmp_path), str(path), ROUNDS, results))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    landed = sum(n for n, _ in outcomes)
    assert landed + sum(c for _, c in outcomes) == 4 * ROUNDS  # every save landed or was refused
    final = store.read(path)
    assert int(final.summary) == landed  # every save that landed is in the file: none overwrote another
    assert final.revision == first.revision + landed


# -- saves compare content, not only the revision ------------------------------------------------------------


def test_a_hand_edit_that_keeps_the_revision_is_a_conflict_not_overwritten(tmp_path):
    store = AssessmentStore(tmp_path)
    path, _ = store.save(make_assessment())
    mine = store.read(path)
    edited = path.read_text(encoding="utf-8").replace("level: 3", "level: 0")
    path.write_text(edited, encoding="utf-8")  # e.g. a git merge: same revision, other content
    with pytest.raises(SaveConflictError, match="changed since you opened it"):
        store.save(mine.model_copy(update={"summary": "mine"}), path)
    assert path.read_text(encoding="utf-8") == edited


def test_a_saved_copy_can_be_saved_again_and_a_reread_one_too(tmp_path):
    store = AssessmentStore(tmp_path)
    path, saved = store.save(make_assessment())
    assert saved.source_digest is not None
    path, again = store.save(saved.model_copy(update={"summary": "two"}), path)
    store.save(store.read(path).model_copy(update={"summary": "three"}), path)
    assert store.read(path).summary == "three"


# -- the index ------------------------------------------------------------------------------------------------


def populate(root: Path, count: int = 3) -> list[Path]:
    return [
        write(
            root / f"group/a{i}.yaml", assessment_yaml(id=f"assessment-{i}", partner=f"{{name: Partner {i}}}")
        )
        for i in range(count)
    ]


def index_path(root: Path) -> Path:
    return root / CACHE_DIR / "index.sqlite"


def execute(root: Path, sql: str, *args) -> int:
    connection = sqlite3.connect(index_path(root))
    with connection:
        count = connection.execute(sql, args).rowcount
    connection.close()
    return count


def indexed_paths(root: Path) -> list[str]:
    connection = sqlite3.connect(index_path(root))
    paths = sorted(row[0] for row in connection.execute("SELECT path FROM files"))
    connection.close()
    return paths


def ids(result) -> list[str]:
    return sorted(r.id for r in result.records)


ALL = ["assessment-0", "assessment-1", "assessment-2"]


def test_rows_of_deleted_files_are_forgotten(tmp_path):
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    assert indexed_paths(tmp_path) == ["group/a0.yaml", "group/a1.yaml", "group/a2.yaml"]
    paths[0].unlink()
    assert ids(AssessmentStore(tmp_path).load_all()) == ALL[1:]
    assert indexed_paths(tmp_path) == ["group/a1.yaml", "group/a2.yaml"]


def test_an_undecodable_row_is_parsed_again_and_repaired(tmp_path):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    assert execute(tmp_path, "UPDATE files SET data = '{\"id\": \"trunc' WHERE path = 'group/a0.yaml'") == 1
    result = AssessmentStore(tmp_path).load_all()
    assert (ids(result), result.errors, result.parsed) == (ALL, [], 1)
    assert AssessmentStore(tmp_path).load_all().parsed == 0  # the repaired row was written back


@pytest.mark.parametrize(
    ("json_path", "value"),
    [
        ('$.levels."licence-fit"', "'3'"),  # a level as text would crash scoring
        ("$.revision", "'1'"),
        ("$.partner_aliases", "json('[1]')"),
        ("$.created", "'not a date'"),
        ("$.partner_name", "json('null')"),
    ],
)
def test_a_well_formed_row_with_a_wrong_typed_field_is_parsed_again(tmp_path, json_path, value):
    populate(tmp_path)
    good = {r.id: r for r in AssessmentStore(tmp_path).load_all().records}
    damaged = execute(
        tmp_path,
        f"UPDATE files SET data = json_set(data, '{json_path}', {value}) WHERE path = 'group/a1.yaml'",  # noqa: S608
    )
    assert damaged == 1
    result = AssessmentStore(tmp_path).load_all()
    assert result.parsed == 1
    assert {r.id: r for r in result.records} == good


def test_a_damaged_error_row_is_parsed_again(tmp_path):
    populate(tmp_path, 1)
    write(tmp_path / "bad.yaml", "schema: [\n")
    AssessmentStore(tmp_path).load_all()
    assert execute(tmp_path, "UPDATE files SET error = '[[1, 2, 3]]' WHERE path = 'bad.yaml'") == 1
    result = AssessmentStore(tmp_path).load_all()
    assert result.parsed == 1
    assert "YAML syntax error" in result.errors[0].render()


def test_the_index_format_changes_with_the_version_and_with_the_record_fields():
    fields = store_module._RECORD_FIELDS
    assert index_format(store_module.INDEX_VERSION, fields) == INDEX_FORMAT
    assert index_format(store_module.INDEX_VERSION + 1, fields) != INDEX_FORMAT
    assert index_format(store_module.INDEX_VERSION, (*fields, "sharing")) != INDEX_FORMAT
    assert "levels" in fields and "path" not in fields


def test_an_index_of_another_version_is_rebuilt_and_said_once(tmp_path):
    populate(tmp_path)
    assert AssessmentStore(tmp_path).load_all().notice is None  # a new index is no news
    execute(tmp_path, f"PRAGMA user_version = {INDEX_FORMAT - 1}")
    rebuilt = AssessmentStore(tmp_path).load_all()
    assert rebuilt.notice.startswith("index rebuilt: it was made by another version of partnerfit")
    assert (ids(rebuilt), rebuilt.parsed) == (ALL, 3)
    again = AssessmentStore(tmp_path).load_all()
    assert (again.notice, again.parsed) == (None, 0)


def test_an_index_table_of_unexpected_shape_is_rebuilt_and_said_once(tmp_path):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    execute(tmp_path, "ALTER TABLE files RENAME COLUMN data TO payload")
    rebuilt = AssessmentStore(tmp_path).load_all()
    assert rebuilt.notice == "index rebuilt: its table had an unexpected shape"
    assert ids(rebuilt) == ALL
    again = AssessmentStore(tmp_path).load_all()
    assert (again.notice, again.parsed) == (None, 0)  # repaired: the next start is warm


def test_a_damaged_index_file_is_rebuilt_and_said_once(tmp_path):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    index_path(tmp_path).write_bytes(b"this is not a database" * 100)
    rebuilt = AssessmentStore(tmp_path).load_all()
    assert (rebuilt.notice, ids(rebuilt)) == ("index rebuilt: its file was damaged", ALL)
    assert AssessmentStore(tmp_path).load_all().notice is None


@pytest.mark.parametrize("racy_check", [True, False])
def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path, monkeypatch, racy_check):
    """``cp -p``, ``rsync -t`` or a backup restore keep the mtime: the index must still notice the change (by
    ctime and inode, and for a file indexed moments ago by its text too)."""
    if not racy_check:  # the stat key alone must tell
        monkeypatch.setattr(store_module, "RACY_NS", -(10**18))
    paths = populate(tmp_path)
    assert AssessmentStore(tmp_path).load_all().records[0].levels["licence-fit"] == 3
    before = paths[0].stat()
    paths[0].write_text(paths[0].read_text().replace("level: 3", "level: 0"), encoding="utf-8")
    os.utime(paths[0], ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (paths[0].stat().st_size, paths[0].stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    record = next(r for r in AssessmentStore(tmp_path).load_all().records if r.id == "assessment-0")
    assert record.levels["licence-fit"] == 0


def test_a_file_indexed_long_ago_is_trusted_without_reading_it(tmp_path, monkeypatch):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    execute(tmp_path, "UPDATE files SET indexed_ns = indexed_ns + 10000000000")  # as if indexed 10 s later
    monkeypatch.setattr(store_module, "_read_text", lambda path: pytest.fail(f"read {path}"))
    assert AssessmentStore(tmp_path).load_all().parsed == 0


def test_a_racy_row_found_unchanged_later_is_trusted_from_then_on(tmp_path, monkeypatch):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()  # indexed right after writing: every row is racy
    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(store_module.time, "time_ns", lambda: later)
    assert AssessmentStore(tmp_path).load_all().parsed == 0  # read and hashed, found unchanged
    monkeypatch.setattr(store_module, "_read_text", lambda path: pytest.fail(f"read {path}"))
    assert AssessmentStore(tmp_path).load_all().parsed == 0


def test_a_recently_indexed_file_whose_text_changed_is_parsed_again(tmp_path):
    """git's racy case: an edit inside the timestamp granularity keeps the whole stat key; the text tells."""
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    execute(tmp_path, "UPDATE files SET digest = 'other' WHERE path = 'group/a2.yaml'")
    assert AssessmentStore(tmp_path).load_all().parsed == 1
    assert paths  # the files themselves are unchanged


# -- temporary files, durability, permissions ----------------------------------------------------------------


def test_stale_temporary_files_of_killed_saves_are_removed_on_load(tmp_path):
    populate(tmp_path, 1)
    stale = write(tmp_path / ".a0.yaml.x1y2.tmp", "half a save")
    stale_snapshot = write(tmp_path / ".snapshots" / ".abc.json.q.tmp", "{")
    fresh = write(tmp_path / ".a0.yaml.z9.tmp", "a save under way")
    old = time.time() - store_module.STALE_TEMP_SECONDS - 60
    for path in (stale, stale_snapshot):
        os.utime(path, (old, old))
    AssessmentStore(tmp_path).load_all()
    assert not stale.exists() and not stale_snapshot.exists()
    assert fresh.exists()


def test_a_save_syncs_the_folder_after_the_rename(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def recording_fsync(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    AssessmentStore(tmp_path).save(make_assessment())
    assert synced == [False, True]  # the file's data, then the folder holding the new name


def test_assessments_and_snapshots_are_written_0640(tmp_path):
    mask = os.umask(0o022)
    try:
        framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
        store = AssessmentStore(tmp_path / "assessments")
        path, _ = store.finalise(make_assessment(), framework)
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o640
    assert store.snapshot_path(framework.digest).stat().st_mode & 0o777 == 0o640
    assert yamlio.FILE_MODE == 0o640


# -- store errors --------------------------------------------------------------------------------------------


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_a_store_error_and_the_file_stays(tmp_path, monkeypatch):
    store = AssessmentStore(tmp_path)
    path, saved = store.save(make_assessment())
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "write_atomically", disk_full)
    with pytest.raises(
        StoreError, match=r"could not be saved: No space left on device\. Nothing was changed"
    ):
        store.save(saved.model_copy(update={"summary": "lost"}), path)
    assert path.read_bytes() == before


def test_a_snapshot_that_cannot_be_written_is_a_store_error(tmp_path, monkeypatch):
    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    path, draft = store.save(make_assessment())
    monkeypatch.setattr(store_module, "write_atomically", disk_full)
    with pytest.raises(StoreError, match="snapshot .* could not be saved: No space left"):
        store.finalise(draft, framework, path)
    assert read_assessment(path).status == "draft"


def test_a_folder_that_cannot_be_created_is_a_store_error(tmp_path):
    write(tmp_path / "file", "not a folder")
    with pytest.raises(StoreError, match="cannot be written to"):
        AssessmentStore(tmp_path / "file" / "assessments").save(make_assessment())


# -- create --------------------------------------------------------------------------------------------------


def test_create_writes_the_assessment_exactly_as_given(tmp_path):
    store = AssessmentStore(tmp_path)
    sent = make_assessment(revision="7", created="2026-01-02", updated="2026-01-03")
    path, created = store.create(sent)
    assert read_assessment(path) == created
    assert (created.revision, str(created.updated)) == (7, "2026-01-03")


def test_create_refuses_an_id_already_in_the_folder_under_another_name(tmp_path):
    store = AssessmentStore(tmp_path)
    write(tmp_path / "renamed.yaml", assessment_yaml())
    with pytest.raises(SaveConflictError, match="already in the folder \\(renamed.yaml\\)"):
        store.create(make_assessment())
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["renamed.yaml"]


def test_create_refuses_a_taken_file_name(tmp_path):
    store = AssessmentStore(tmp_path)
    taken = write(store.path_for(make_assessment()), "someone else's notes")
    with pytest.raises(SaveConflictError, match="already exists; nothing was overwritten"):
        store.create(make_assessment())
    assert taken.read_text() == "someone else's notes"


def test_the_package_imports_without_fcntl():
    """Windows has no ``fcntl``: the package (and its lock) must work without it."""
    code = "import sys; sys.modules['fcntl'] = None\nimport partnerfit.store, partnerfit.cli\nprint('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


def test_editing_the_context_keeps_what_the_draft_was_read_from(tmp_path):
    from partnerfit.walkthrough import Context, draft_from_context

    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    path, _ = store.save(make_assessment())
    opened = store.read(path)
    context = Context.of(opened)
    context.affiliate = "Another Chapter"
    edited = draft_from_context(context, framework, assessment_id=opened.id, previous=opened)
    assert edited.source_digest == opened.source_digest is not None
    path.write_text(path.read_text().replace("level: 3", "level: 1"))  # a hand edit, same revision
    with pytest.raises(SaveConflictError, match="changed since you opened it"):
        store.save(edited, path)
