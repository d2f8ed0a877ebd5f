"""What the CLI and the reports say of the team, the tracked conditions and the outcome review."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import BASE_FRAMEWORK, assessment_yaml, framework_from_yaml, make_assessment, write

from partnerfit.report import ReportInput, to_html, to_markdown
from partnerfit.scoring import score_assessment

FOLLOW_UP = """\
team:
  answers:
    alice: {licence-fit: 0, retention: 2}
    bob: {licence-fit: 3, retention: 2}
tracked_conditions:
- {id: licence, text: Everything under CC BY-SA, owner: alice, due: 2026-01-31, status: not-met}
outcome:
  date: 2026-06-01
  conditions: [{condition: licence, held: 'no', note: Half the files came NC}]
  went_badly: Licences
  partner_again: with-changes
"""


def test_score_json_adds_team_disagreements_conditions_and_outcome(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    path = write(tmp_path / "assessments" / "a.yaml", assessment_yaml() + FOLLOW_UP)
    run = [
        sys.executable,
        "-m",
        "partnerfit",
        "score",
        str(path),
        "--frameworks",
        str(tmp_path / "frameworks"),
    ]
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    assert data["team"] == {
        "assessors": ["alice", "bob"],
        "disagreements": [{"criterion": "licence-fit", "levels": {"alice": 0, "bob": 3}, "consensus": None}],
    }
    assert data["outcome"]["partner_again"] == "with-changes"
    assert data["outcome"]["conditions"] == [
        {"condition": "licence", "held": "no", "note": "Half the files came NC"}
    ]
    assert data["tracked_conditions"][0]["status"] == "not-met"
    assert data["recommendation"] == "blocked"  # the lower median of 0 and 3 is 0: on the red line
    text = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "Disagreement on licence-fit (alice 0, bob 3); no consensus yet" in text
    assert "Outcome review of Jun 1, 2026: partner again: With changes" in text


def test_score_json_of_an_old_file_has_an_empty_team_and_no_outcome(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    path = write(tmp_path / "a.yaml", assessment_yaml())
    run = [
        sys.executable,
        "-m",
        "partnerfit",
        "score",
        str(path),
        "--frameworks",
        str(tmp_path / "frameworks"),
    ]
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    assert data["team"] == {"assessors": [], "disagreements": []} and data["outcome"] is None
    assert data["tracked_conditions"] == []


def test_reports_show_the_outcome_the_disagreements_and_the_tracked_conditions():
    framework = framework_from_yaml(BASE_FRAMEWORK)
    from partnerfit.store import parse_assessment_text

    assessment = parse_assessment_text(assessment_yaml() + FOLLOW_UP, None)
    report = ReportInput(framework, assessment, score_assessment(framework, assessment))
    markdown = to_markdown(report)
    assert "## Outcome review" in markdown and "Would we partner again? With changes." in markdown
    assert "| Everything under CC BY-SA | Did not hold | Half the files came NC |" in markdown
    assert "alice: 0, bob: 3" in markdown and "none yet: the median counts" in markdown
    assert "## Conditions agreed with the partner" in markdown
    html = to_html(report)
    assert "Outcome review" in html and "Did not hold" in html
    plain = ReportInput(framework, make_assessment(), score_assessment(framework, make_assessment()))
    assert "Outcome review" not in to_markdown(plain) and "Assessors</h2>" not in to_html(plain)


def test_the_samples_have_teams_with_disagreements_and_outcome_reviews():
    from conftest import ROOT

    from partnerfit.catalog import load_frameworks
    from partnerfit.results import framework_for
    from partnerfit.store import AssessmentStore, read_assessment
    from partnerfit.team import disagreements

    catalog = load_frameworks(ROOT / "frameworks")
    store = AssessmentStore(ROOT / "assessments", use_index=False)
    samples = [read_assessment(path) for path in sorted((ROOT / "assessments" / "samples").glob("*.yaml"))]
    with_team = []
    for assessment in (a for a in samples if a.team is not None):
        framework = framework_for(assessment.framework, assessment.status, catalog, store).framework
        if disagreements(framework, assessment):
            with_team.append(assessment)
    assert len(with_team) >= 3
    assert any(a.status == "draft" and not a.team.consensus for a in with_team)  # the median counts
    reviewed = [a for a in samples if a.outcome is not None]
    assert len(reviewed) >= 3 and {a.outcome.partner_again for a in reviewed} == {"yes", "with-changes", "no"}
    assert all(a.status == "final" and a.tracked_conditions for a in reviewed)
