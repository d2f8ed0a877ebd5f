"""The command line through a subprocess, as people run it: ``python -m partnerfit ...`` in a project."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import yaml
from conftest import BASE_FRAMEWORK, assessment_yaml, framework_from_yaml, make_assessment, write

from partnerfit.export import FOLLOW_UP_COLUMNS
from partnerfit.partner_view import PARTNER_COLUMNS
from partnerfit.scoring import score_assessment


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerfit", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def project(tmp_path):
    """A folder with frameworks/ and assessments/ where they are looked for by default."""
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(tmp_path / "assessments" / "a.yaml", assessment_yaml())
    return tmp_path


def assert_clean_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, result
    assert "Error:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr


# -- validate ------------------------------------------------------------------------------------------------


def test_validate_good_frameworks_exits_0(project):
    result = run("validate", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "OK" in result.stderr


def test_validate_bad_frameworks_prints_one_line_per_problem_and_exits_1(project):
    write(
        project / "frameworks" / "two.yaml",
        BASE_FRAMEWORK.replace("id: base", "id: two")
        .replace("weight: 2", "weight: 0")
        .replace("title: Base values", "title: No"),
    )
    write(project / "frameworks" / "broken.yaml", "schema: 1\nid: [\n")
    result = run("validate", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert sorted(line.split(": ")[0] for line in lines) == [
        "frameworks/broken.yaml",
        "frameworks/two.yaml",
        "frameworks/two.yaml",
    ]
    assert "3 problems found." in result.stderr


def test_validate_other_folder(project):
    write(
        project / "elsewhere" / "x.yaml",
        BASE_FRAMEWORK.replace("{id: not-aligned, min: 0,", "{id: n, min: 9,"),
    )
    result = run("validate", "--frameworks", "elsewhere", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "elsewhere/x.yaml: bands (line 12): bands must cover 0: give one band min: 0"
    ]


def test_validate_missing_folder_is_a_clean_error(project):
    assert_clean_error(run("validate", "--frameworks", "nowhere", cwd=project), "nowhere: no such folder")


def test_validate_assessments_too(project):
    write(project / "assessments" / "bad.yaml", assessment_yaml(id="bad-one", answers="{gone: {level: 2}}"))
    write(
        project / "assessments" / "final.yaml",
        assessment_yaml(id="final-one", status="final", answers="{gone: {level: 2}}"),
    )
    result = run("validate", "--assessments", "assessments", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "assessments/final.yaml: answers.gone: unknown criterion 'gone' in framework 'base' 1.0.0"
    ]


# -- score ---------------------------------------------------------------------------------------------------


def test_score_json_prints_the_documented_fields(project):
    result = run("score", "assessments/a.yaml", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = score_assessment(framework_from_yaml(BASE_FRAMEWORK), make_assessment())
    assert {
        "assessment",
        "framework",
        "overall",
        "dimensions",
        "completeness",
        "red_lines",
        "recommendation",
    } <= set(data)
    assert data["assessment"] == "a1b2c3d4e5f6"
    assert data["framework"] == {"id": "base", "version": "1.0.0"}
    assert data["overall"] == pytest.approx(expected.overall)
    assert data["dimensions"] == {"openness": pytest.approx(expected.dimensions["openness"]), "privacy": None}
    assert (data["completeness"], data["red_lines"]) == (1.0, [])
    assert data["recommendation"] == expected.recommendation


def test_score_json_lists_red_lines(project):
    write(project / "assessments" / "red.yaml", assessment_yaml(answers="{licence-fit: {level: 0}}"))
    data = json.loads(run("score", "assessments/red.yaml", "--json", cwd=project).stdout)
    assert (data["red_lines"], data["recommendation"]) == (["licence-fit"], "blocked")
    assert data["completeness"] == pytest.approx(1 / 3)


def test_score_summary_is_readable(project):
    result = run("score", "assessments/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Example Museum (Example Chapter, Northern and Western Europe; draft)" in result.stdout
    assert "Framework: base 1.0.0" in result.stdout
    assert "Recommendation: Aligned" in result.stdout
    assert "Completeness: 100% (3 of 3; minimum 80%)" in result.stdout


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"framework": '{id: nowhere, version: "1"}'}, "unknown framework 'nowhere'"),
        (
            {"answers": "{licence-fit: {level: 3}, no-such-criterion: {level: 2}}"},
            "unknown criterion 'no-such-criterion'",
        ),
        ({"partnership_type": "events"}, "unknown partnership type 'events'"),
        ({"answers": "{licence-fit: {level: 9}}"}, "level 9 is not on the scale [0, 1, 2, 3, 4]"),
        ({"answers": "{licence-fit: {level: -1}}"}, "level -1 is not on the scale"),
        ({"status": "final", "framework": '{id: base, version: "0.1.0"}'}, "version 0.1.0 is not available"),
    ],
)
def test_score_refuses_what_does_not_fit_the_framework(project, fields, message):
    write(project / "assessments" / "bad.yaml", assessment_yaml(**fields))
    assert_clean_error(run("score", "assessments/bad.yaml", "--json", cwd=project), message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("schema: 1\nid: [\n", "YAML syntax error"),
        (assessment_yaml(answers="{licence-fit: {level: high}}"), "answers.licence-fit.level"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
)
def test_score_refuses_a_broken_file_cleanly(project, content, message):
    write(project / "assessments" / "bad.yaml", content)
    assert_clean_error(run("score", "assessments/bad.yaml", cwd=project), "assessments/bad.yaml", message)


def test_score_of_a_missing_file_is_a_clean_error(project):
    assert_clean_error(run("score", "assessments/none.yaml", cwd=project), "cannot read file")


# -- export --------------------------------------------------------------------------------------------------


def test_export_csv_to_a_file(project):
    write(project / "assessments" / "b.yaml", assessment_yaml(id="second-one", partner="{name: '=1+1'}"))
    result = run("export", "--format", "csv", "-o", "out.csv", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO((project / "out.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == ["a1b2c3d4e5f6", "second-one"]
    assert {r["id"]: r["partner"] for r in rows}["second-one"] == "'=1+1"
    assert list(rows[0])[-6 - len(PARTNER_COLUMNS) - 4 : -6] == [
        "openness",
        "privacy",
        "completeness",
        "recommendation",
        *PARTNER_COLUMNS,
    ]
    assert list(rows[0])[-6:] == FOLLOW_UP_COLUMNS


def test_export_json_to_a_file_reports_what_it_skipped(project):
    write(project / "assessments" / "broken.yaml", "schema: [\n")
    write(
        project / "assessments" / "lost.yaml",
        assessment_yaml(id="lost-one", framework='{id: gone, version: "1"}'),
    )
    result = run("export", "--format", "json", "-o", "out.json", cwd=project)
    assert result.returncode == 1, result.stderr
    rows = json.loads((project / "out.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["a1b2c3d4e5f6"]
    assert "skipped: assessments/broken.yaml" in result.stderr
    assert "not scored: assessments/lost.yaml: unknown framework 'gone'" in result.stderr


def test_export_to_stdout_with_other_folders(project):
    (project / "assessments").rename(project / "elsewhere")
    result = run("export", "--assessments", "elsewhere", "--format", "csv", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(
        "id,partner,affiliate,region,partnership_types,status,date,"
    )
    assert len(result.stdout.splitlines()) == 2


def test_export_needs_a_format(project):
    result = run("export", cwd=project)
    assert result.returncode == 2
    assert "--format" in result.stderr
    assert "Traceback" not in result.stderr


# -- schema and help -----------------------------------------------------------------------------------------


def test_schema_prints_both_schemas_as_json(project):
    result = run("schema", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"framework", "assessment"}
    assert {"schema", "id", "version", "extends", "scale", "bands", "dimensions"} <= set(
        data["framework"]["properties"]
    )
    assert {"schema", "id", "framework", "partner", "answers"} <= set(data["assessment"]["properties"])


def test_framework_schema_accepts_a_valid_file_and_rejects_a_bad_one(project):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema", "--kind", "framework", cwd=project).stdout)
    document = json.loads(json.dumps(yaml.safe_load(BASE_FRAMEWORK)))  # as an editor sees it: string keys
    jsonschema.validate(document, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "dimensions": [{"id": "Bad Id"}]}, schema)


def test_every_command_has_help(project):
    for command in ([], ["validate"], ["score"], ["export"], ["schema"]):
        result = run(*command, "--help", cwd=project)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.startswith("Usage:")
        assert "Example" in result.stdout or not command


def test_score_of_a_final_assessment_uses_its_snapshot_after_the_framework_changes(project):
    from partnerfit.store import AssessmentStore

    store = AssessmentStore(project / "assessments")
    path, _ = store.finalise(
        make_assessment(), framework_from_yaml(BASE_FRAMEWORK), project / "assessments" / "a.yaml"
    )
    before = json.loads(run("score", "assessments/a.yaml", "--json", cwd=project).stdout)
    write(project / "frameworks" / "base.yaml", BASE_FRAMEWORK.replace("weight: 2", "weight: 9"))
    (project / "assessments" / "draft.yaml").write_text(assessment_yaml(id="draft-copy"), encoding="utf-8")
    after = json.loads(run("score", "assessments/a.yaml", "--json", cwd=project).stdout)
    draft = json.loads(run("score", "assessments/draft.yaml", "--json", cwd=project).stdout)
    assert (before["basis"], after["basis"]) == ("snapshot", "snapshot")
    assert after["overall"] == before["overall"]
    assert draft["overall"] != before["overall"]  # the edit changes what a draft gets


def test_export_from_a_missing_folder_is_a_clean_error_and_creates_nothing(project):
    assert_clean_error(
        run("export", "--assessments", "nowhere", "--format", "csv", cwd=project), "nowhere: no such folder"
    )
    assert not (project / "nowhere").exists()


def test_score_summary_says_in_words_why_there_is_no_recommendation(project):
    write(
        project / "assessments" / "thin.yaml",
        assessment_yaml(id="thin00000001", answers="{pd-respect: {level: 4}}"),
    )
    result = run("score", "assessments/thin.yaml", cwd=project)
    assert "Recommendation: Incomplete: not enough answers to recommend" in result.stdout
    assert "Red-line criterion not answered: licence-fit" in result.stdout


# -- verdicts (issue 10) -------------------------------------------------------------------------------------


@pytest.fixture
def verdict_project(tmp_path):
    from verdict_fixtures import VERDICT_FRAMEWORK

    write(tmp_path / "frameworks" / "verdict.yaml", VERDICT_FRAMEWORK)
    return tmp_path


def verdict_yaml(answers: str, types: str = "[content]") -> str:
    return (
        'schema: 2\nid: case-v1\nframework: {id: verdict, version: "1.0.0"}\npartner: {name: Example Museum}\n'
        f"affiliate: Example Chapter\nregion: North America\npartnership_types: {types}\nanswers: {answers}\n"
    )


def test_score_text_says_why_a_red_line_answered_na_caps_the_result(verdict_project):
    answers = (
        "{licence: {level: na}, public-domain: {level: 4}, continuity: {level: 4}, reader-data: {level: 4}}"
    )
    write(verdict_project / "assessments" / "na.yaml", verdict_yaml(answers))
    result = run("score", "assessments/na.yaml", cwd=verdict_project)
    assert result.returncode == 0, result.stderr
    assert "Recommendation: Incomplete" in result.stdout
    assert (
        "because red line licence answered not applicable, which this framework does not allow"
        in result.stdout
    )
    assert "Red line answered N/A: licence (not allowed by this framework)" in result.stdout


def test_score_text_and_json_show_the_referral_conditions_and_robustness(verdict_project):
    answers = (
        "{licence: {level: 4}, public-domain: {level: 2}, continuity: {level: 0}, reader-data: {level: 0}}"
    )
    write(verdict_project / "assessments" / "ref.yaml", verdict_yaml(answers))
    text = run("score", "assessments/ref.yaml", cwd=verdict_project).stdout
    assert "Recommendation: Refer: not ours to decide" in text
    assert "Referral: Wikimedia Foundation (access to non-public data) <https://meta.wikimedia.org/" in text
    # two answers at 0 first (reader-data weighs more of the score than continuity), then the rest
    assert (
        "Conditions to agree (most severe first):\n  1. reader-data: now 0, reach 3: Only public data\n"
        in text
    )
    assert "  2. continuity: now 0, reach 3\n" in text
    assert "Robustness: fragile; decided by reader-data" in text
    data = json.loads(run("score", "assessments/ref.yaml", "--json", cwd=verdict_project).stdout)
    assert data["recommendation"] == "refer"
    assert data["referral"]["id"] == "data-access"
    assert [c["criterion"] for c in data["conditions"]] == ["reader-data", "continuity", "public-domain"]
    assert set(data["conditions"][0]) == {
        "criterion",
        "dimension",
        "level",
        "target_level",
        "red_line",
        "ask",
    }
    assert data["robustness"] == {
        "fragile": True,
        "deciding": ["reader-data"],
        "deciding_criteria": ["reader-data"],
        "deciding_dimensions": [],
    }


def test_score_text_of_a_blocked_result_lists_what_the_partner_must_change(verdict_project):
    answers = (
        "{licence: {level: 0}, public-domain: {level: 1}, continuity: {level: 1}, reader-data: {level: 2}}"
    )
    write(verdict_project / "assessments" / "blocked.yaml", verdict_yaml(answers))
    text = run("score", "assessments/blocked.yaml", cwd=verdict_project).stdout
    assert "Decline, or the partner must change:\n  1. licence: now 0, reach 3: All CC BY-SA" in text
    assert "... and 3 more" in text
    assert "Robustness: rests on the red-line answer licence (one level higher lifts it)" in text


def test_similar_lists_matches_and_possible_matches(verdict_project):
    write(
        verdict_project / "assessments" / "a.yaml",
        verdict_yaml("{}").replace("Example Museum", "Lindenfeld University"),
    )
    write(
        verdict_project / "assessments" / "b.yaml",
        verdict_yaml("{}")
        .replace("id: case-v1", "id: case-v2")
        .replace("Example Museum", "Lindenfeld Univ. Library"),
    )
    text = run("similar", "Lindenfeld Univ.", cwd=verdict_project).stdout
    assert "Lindenfeld University | Example Chapter | North America | " in text
    assert "| draft | match 100.0" in text
    data = json.loads(
        run("similar", "Lindenfeld Univ.", "--country", "de", "--json", cwd=verdict_project).stdout
    )
    assert [(row["partner"], row["possible"]) for row in data][0] == ("Lindenfeld University", False)
    assert set(data[0]) >= {"partner", "affiliate", "region", "date", "status", "match"}
    assert run("similar", "Nothing Alike Whatsoever", cwd=verdict_project).stdout.startswith("No assessment")


# -- control characters never reach the terminal -------------------------------------------------------------


def test_score_refuses_a_name_with_terminal_codes_and_prints_none(project):
    write(project / "assessments" / "bad.yaml", assessment_yaml(partner='{name: "Evil\\e[2J\\aMuseum"}'))
    result = run("score", "assessments/bad.yaml", cwd=project)
    assert_clean_error(result, "partner.name", "control character (U+001B at position 4)")
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr


def test_score_prints_framework_texts_and_file_names_without_control_characters(project):
    framework = BASE_FRAMEWORK.replace("title: Openness", 'title: "Open\\e]0;owned\\aness"')
    write(project / "frameworks" / "base.yaml", framework)
    result = run("score", "assessments/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "Open\\x1b]0;owned\\x07ness" in result.stdout
    write(project / "assessments" / "bad\x1b[31m.yaml", "schema: 1\nid: [\n")
    result = run("score", "assessments/bad\x1b[31m.yaml", cwd=project)
    assert_clean_error(result, "bad\\x1b[31m.yaml")
    assert "\x1b" not in result.stderr
    result = run("validate", "--assessments", "assessments", cwd=project)
    assert "bad\\x1b[31m.yaml" in result.stdout and "\x1b" not in result.stdout
