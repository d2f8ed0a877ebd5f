"""Assessment files on disk (issue 3, "Storage"): round-trip, atomic and conflicting saves, safe file names,
loading through the index, and finalising against a snapshot."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shlex
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, load_catalog, make_assessment, write

from partnerfit.assessment import Answer, Assessment, FrameworkRef, Partner
from partnerfit.errors import SaveConflictError, StoreError, ValidationError
from partnerfit.results import SNAPSHOT, framework_for
from partnerfit.scoring import score_assessment
from partnerfit.snapshot import SnapshotError
from partnerfit.store import CACHE_DIR, SNAPSHOT_DIR, AssessmentStore, read_assessment


def full_assessment() -> Assessment:
    """Every field set, with texts YAML would misread if they were written unquoted."""
    return Assessment(
        id="Ab12-cd_34",
        revision=3,
        framework=FrameworkRef(id="base", version="1.0.0", digest="a" * 64),
        partner=Partner(
            name="Musée d'Orsay — 東京 «archive»",
            id="musee-orsay",
            aliases=["1.0", "No", "Orsay"],
            country="FR",
            website="https://www.musee-orsay.fr/",
        ),
        affiliate="Wikimédia France",
        region="Northern and Western Europe",
        partnership_types=["content"],
        size="long-term",
        assessors=["Zoë", "null"],
        status="draft",
        created=dt.date(2026, 11, 20),
        updated=dt.date(2026, 11, 21),
        summary="Line one\nline two: with a colon\n- and a dash",
        answers={
            "licence-fit": Answer(level=3, notes="2026-01-01", evidence=["https://example.org/a?b=c#d"]),
            "pd-respect": Answer(level=0, notes="yes"),
            "retention": Answer(level="na"),
            "reader-data": Answer(notes="to ask"),
        },
    )


def files_below(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# -- round-trip ----------------------------------------------------------------------------------------------


def test_round_trip_keeps_every_field(tmp_path):
    store = AssessmentStore(tmp_path)
    original = full_assessment()
    path, saved = store.save(original)
    again = store.read(path)
    assert again == saved
    assert again.model_dump(exclude={"revision", "updated"}) == original.model_dump(
        exclude={"revision", "updated"}
    )
    assert again.answers["retention"].level == "na"
    assert again.answers["licence-fit"].notes == "2026-01-01"
    assert again.partner.aliases == ["1.0", "No", "Orsay"]


def test_save_counts_revisions_and_dates_the_change(tmp_path):
    store = AssessmentStore(tmp_path)
    _, saved = store.save(full_assessment())
    assert saved.revision == 4
    assert saved.updated == dt.date.today()
    assert saved.created == dt.date(2026, 11, 20)
    _, fresh = store.save(make_assessment())
    assert (fresh.revision, fresh.created, fresh.updated) == (1, dt.date.today(), dt.date.today())


def test_saved_file_is_readable_yaml_with_unicode_kept(tmp_path):
    path, _ = AssessmentStore(tmp_path).save(full_assessment())
    text = path.read_text(encoding="utf-8")
    assert "Musée d'Orsay — 東京" in text  # not \\u escapes
    assert text.index("schema:") < text.index("id:") < text.index("framework:") < text.index("answers:")
    assert "\n  licence-fit:\n" in text  # block style, one answer per line group: diffs stay readable


def test_empty_optional_fields_are_left_out_of_the_file(tmp_path):
    path, _ = AssessmentStore(tmp_path).save(make_assessment())
    text = path.read_text(encoding="utf-8")
    assert "assessors" not in text
    assert "evidence" not in text
    assert "summary" not in text


# -- atomic save ---------------------------------------------------------------------------------------------


def test_atomic_save_leaves_no_temporary_file(tmp_path):
    store = AssessmentStore(tmp_path)
    path, saved = store.save(make_assessment())
    store.save(saved.model_copy(update={"summary": "second"}), path)
    assert [p for p in files_below(tmp_path) if not p.startswith(".partnerfit")] == [path.name]


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    store = AssessmentStore(tmp_path)
    path, saved = store.save(make_assessment())
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StoreError, match="could not be saved: No space left on device"):
        store.save(saved.model_copy(update={"summary": "lost"}), path)
    assert path.read_bytes() == before
    assert [p for p in files_below(tmp_path) if not p.startswith(".partnerfit")] == [path.name]


# -- conflicting save ----------------------------------------------------------------------------------------


def test_second_of_two_concurrent_saves_is_refused(tmp_path):
    store = AssessmentStore(tmp_path)
    path, _ = store.save(make_assessment())
    mine, theirs = store.read(path), store.read(path)
    assert mine.revision == theirs.revision == 1
    store.save(mine.model_copy(update={"summary": "first"}), path)
    with pytest.raises(SaveConflictError, match="saved by someone else meanwhile"):
        store.save(theirs.model_copy(update={"summary": "second"}), path)
    assert store.read(path).summary == "first"
    assert store.read(path).revision == 2


def test_save_after_reloading_succeeds(tmp_path):
    store = AssessmentStore(tmp_path)
    path, _ = store.save(make_assessment())
    stale = store.read(path)
    store.save(store.read(path).model_copy(update={"summary": "first"}), path)
    with pytest.raises(SaveConflictError):
        store.save(stale, path)
    _, saved = store.save(store.read(path).model_copy(update={"summary": "redone"}), path)
    assert (store.read(path).summary, saved.revision) == ("redone", 3)


def test_save_never_overwrites_another_assessment(tmp_path):
    store = AssessmentStore(tmp_path)
    path, _ = store.save(make_assessment())
    other = make_assessment(id="zzzzzzzzzzzz")
    with pytest.raises(SaveConflictError, match="holds another assessment"):
        store.save(other, path)
    assert store.read(path).id == "a1b2c3d4e5f6"


def test_save_never_overwrites_an_unreadable_file(tmp_path):
    store = AssessmentStore(tmp_path)
    path = store.path_for(make_assessment())
    write(path, "schema: 1\nid: [broken\n")
    with pytest.raises(SaveConflictError, match="cannot be read"):
        store.save(make_assessment(), path)
    assert path.read_text() == "schema: 1\nid: [broken\n"


# -- file names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "a/b\\c",
        "<script>alert(1)</script>",
        "   ",
        "CON",
        "~/.bashrc",
        "東京国立博物館",
        "x" * 300,
    ],
)
def test_file_name_is_a_slug_inside_the_store(tmp_path, name):
    store = AssessmentStore(tmp_path / "assessments")
    path, _ = store.save(make_assessment(partner=json.dumps({"name": name})))
    assert path.parent == tmp_path / "assessments"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-a1b2c3d4e5f6\.yaml", path.name), path.name
    assert len(path.name) <= 120
    assert files_below(tmp_path) == sorted([f"assessments/{path.name}", "assessments/.partnerfit.lock"])


def test_file_name_comes_from_partner_and_id(tmp_path):
    path = AssessmentStore(tmp_path).path_for(
        make_assessment(partner=json.dumps({"name": "Musée d'Art, Lyon"}))
    )
    assert path.name == "musee-d-art-lyon-a1b2c3d4e5f6.yaml"


# -- loading -------------------------------------------------------------------------------------------------


def populate(root: Path, count: int = 3) -> list[Path]:
    return [
        write(
            root / f"group/a{i}.yaml", assessment_yaml(id=f"assessment-{i}", partner=f"{{name: Partner {i}}}")
        )
        for i in range(count)
    ]


def test_load_all_reads_every_file_below_the_root(tmp_path):
    populate(tmp_path)
    result = AssessmentStore(tmp_path).load_all()
    assert sorted(r.id for r in result.records) == ["assessment-0", "assessment-1", "assessment-2"]
    assert result.errors == []
    record = next(r for r in result.records if r.id == "assessment-1")
    assert (record.partner_name, record.partnership_types, record.levels) == (
        "Partner 1",
        ("content",),
        {"licence-fit": 3, "pd-respect": 4, "retention": "na"},
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"schema: 1\nid: [unclosed\n", "YAML syntax error"),
        (assessment_yaml(region="Atlantis").encode(), "region"),
        (b"\xff\xfe not utf-8 \x00", "cannot read file"),
        (
            assessment_yaml(answers="{licence-fit: {level: 1}, licence-fit: {level: 2}}").encode(),
            "duplicate key",
        ),
        (b"", "the file is empty"),
    ],
)
def test_unreadable_file_is_reported_and_skipped_never_rewritten(tmp_path, content, reason):
    populate(tmp_path, 2)
    bad = tmp_path / "group" / "bad.yaml"
    bad.write_bytes(content)
    stat = bad.stat()
    result = AssessmentStore(tmp_path).load_all()
    assert len(result.records) == 2
    assert [e.path for e in result.errors] == [str(bad)]
    assert reason in result.errors[0].render()
    assert (bad.read_bytes(), bad.stat().st_mtime_ns) == (content, stat.st_mtime_ns)


def test_python_tag_in_an_assessment_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "marker"
    bad = write(
        tmp_path / "store" / "evil.yaml",
        assessment_yaml(
            affiliate=f"!!python/object/apply:os.system [{shlex.quote('touch ' + shlex.quote(str(marker)))}]"
        ),
    )
    result = AssessmentStore(tmp_path / "store").load_all()
    assert result.records == []
    assert "tags are not allowed" in result.errors[0].render()
    assert not marker.exists()
    assert bad.exists()


def test_dot_folders_are_never_read_as_assessments(tmp_path):
    populate(tmp_path, 1)
    for folder in (SNAPSHOT_DIR, CACHE_DIR, ".git", "group/.hidden"):
        write(tmp_path / folder / "copy.yaml", assessment_yaml(id="hidden-copy"))
    write(tmp_path / "group" / ".editor-swap.yaml", assessment_yaml(id="hidden-file"))
    result = AssessmentStore(tmp_path).load_all()
    assert [r.id for r in result.records] == ["assessment-0"]
    assert result.errors == []


# -- the index -----------------------------------------------------------------------------------------------


def test_second_load_parses_nothing_and_returns_the_same_records(tmp_path):
    populate(tmp_path)
    first = AssessmentStore(tmp_path).load_all()
    second = AssessmentStore(tmp_path).load_all()
    assert (first.parsed, second.parsed) == (3, 0)
    assert second.records == first.records
    assert (tmp_path / CACHE_DIR).is_dir()


def test_errors_are_remembered_too(tmp_path):
    populate(tmp_path, 1)
    write(tmp_path / "bad.yaml", "schema: [\n")
    AssessmentStore(tmp_path).load_all()
    second = AssessmentStore(tmp_path).load_all()
    assert second.parsed == 0
    assert [e.path for e in second.errors] == [str(tmp_path / "bad.yaml")]
    assert "YAML syntax error" in second.errors[0].render()


def test_touched_file_is_parsed_again(tmp_path):
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    stat = paths[1].stat()
    os.utime(paths[1], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert AssessmentStore(tmp_path).load_all().parsed == 1


def test_changed_file_is_parsed_again_and_its_record_updated(tmp_path):
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    stat = paths[0].stat()
    write(paths[0], assessment_yaml(id="assessment-0", partner="{name: Renamed Partner}"))
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: the size must tell
    result = AssessmentStore(tmp_path).load_all()
    assert result.parsed == 1
    assert {r.id: r.partner_name for r in result.records}["assessment-0"] == "Renamed Partner"


def test_file_that_becomes_unreadable_is_reported(tmp_path):
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    write(paths[2], "schema: 1\nid: [\n")
    result = AssessmentStore(tmp_path).load_all()
    assert sorted(r.id for r in result.records) == ["assessment-0", "assessment-1"]
    assert [e.path for e in result.errors] == [str(paths[2])]


def test_deleted_file_disappears(tmp_path):
    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    paths[0].unlink()
    result = AssessmentStore(tmp_path).load_all()
    assert sorted(r.id for r in result.records) == ["assessment-1", "assessment-2"]
    assert result.parsed == 0


@pytest.mark.parametrize(
    "garbage", [b"this is not a database" * 100, b"", b"SQLite format 3\x00" + b"\x01" * 200]
)
def test_corrupted_index_is_survived(tmp_path, garbage):
    populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    (tmp_path / CACHE_DIR / "index.sqlite").write_bytes(garbage)
    result = AssessmentStore(tmp_path).load_all()
    assert sorted(r.id for r in result.records) == ["assessment-0", "assessment-1", "assessment-2"]
    assert result.errors == []
    AssessmentStore(tmp_path).load_all()
    assert AssessmentStore(tmp_path).load_all().parsed == 0  # rebuilt


def test_index_row_that_cannot_be_decoded_is_parsed_again(tmp_path):
    import sqlite3

    paths = populate(tmp_path)
    AssessmentStore(tmp_path).load_all()
    key = str(paths[0].relative_to(tmp_path))  # the index is keyed on paths relative to the root
    with sqlite3.connect(tmp_path / CACHE_DIR / "index.sqlite") as connection:
        damaged = connection.execute("UPDATE files SET data = '[\"truncated' WHERE path = ?", (key,)).rowcount
    connection.close()
    assert damaged == 1
    result = AssessmentStore(tmp_path).load_all()
    assert sorted(r.id for r in result.records) == ["assessment-0", "assessment-1", "assessment-2"]
    assert result.errors == []


def test_without_index_everything_is_parsed_each_time(tmp_path):
    populate(tmp_path)
    store = AssessmentStore(tmp_path, use_index=False)
    assert (store.load_all().parsed, store.load_all().parsed) == (3, 3)
    assert not (tmp_path / CACHE_DIR).exists()


def test_the_index_is_disposable(tmp_path):
    import shutil

    populate(tmp_path)
    first = AssessmentStore(tmp_path).load_all()
    shutil.rmtree(tmp_path / CACHE_DIR)
    again = AssessmentStore(tmp_path).load_all()
    assert (again.parsed, again.records) == (3, first.records)


# -- finalising and snapshots --------------------------------------------------------------------------------


def test_finalise_writes_a_snapshot_whose_digest_matches(tmp_path):
    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    path, final = store.finalise(make_assessment(), framework)
    assert final.status == "final"
    assert final.framework == FrameworkRef(id="base", version="1.0.0", digest=framework.digest)
    snapshot = tmp_path / "assessments" / SNAPSHOT_DIR / f"{framework.digest}.json"
    canonical = json.dumps(
        json.loads(snapshot.read_text(encoding="utf-8")),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == framework.digest
    assert read_assessment(path) == final


def test_final_assessment_is_scored_against_its_snapshot_after_the_framework_changes(tmp_path):
    frameworks = tmp_path / "frameworks"
    before = load_catalog(frameworks, {"base.yaml": BASE_FRAMEWORK})
    store = AssessmentStore(tmp_path / "assessments")
    _, final = store.finalise(make_assessment(), before.get("base"))
    original = score_assessment(before.get("base"), final)
    after = load_catalog(frameworks, {"base.yaml": BASE_FRAMEWORK.replace("weight: 2", "weight: 9")})
    assert score_assessment(after.get("base"), final).overall != original.overall  # the edit matters
    basis = framework_for(
        FrameworkRef(id="base", version="1.0.0", digest=final.framework.digest), "final", after, store
    )
    assert basis.basis == SNAPSHOT
    assert score_assessment(basis.framework, final) == original


def test_finalise_refuses_answers_the_framework_does_not_know(tmp_path):
    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    with pytest.raises(ValidationError, match="unknown criterion 'gone'"):
        store.finalise(make_assessment(answers="{gone: {level: 2}}"), framework)
    assert not (tmp_path / "assessments" / SNAPSHOT_DIR).exists()


def test_tampered_snapshot_is_not_trusted(tmp_path):
    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    digest = store.write_snapshot(framework)
    assert store.read_snapshot(digest) == framework
    path = store.snapshot_path(digest)
    path.write_text(path.read_text().replace('"weight": 2.0', '"weight": 9.0'), encoding="utf-8")
    with pytest.raises(SnapshotError, match="no longer matches its digest"):
        store.read_snapshot(digest)
    assert store.read_snapshot("0" * 64) is None  # no snapshot at all is not an error here


# -- the file format -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence", "ok"),
    [
        ("https://example.org/report.pdf", True),
        ("http://example.org/x", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/x", False),
        ("example.org", False),
        ("https://", False),
    ],
)
def test_evidence_must_be_http_links(evidence, ok):
    fields = {"answers": json.dumps({"licence-fit": {"level": 3, "evidence": [evidence]}})}
    if ok:
        assert make_assessment(**fields).answers["licence-fit"].evidence == [evidence]
    else:
        with pytest.raises(ValidationError, match="answers.licence-fit.evidence"):
            make_assessment(**fields)


@pytest.mark.parametrize(
    ("field", "value", "place"),
    [
        ("region", "Europe", "region"),
        ("status", "done", "status"),
        ("size", "huge", "size"),
        ("partner", "{name: X, country: Germany}", "partner.country"),
        ("answers", "{licence-fit: {level: true}}", "answers.licence-fit.level"),
        ("answers", "{licence-fit: {level: 2.5}}", "answers.licence-fit.level"),
        ("answers", "{licence-fit: {level: n/a}}", "answers.licence-fit.level"),
        ("affiliate", "No", "affiliate"),
    ],
)
def test_assessment_fields_are_checked(field, value, place):
    with pytest.raises(ValidationError) as error:
        make_assessment(**{field: value})
    assert any(p.location.startswith(place) for p in error.value.problems), error.value.render()


def test_saved_files_get_0640_as_the_umask_allows_not_private_temp_ones(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    path, _ = AssessmentStore(tmp_path).save(full_assessment())
    assert path.stat().st_mode & 0o777 == 0o640 & ~mask


def test_the_index_serves_the_folder_however_its_path_is_spelled(tmp_path, monkeypatch):
    AssessmentStore(tmp_path / "assessments").save(full_assessment())
    assert AssessmentStore(tmp_path / "assessments").load_all().parsed == 1
    monkeypatch.chdir(tmp_path)
    again = AssessmentStore(Path("assessments")).load_all()
    assert again.parsed == 0 and len(again.records) == 1
    assert again.records[0].path == Path("assessments") / again.records[0].path.name


def test_a_framework_without_the_new_fields_keeps_its_snapshot_digest(tmp_path):
    # Snapshots written before sources, sizes, na_when and referrals existed must still match their digest.
    from conftest import BASE_FRAMEWORK, framework_from_yaml

    data = framework_from_yaml(BASE_FRAMEWORK).to_dict()
    keys = {key for d in data["dimensions"] for c in d["criteria"] for key in c}
    red_line_keys = {
        key for d in data["dimensions"] for c in d["criteria"] if c["red_line"] for key in c["red_line"]
    }
    assert "referrals" not in data
    assert not keys & {"sizes", "sources"}
    assert red_line_keys == {"at_or_below", "reason"}


def test_a_new_folder_store_finds_an_id_without_loading_the_folder_again(tmp_path, monkeypatch):
    """The app opens a store on every run: finding one id must not read the whole index each time."""
    from partnerfit.store import FolderStore

    for number in range(3):
        write(
            tmp_path / f"a{number}.yaml",
            assessment_yaml(id=f"id{number:010d}", partner=f"{{name: P{number}}}"),
        )
    FolderStore(tmp_path).load_all()
    loads = []
    original = AssessmentStore.load_all
    monkeypatch.setattr(
        AssessmentStore, "load_all", lambda self, **kw: loads.append(1) or original(self, **kw)
    )
    assert FolderStore(tmp_path).get("id0000000001").partner.name == "P1"
    assert loads == []
    # the hint is checked: a file renamed, or now holding another assessment, is found again by a fresh load
    (tmp_path / "a1.yaml").rename(tmp_path / "moved.yaml")
    assert FolderStore(tmp_path).get("id0000000001").partner.name == "P1"
    (tmp_path / "a2.yaml").write_text(assessment_yaml(id="id0000000009", partner="{name: Other}"))
    write(tmp_path / "b2.yaml", assessment_yaml(id="id0000000002", partner="{name: P2}"))
    assert FolderStore(tmp_path).get("id0000000002").partner.name == "P2"
    assert len(loads) == 2
