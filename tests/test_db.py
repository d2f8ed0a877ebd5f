"""``partnerfit db upgrade | import | export`` and the PostgreSQL store under several processes at once."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, same, write

from partnerfit.cli import cli
from partnerfit.store import SaveConflictError, open_store
from partnerfit.store.sql import engine_for

SAMPLES = ROOT / "assessments"
FRAMEWORKS = ROOT / "frameworks"


def run(*args: str, url: str | None = None):
    env = {"PARTNERFIT_DATABASE_URL": url} if url else {}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def count(url: str, table: str) -> int:
    with engine_for(url).connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608 - fixed names


def spawn(*args: str, url: str) -> subprocess.Popen:
    env = {**os.environ, "PARTNERFIT_DATABASE_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "partnerfit", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def copies(directory: Path, n: int) -> Path:
    """``n`` valid assessment files (drafts of the test framework) with distinct ids."""
    for i in range(n):
        write(directory / f"a{i:05d}.yaml", assessment_yaml(id=f"id{i:010d}"))
    return directory


def newest_migration() -> str:
    from alembic.script import ScriptDirectory

    from partnerfit.store.database import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_upgrade_is_safe_twice_and_from_two_processes_at_once(postgres_template):
    url = postgres_template.url("fresh_upgrade")
    first, second = spawn("db", "upgrade", url=url), spawn("db", "upgrade", url=url)
    assert first.wait(60) == 0 and second.wait(60) == 0, first.stderr.read() + second.stderr.read()
    result = run("db", "upgrade", url=url)
    assert result.exit_code == 0 and f"revision {newest_migration()}" in result.output
    assert count(url, "assessments") == 0


def test_without_a_url_the_db_commands_say_how_to_give_one(monkeypatch):
    monkeypatch.delenv("PARTNERFIT_DATABASE_URL", raising=False)
    result = run("db", "upgrade")
    assert result.exit_code == 1 and "PARTNERFIT_DATABASE_URL" in result.output


def test_import_of_the_samples_then_export_give_the_same_results_as_the_folder(database_url, tmp_path):
    imported = run("db", "import", str(SAMPLES), "--frameworks", str(FRAMEWORKS), url=database_url)
    assert imported.exit_code == 0, imported.output
    n_files = len(list(SAMPLES.rglob("*.yaml")))
    assert f"{n_files} added" in imported.output
    from_folder = run("export", "--assessments", str(SAMPLES), "--format", "csv")
    from_database = run("export", "--format", "csv", url=database_url)
    assert from_database.stdout == from_folder.stdout and from_database.stdout.count("\n") == n_files + 1
    exported = run("db", "export", str(tmp_path / "out"), url=database_url)
    assert exported.exit_code == 0
    from_export = run("export", "--assessments", str(tmp_path / "out"), "--format", "csv")
    assert from_export.stdout == from_folder.stdout
    validated = run("validate", "--assessments", str(tmp_path / "out"))
    assert validated.exit_code == 0, validated.output
    final = next(p for p in (tmp_path / "out").glob("*.yaml") if "status: final" in p.read_text())
    scored = [json.loads(run("score", str(p), "--json").stdout) for p in (final, _original(final))]
    assert scored[0] == scored[1]


def _original(exported: Path) -> Path:
    return next(SAMPLES.rglob(exported.name))


def test_import_is_idempotent_and_adds_a_newer_revision_to_the_history(database_url, tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.yaml", assessment_yaml(revision="1"))
    assert run("db", "import", str(folder), url=database_url).exit_code == 0
    again = run("db", "import", str(folder), url=database_url)
    assert "0 added, 0 updated, 1 already there" in again.output
    write(folder / "a.yaml", assessment_yaml(revision="2", summary="changed"))
    newer = run("db", "import", str(folder), url=database_url)
    assert "1 updated" in newer.output
    store = open_store(url=database_url)
    assert store.get("a1b2c3d4e5f6").summary == "changed"
    assert [r.revision for r in store.history("a1b2c3d4e5f6")] == [1, 2]


def test_import_names_bad_files_with_the_reason_imports_the_rest_and_exits_1(database_url, tmp_path):
    folder = copies(tmp_path / "in", 3)
    write(folder / "broken.yaml", "id: [unclosed\n")
    write(folder / "copy.yaml", assessment_yaml(id="id0000000001", summary="a copy with other content"))
    write(folder / "unknown.yaml", assessment_yaml(id="zzzzzzzzzzzz", partnership_type="no-such-type"))
    result = run("db", "import", str(folder), "--frameworks", str(_frameworks(tmp_path)), url=database_url)
    assert result.exit_code == 1
    assert (
        "broken.yaml" in result.output and "copy.yaml" in result.output and "other content" in result.output
    )
    assert "unknown.yaml" in result.output and "no-such-type" in result.output
    assert count(database_url, "assessments") == 3


def _frameworks(tmp_path: Path) -> Path:
    from conftest import BASE_FRAMEWORK

    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    return tmp_path / "frameworks"


def test_two_imports_at_once_add_each_assessment_once(database_url, tmp_path):
    folder = copies(tmp_path / "in", 500)
    first, second = (
        spawn("db", "import", str(folder), url=database_url),
        spawn("db", "import", str(folder), url=database_url),
    )
    assert first.wait(120) == 0 and second.wait(120) == 0, first.stderr.read() + second.stderr.read()
    assert count(database_url, "assessments") == 500 and count(database_url, "history") == 500


def test_an_import_killed_midway_leaves_a_consistent_database_and_a_rerun_completes_it(
    database_url, tmp_path
):
    folder = copies(tmp_path / "in", 1500)
    process = spawn("db", "import", str(folder), url=database_url)
    deadline = time.monotonic() + 60
    while count(database_url, "assessments") < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)
    with engine_for(database_url).connect() as connection:  # one snapshot: every row has its history row
        partial, history, orphans = connection.execute(
            sa.text(
                "SELECT (SELECT count(*) FROM assessments), (SELECT count(*) FROM history), "
                "(SELECT count(*) FROM assessments a LEFT JOIN history h "
                "ON h.assessment_id = a.id AND h.revision = a.revision WHERE h.seq IS NULL)"
            )
        ).one()
    assert 0 < partial < 1500
    assert orphans == 0 and history == partial
    rerun = run("db", "import", str(folder), url=database_url)
    # A commit the killed import had already sent may land after the count above: it is then "already there".
    found = re.search(r"(\d+) added, 0 updated, (\d+) already there", rerun.output)
    assert rerun.exit_code == 0 and found, rerun.output
    added, skipped = int(found[1]), int(found[2])
    assert skipped >= partial and added + skipped == 1500
    assert count(database_url, "assessments") == 1500 and count(database_url, "history") == 1500


SAVER = """
import sys
from partnerfit.store import SaveConflictError, open_store
location = sys.argv[1]
store = open_store(url=location) if "://" in location else open_store(location)
ids = sys.argv[2].split(",")
saved = conflicts = 0
for round in range(int(sys.argv[3])):
    for assessment_id in ids:
        current = store.get(assessment_id)
        try:
            store.save(current.model_copy(update={"summary": f"{sys.argv[4]} {round}"}), author=sys.argv[4])
            saved += 1
        except SaveConflictError:
            conflicts += 1
print(saved, conflicts)
"""


@pytest.mark.parametrize("kind", ["postgres", "folder"])
def test_eight_processes_saving_at_once_lose_no_update(kind, request, tmp_path):
    location = (
        request.getfixturevalue("database_url") if kind == "postgres" else str(tmp_path / "assessments")
    )
    store = open_store(url=location) if kind == "postgres" else open_store(location)
    ids = [f"shared{i:06d}" for i in range(3)]
    rounds = 10 if kind == "postgres" else 5
    for assessment_id in ids:
        store.create(_assessment(assessment_id))
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, location, ",".join(ids[: 1 + i % 3]), str(rounds), f"p{i}"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i in range(8)
    ]
    outputs = [w.communicate(timeout=300)[0].split() for w in workers]
    saved = sum(int(out[0]) for out in outputs)
    conflicts = sum(int(out[1]) for out in outputs)
    assert saved > 0 and saved + conflicts == sum(rounds * (1 + i % 3) for i in range(8))
    history_rows = sum(len(store.history(i)) for i in ids)
    assert history_rows == len(ids) + saved  # one entry per create and per successful save
    assert sum(store.get(i).revision for i in ids) == saved
    assert all(len({r.revision for r in store.history(i)}) == len(store.history(i)) for i in ids)


def _assessment(assessment_id: str):
    from conftest import make_assessment

    return make_assessment(id=assessment_id)


def test_a_stale_save_conflict_carries_what_the_other_person_saved(database_url):
    store = open_store(url=database_url)
    mine = store.create(_assessment("stale0000001"))
    theirs = store.save(mine.model_copy(update={"summary": "theirs"}), author="bob@example.org")
    with pytest.raises(SaveConflictError) as raised:
        store.save(mine.model_copy(update={"summary": "mine"}))
    assert same(raised.value.current, theirs)


def test_the_coordination_lookup_finds_on_the_database_what_it_finds_in_the_folder(database_url):
    assert run("db", "import", str(SAMPLES), url=database_url).exit_code == 0
    folder, database = open_store(SAMPLES), open_store(url=database_url)
    names = {r.partner_name for r in folder.load_all().records}
    queries = set(names)
    for name in names:
        words = name.split()
        queries |= {
            name.lower(),
            " ".join(reversed(words)),
            " ".join(words[:-1]),
            name.replace("University", "Univ."),
        }
    queries = sorted(q for q in queries if q.strip())

    def found(store, query):
        return [(s.record.id, round(s.similarity, 3)) for s in store.similar_partners(query)]

    differences = {
        q: (found(folder, q), found(database, q)) for q in queries if found(folder, q) != found(database, q)
    }
    assert differences == {}
    assert sum(1 for q in queries if found(database, q)) >= len(names)


def test_a_file_the_database_refuses_is_named_and_the_rest_of_its_batch_goes_in(database_url):
    from conftest import make_assessment

    good = [make_assessment(id=f"good{i:08d}") for i in range(3)]
    refused = make_assessment(id="nul000000001")
    refused = refused.model_copy(update={"summary": "a NUL \x00 PostgreSQL text cannot hold"})
    store = open_store(url=database_url)
    with store.importer() as import_many:
        outcomes = import_many([(good[0], None), (refused, None), (good[1], None), (good[2], None)])
    assert outcomes[0] == outcomes[2] == outcomes[3] == "added"
    assert "refused" in str(outcomes[1])
    assert count(database_url, "assessments") == 3 and count(database_url, "history") == 3


def test_the_lookup_lists_the_same_first_assessments_when_more_match_than_it_shows(database_url, tmp_path):
    """More matches than the look-up lists: the database ranks on light columns before reading records, and must
    list the same assessments in the same order as the folder store."""
    from partnerfit.compare import SIMILAR_LIMIT

    towns = [
        "Aachen",
        "Bonn",
        "Celle",
        "Dessau",
        "Essen",
        "Fulda",
        "Gotha",
        "Hagen",
        "Jena",
        "Kiel",
        "Lahr",
        "Mainz",
        "Neuss",
        "Olpe",
        "Peine",
        "Qued",
    ]
    towns += [
        "Rheine",
        "Siegen",
        "Trier",
        "Ulm",
        "Vechta",
        "Wesel",
        "Xanten",
        "Zeitz",
        "Aalen",
        "Bocholt",
        "Coburg",
        "Dorsten",
        "Emden",
        "Furth",
    ]
    folder = tmp_path / "assessments"
    for index, town in enumerate(towns):
        day = f"2025-{1 + index // 28:02d}-{1 + index % 28:02d}"
        write(
            folder / f"museum-{index:02d}.yaml",
            assessment_yaml(
                id=f"museum{index:06d}",
                partner=f"{{name: Museum of Maps {town}, country: {'DE' if index % 3 else 'FR'}}}",
                region="Northern and Western Europe" if index % 2 else "North America",
                created=day,
                updated=day,
            ),
        )
    imported = run("db", "import", str(folder), url=database_url)
    assert imported.exit_code == 0, imported.output
    on_folder, on_database = open_store(folder), open_store(url=database_url)
    for query, country, region in [
        ("Museum of Maps", None, None),
        ("Museum of Maps Jena", "DE", "Northern and Western Europe"),
        ("Maps Museum", "FR", None),
    ]:
        expected = [
            (s.record.id, round(s.similarity, 3))
            for s in on_folder.similar_partners(query, country=country, region=region)
        ]
        assert len(expected) == SIMILAR_LIMIT < len(towns)
        listed = on_database.similar_partners(query, country=country, region=region)
        assert [(s.record.id, round(s.similarity, 3)) for s in listed] == expected


def test_similar_reads_the_database_when_the_url_is_set(database_url, tmp_path):
    write(
        tmp_path / "in" / "a.yaml",
        assessment_yaml(id="lindenfeld01", partner="{name: Lindenfeld University}"),
    )
    assert run("db", "import", str(tmp_path / "in"), url=database_url).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    found = run("similar", "Lindenfeld Univ.", "--json", "--assessments", str(empty), url=database_url)
    assert [row["id"] for row in json.loads(found.output)] == ["lindenfeld01"]
    assert run("similar", "Lindenfeld Univ.", "--json", "--assessments", str(empty)).output.strip() == "[]"


def test_withdraw_on_the_database_keeps_the_reason_and_a_new_revision(database_url):
    from conftest import BASE_FRAMEWORK, framework_from_yaml, make_assessment

    store = open_store(url=database_url)
    draft = store.save(
        make_assessment(
            answers="{licence-fit: {level: 3}, pd-respect: {level: 4}, reader-data: {level: na}, "
            "retention: {level: 2}}"
        )
    )
    final = store.finalise(draft, framework_from_yaml(BASE_FRAMEWORK))
    result = run("withdraw", final.id, "--reason", "Called off", "--author", "ana", url=database_url)
    assert result.exit_code == 0, result.output
    assert "Withdrawn:" in result.output
    stored = store.get(final.id)
    assert stored.status == "withdrawn" and stored.withdrawal.reason == "Called off"
    assert store.history(final.id)[-1].author == "ana"
    again = CliRunner().invoke(
        cli, ["withdraw", final.id, "--reason", "x"], env={"PARTNERFIT_DATABASE_URL": database_url}
    )
    assert again.exit_code == 1 and "only a final assessment" in again.output


def test_rescore_stores_the_scores_compare_reads_and_all_scores_again(database_url, tmp_path):
    assert run("db", "import", str(copies(tmp_path / "in", 3)), url=database_url).exit_code == 0
    frameworks = tmp_path / "frameworks"
    write(frameworks / "base.yaml", BASE_FRAMEWORK)
    first = run("db", "rescore", "--frameworks", str(frameworks), url=database_url)
    assert first.exit_code == 0 and "3 assessments scored." in first.output
    assert count(database_url, "scores") == 3
    assert (
        "0 assessments scored."
        in run("db", "rescore", "--frameworks", str(frameworks), url=database_url).output
    )
    again = run("db", "rescore", "--all", "--frameworks", str(frameworks), url=database_url)
    assert "3 assessments scored." in again.output and count(database_url, "scores") == 3


def test_import_with_frameworks_stores_the_scores_compare_reads(database_url, tmp_path):
    frameworks = tmp_path / "frameworks"
    write(frameworks / "base.yaml", BASE_FRAMEWORK)
    result = run(
        "db", "import", str(copies(tmp_path / "in", 4)), "--frameworks", str(frameworks), url=database_url
    )
    assert result.exit_code == 0, result.output
    assert count(database_url, "scores") == 4
