"""The partner's questionnaire as a file: made in the partner's language without the affiliate's answers,
returned as YAML or CSV, refused (with the reason) for another assessment or framework version; and the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from click.testing import CliRunner
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, framework_from_yaml, make_assessment, write

from partnerfit.catalog import load_frameworks
from partnerfit.cli import cli
from partnerfit.errors import ValidationError
from partnerfit.questionnaire import (
    build_questionnaire,
    read_questionnaire,
    returned_assessment,
    to_csv,
    to_yaml,
)

FRAMEWORK = framework_from_yaml(BASE_FRAMEWORK)
SECRET = "Our director distrusts them"


def affiliate_assessment(**overrides):
    return make_assessment(
        answers="{licence-fit: {level: 4, notes: " + SECRET + "}, pd-respect: {level: 3}}", **overrides
    )


def filled_yaml(assessment, framework=FRAMEWORK, **changes) -> bytes:
    data = yaml.safe_load(to_yaml(build_questionnaire(assessment, framework, "en")))
    data["answered_by"] = "Dr. Ada"
    data["questions"][0].update(level=1, notes="NC only")
    data.update(changes)
    return yaml.safe_dump(data).encode()


def test_the_questionnaire_names_assessment_and_framework_and_holds_none_of_the_affiliates_answers():
    assessment = affiliate_assessment()
    text = to_yaml(build_questionnaire(assessment, FRAMEWORK, "en"))
    data = yaml.safe_load(text)
    assert data["assessment"] == assessment.id
    assert data["framework"] == {"id": "base", "version": "1.0.0", "digest": FRAMEWORK.digest}
    assert [q["criterion"] for q in data["questions"]] == ["licence-fit", "pd-respect", "retention"]
    assert all(q["level"] is None and q["notes"] is None for q in data["questions"])
    assert SECRET not in text and SECRET not in to_csv(build_questionnaire(assessment, FRAMEWORK, "en"))
    assert data["questions"][0]["levels"]["0"] == "Absent – NC or ND only"


def test_a_returned_yaml_file_becomes_the_partners_answers():
    assessment = affiliate_assessment()
    returned = read_questionnaire(filled_yaml(assessment), "returned.yaml")
    updated = returned_assessment(returned, assessment, FRAMEWORK, name="returned.yaml")
    view = updated.partner_view
    assert view.answered_by == "Dr. Ada" and view.via == "file"
    assert {k: (a.level, a.notes) for k, a in view.answers.items()} == {"licence-fit": (1, "NC only")}
    assert updated.answers == assessment.answers


def test_a_returned_csv_file_is_read_like_the_yaml():
    assessment = affiliate_assessment()
    rows = list(csv.DictReader(io.StringIO(to_csv(build_questionnaire(assessment, FRAMEWORK, "en")))))
    rows[1].update(level="3", notes="Yes, all of it", answered_by="Dr. Ada")
    rows[2].update(level="NA")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    returned = read_questionnaire(out.getvalue().encode(), "back.csv")
    updated = returned_assessment(returned, assessment, FRAMEWORK, name="back.csv")
    assert {k: (a.level, a.notes) for k, a in updated.partner_view.answers.items()} == {
        "pd-respect": (3, "Yes, all of it"),
        "retention": ("na", None),
    }


def test_a_file_for_another_assessment_is_refused_with_the_reason():
    made_for = affiliate_assessment()
    other = affiliate_assessment(id="zz9999999999")
    returned = read_questionnaire(filled_yaml(made_for), "returned.yaml")
    with pytest.raises(ValidationError) as raised:
        returned_assessment(returned, other, FRAMEWORK, name="returned.yaml")
    assert raised.value.lines() == [
        f"returned.yaml: assessment: this questionnaire is for assessment {made_for.id}, not zz9999999999"
    ]


def test_a_file_for_another_framework_version_or_text_is_refused_with_the_reason():
    assessment = affiliate_assessment()
    newer = framework_from_yaml(BASE_FRAMEWORK.replace('version: "1.0.0"', 'version: "1.1.0"'))
    returned = read_questionnaire(filled_yaml(assessment), "returned.yaml")
    with pytest.raises(
        ValidationError, match="made for framework base 1.0.0; the assessment uses base 1.1.0"
    ):
        returned_assessment(returned, assessment, newer, name="returned.yaml")
    edited = framework_from_yaml(BASE_FRAMEWORK.replace("Openness", "Open-ness"))
    with pytest.raises(ValidationError, match="another text of framework base 1.0.0"):
        returned_assessment(returned, assessment, edited, name="returned.yaml")


def test_a_file_with_no_name_no_level_or_a_bad_level_is_refused_naming_each_problem():
    assessment = affiliate_assessment()
    data = yaml.safe_load(filled_yaml(assessment))
    data["answered_by"] = ""
    data["questions"][0]["level"] = None
    returned = read_questionnaire(yaml.safe_dump(data).encode(), "r.yaml")
    with pytest.raises(ValidationError) as raised:
        returned_assessment(returned, assessment, FRAMEWORK, name="r.yaml")
    assert [p.location for p in raised.value.problems] == ["answered_by", "questions"]
    data["questions"][0]["level"] = "lots"
    with pytest.raises(ValidationError, match=r"r.yaml: questions\[0\].level"):
        read_questionnaire(yaml.safe_dump(data).encode(), "r.yaml")


def test_a_hostile_or_oversized_file_is_refused_by_the_same_loaders():
    with pytest.raises(ValidationError, match="r.yaml: line 1: anchors and aliases"):
        read_questionnaire(b"a: &x [1]\nb: *x\n", "r.yaml")
    with pytest.raises(ValidationError, match="larger than the 2 MiB allowed"):
        read_questionnaire(b"#" * (3 * 1024 * 1024), "r.yaml")
    with pytest.raises(ValidationError, match="missing column"):
        read_questionnaire(b"criterion,level\nlicence-fit,2\n", "r.csv")
    with pytest.raises(ValidationError, match="r.csv: line 2: not a readable CSV file"):
        read_questionnaire(b"assessment,criterion,level\nx," + b"a" * 200_000 + b",1\n", "r.csv")


def test_the_questionnaire_is_in_the_partners_language():
    catalog = load_frameworks(ROOT / "frameworks")
    framework = catalog.get("wikimedia-global")
    assessment = make_assessment(
        framework='{id: wikimedia-global, version: "2.0.0"}', partnership_type="content", answers="{}"
    )
    french = build_questionnaire(assessment, framework, "fr")
    first = french.questions[0]
    assert first.question == framework.criterion(first.criterion).question["fr"]
    assert first.guidance and not first.guidance.startswith("Pour l")


# -- the CLI ---------------------------------------------------------------------------------------------------
@pytest.fixture
def folders(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(
        tmp_path / "assessments" / "museum.yaml",
        assessment_yaml(id="museum-001", answers="{licence-fit: {level: 4}, pd-respect: {level: 4}}"),
    )
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_exports_and_imports_a_questionnaire_and_score_json_shows_the_gaps(folders):
    where = ["--assessments", str(folders / "assessments"), "--frameworks", str(folders / "frameworks")]
    exported = run("questionnaire", "export", "museum-001", "--format", "csv", *where)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    rows[0].update(level="1", answered_by="Dr. Ada")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    write(folders / "back.csv", out.getvalue())
    imported = run("questionnaire", "import", str(folders / "back.csv"), *where)
    assert imported.exit_code == 0, imported.output
    assert "Kept 1 answer of Dr. Ada" in imported.output
    scored = run(
        "score",
        str(folders / "assessments" / "museum.yaml"),
        "--frameworks",
        str(folders / "frameworks"),
        "--json",
    )
    assert json.loads(scored.output)["partner_view"]["gaps"] == [
        {"criterion": "licence-fit", "affiliate_level": 4, "partner_level": 1}
    ]


def test_cli_refuses_a_questionnaire_for_another_framework_version_and_exits_1(folders):
    where = ["--assessments", str(folders / "assessments"), "--frameworks", str(folders / "frameworks")]
    data = yaml.safe_load(run("questionnaire", "export", "museum-001", *where).output)
    data.update(answered_by="Dr. Ada", framework={"id": "base", "version": "0.9.0"})
    data["questions"][0]["level"] = 2
    write(folders / "back.yaml", yaml.safe_dump(data))
    result = CliRunner().invoke(cli, ["questionnaire", "import", str(folders / "back.yaml"), *where])
    assert result.exit_code == 1
    assert "Error:" in result.output and "made for framework base 0.9.0" in result.output


def test_score_json_of_an_old_file_has_a_null_partner_view(folders):
    scored = run(
        "score",
        str(folders / "assessments" / "museum.yaml"),
        "--frameworks",
        str(folders / "frameworks"),
        "--json",
    )
    assert json.loads(scored.output)["partner_view"] is None
