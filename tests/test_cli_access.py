"""The command line with ``--as EMAIL``: it reads only what that person may read."""

import csv
import io

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, write
from test_cli import assert_clean_error, run

ACCESS = """\
people:
  - {email: de@example.org, affiliate: WMDE, role: viewer}
  - {email: lee@example.org, role: liaison, regions: [South Asia]}
"""


@pytest.fixture
def project(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(tmp_path / "access.yaml", ACCESS)
    write(tmp_path / "assessments" / "de.yaml", assessment_yaml(id="de-own", affiliate="WMDE"))
    write(
        tmp_path / "assessments" / "uk.yaml",
        assessment_yaml(id="uk-private", affiliate="WMUK", region="South Asia", sharing="affiliate"),
    )
    write(
        tmp_path / "assessments" / "in.yaml",
        assessment_yaml(id="in-liaisons", affiliate="WMIN", region="South Asia"),
    )
    return tmp_path


def exported_ids(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    return sorted(row["id"] for row in csv.DictReader(io.StringIO(result.stdout)))


def test_export_without_as_is_everything(project):
    assert exported_ids(run("export", "--format", "csv", cwd=project)) == [
        "de-own",
        "in-liaisons",
        "uk-private",
    ]


def test_export_as_a_member_or_a_liaison_is_filtered(project):
    as_member = run(
        "export", "--format", "csv", "--as", "de@example.org", "--access", "access.yaml", cwd=project
    )
    assert exported_ids(as_member) == ["de-own"]
    result = run(
        "export", "--format", "csv", "--as", "LEE@example.org", "--access", "access.yaml", cwd=project
    )
    assert exported_ids(result) == ["in-liaisons"]


def test_score_as_someone_who_may_not_read_it_says_not_found_or_no_access(project):
    forbidden = run(
        "score", "assessments/uk.yaml", "--as", "de@example.org", "--access", "access.yaml", cwd=project
    )
    missing = run(
        "score", "assessments/nope.yaml", "--as", "de@example.org", "--access", "access.yaml", cwd=project
    )
    assert_clean_error(forbidden, "not found or no access")
    assert_clean_error(missing, "not found or no access")
    allowed = run(
        "score", "assessments/de.yaml", "--as", "de@example.org", "--access", "access.yaml", cwd=project
    )
    assert allowed.returncode == 0, allowed.stderr


def test_as_needs_a_listed_person_and_an_access_file(project):
    assert_clean_error(
        run("export", "--format", "csv", "--as", "de@example.org", cwd=project), "--as needs the access file"
    )
    assert_clean_error(
        run("export", "--format", "csv", "--as", "eve@example.org", "--access", "access.yaml", cwd=project),
        "eve@example.org is not in the access file",
    )
    write(project / "bad.yaml", "people:\n  - {email: x@example.org, role: boss}\n")
    assert_clean_error(
        run("export", "--format", "csv", "--as", "x@example.org", "--access", "bad.yaml", cwd=project),
        "bad.yaml: people[0].role (line 2)",
    )
