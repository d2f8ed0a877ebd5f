"""The calibration set: every reference case validates and scores to the verdict the domain expert gave."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from partnerfit.calibration import agreement_line, load_case, run_calibration, score_case
from partnerfit.catalog import load_frameworks

CASES = sorted((ROOT / "calibration").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog():
    return load_frameworks(ROOT / "frameworks")


def test_there_are_at_least_twenty_cases_covering_every_kind_of_verdict():
    assert len(CASES) >= 20
    verdicts = {load_case(path)[0].expert_verdict for path in CASES}
    assert {"aligned", "conditional", "not-aligned", "blocked", "refer"} <= verdicts


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_validates_and_answers_every_applicable_criterion(path, catalog):
    item = score_case(path, catalog)  # raises on any problem in the file or against the framework
    assert all(
        source.url.startswith("https://") or source.url.startswith("http://") for source in item.case.sources
    )
    assert item.result.answered == item.result.applicable, (
        "answer every applicable criterion (na where allowed)"
    )


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_scores_to_the_expert_verdict(path, catalog):
    item = score_case(path, catalog)
    assert item.result.recommendation == item.case.expert_verdict, (
        f"{path.name}: expert says {item.case.expert_verdict}, the framework gives "
        f"{item.result.recommendation} (overall {item.result.overall})"
    )


def test_readme_states_the_agreement_figure_the_report_computes(catalog):
    line = agreement_line(run_calibration(ROOT / "calibration", catalog))
    report = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "calibration_report.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert report.stdout.strip().splitlines()[-1] == line
    assert line in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_clean_one_off_event_is_aligned_with_at_most_two_conditions(catalog):
    from partnerfit.conditions import negotiation_conditions

    item = score_case(ROOT / "calibration" / "art-feminism-edit-a-thon-one-off.yaml", catalog)
    framework = catalog.get("wikimedia-global")
    assert item.result.recommendation == "aligned"
    assert len(negotiation_conditions(framework, item.assessment)) <= 2
    assert item.result.applicable < 31  # 1.0.0 asked 31 questions of such an event


def test_report_writes_the_cases_as_assessment_files_the_cli_scores(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "calibration_report.py"), "--write", str(tmp_path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    assert len(list(tmp_path.glob("*.yaml"))) == len(CASES)
    scored = subprocess.run(
        [sys.executable, "-m", "partnerfit", "score", str(tmp_path / "orangemoody-2015.yaml"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(scored.stdout)["recommendation"] == "blocked"
