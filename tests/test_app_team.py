"""Several assessors, tracked conditions and the outcome review under AppTest (Result and Home pages)."""

from __future__ import annotations

import datetime as dt

from conftest import BASE_FRAMEWORK, assessment_yaml, write
from result_compare_fixtures import app_for, assert_no_exception
from ui_fixtures import texts

from partnerfit.store import FolderStore

DRAFT = {
    "id": "team-draft-01",
    "status": "draft",
    "answers": "{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 2}}",
}
OLD_FINAL = {
    "id": "old-final-01",
    "status": "final",
    "partner": "{name: Old Museum, country: DE}",
    "created": "2024-01-10",
    "updated": "2024-01-10",
    "answers": "{licence-fit: {level: 2}, pd-respect: {level: 4}, retention: {level: 1}}",
}


def folders(tmp_path, *assessments):
    frameworks, folder = tmp_path / "frameworks", tmp_path / "assessments"
    write(frameworks / "base.yaml", BASE_FRAMEWORK)
    for fields in assessments:
        write(folder / f"{fields['id']}.yaml", assessment_yaml(**fields))
    return frameworks, folder


def answer_as(at, name: str, levels: dict[str, int]):
    at.text_input(key="team_assessor").set_value(name).run()
    for criterion, level in levels.items():
        at.selectbox(key=f"team_level_{name}_{criterion}").set_value(level)
    at.button(key="team_answers_save").click().run()
    assert_no_exception(at)
    return at


def overall(at) -> str:
    return at.metric[0].value


def test_two_assessors_disagree_the_page_flags_it_and_a_consensus_changes_the_score(monkeypatch, tmp_path):
    frameworks, folder = folders(tmp_path, DRAFT)
    at = app_for(monkeypatch, frameworks, folder, "result", {"id": DRAFT["id"]})
    assert_no_exception(at)
    alone = overall(at)
    answer_as(at, "Alice", {"licence-fit": 1})
    answer_as(at, "Bob", {"licence-fit": 4})

    shown = texts(at)
    assert "Disagreement" in shown and "Alice: 1" in shown and "Bob: 4" in shown
    assert "median of the team's levels for 1 criterion" in shown  # the page says the median counts
    median = overall(at)
    assert median != alone  # licence-fit counts as 1 (the lower median of 1 and 4), not the single answer's 3
    stored = FolderStore(folder).get(DRAFT["id"])
    assert stored.team.answers == {"Alice": {"licence-fit": 1}, "Bob": {"licence-fit": 4}}

    at.selectbox(key="team_consensus_level_licence-fit").set_value(4)
    at.text_area(key="team_consensus_reason_licence-fit").set_value("The signed contract says CC BY-SA.")
    at.button(key="team_consensus_save_licence-fit").click().run()
    assert_no_exception(at)
    assert "agreed on 4" in texts(at)
    assert float(overall(at).split()[0]) > float(median.split()[0])
    assert "median of the team's levels" not in texts(at)
    history = FolderStore(folder).history(DRAFT["id"])
    assert [r.changes[-1] for r in history[-3:]] == [
        "Alice answered: licence-fit – → 1",
        "Bob answered: licence-fit – → 4",
        "consensus licence-fit: 4",
    ]


def test_a_consensus_needs_a_reason(monkeypatch, tmp_path):
    frameworks, folder = folders(tmp_path, DRAFT)
    at = app_for(monkeypatch, frameworks, folder, "result", {"id": DRAFT["id"]})
    answer_as(at, "Alice", {"retention": 0})
    answer_as(at, "Bob", {"retention": 3})
    at.selectbox(key="team_consensus_level_retention").set_value(2)
    at.button(key="team_consensus_save_retention").click().run()
    assert "write why" in texts(at)
    assert FolderStore(folder).get(DRAFT["id"]).team.consensus == {}


def test_a_due_review_shows_on_home_and_the_review_shows_under_the_verdict(monkeypatch, tmp_path):
    frameworks, folder = folders(tmp_path, OLD_FINAL)
    home = app_for(monkeypatch, frameworks, folder, "home")
    assert_no_exception(home)
    assert "Outcome reviews due" in [s.value for s in home.subheader]

    at = app_for(monkeypatch, frameworks, folder, "result", {"id": OLD_FINAL["id"]})
    assert "An outcome review is due" in texts(at)
    # a condition agreed with the partner, from the ranked list, with an owner and a due date already past
    at.selectbox(key="tracked_source").set_value("retention")
    at.text_input(key="tracked_owner").set_value("Alice")
    at.date_input(key="tracked_due").set_value(dt.date(2024, 6, 1))
    at.button(key="tracked_add").click().run()
    assert_no_exception(at)
    stored = FolderStore(folder).get(OLD_FINAL["id"])
    [condition] = stored.tracked_conditions
    assert (condition.criterion, condition.owner, condition.status) == ("retention", "Alice", "open")
    assert "past their due date" in texts(at)

    at.selectbox(key=f"outcome_held_{condition.id}").set_value("partly")
    at.text_input(key=f"outcome_note_{condition.id}").set_value("Logs kept 60 days, not 30")
    at.text_area(key="outcome_went_well").set_value("Two hundred scans uploaded")
    at.radio(key="outcome_partner_again").set_value("with-changes")
    at.button(key="outcome_save").click().run()
    assert_no_exception(at)
    shown = texts(at)
    assert "would we partner again? **With changes**" in shown and "Partly held" in shown
    assert "An outcome review is due" not in shown
    review = FolderStore(folder).get(OLD_FINAL["id"]).outcome
    assert review.partner_again == "with-changes" and review.conditions[0].note == "Logs kept 60 days, not 30"

    home = app_for(monkeypatch, frameworks, folder, "home")
    assert "Outcome reviews due" not in [s.value for s in home.subheader]
    assert "Agreed conditions due" in [s.value for s in home.subheader]


def test_compare_counts_reviewed_partnerships_per_recommendation(monkeypatch, tmp_path):
    reviewed = dict(OLD_FINAL, id="reviewed-01")
    reviewed["answers"] += "\noutcome: {date: 2025-02-01, partner_again: no}"
    frameworks, folder = folders(tmp_path, reviewed)
    at = app_for(monkeypatch, frameworks, folder, "compare")
    assert_no_exception(at)
    table = at.dataframe[-1].value  # the calibration comes last on the page
    assert table.iloc[0].to_dict() == {
        "Recommendation": "Proceed with conditions",
        "Partner again: Yes": 0,
        "Partner again: With changes": 0,
        "Partner again: No": 1,
        "Reviews": 1,
    }


def test_signed_in_an_assessor_answers_as_themselves(monkeypatch, tmp_path):
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest
    from test_app_access import ACCESS, AUTH

    frameworks, folder = folders(tmp_path, dict(DRAFT, affiliate="WMDE"))
    write(tmp_path / "access.yaml", ACCESS)
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(frameworks))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(folder))
    monkeypatch.setenv("PARTNERFIT_ACCESS", str(tmp_path / "access.yaml"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "assessor@example.org"}
    at.switch_page("partnerfit/ui/pages/result.py")
    at.query_params["id"] = DRAFT["id"]
    at.run()
    assert_no_exception(at)
    assert not [w for w in at.text_input if w.key == "team_assessor"]  # no name to type: the sign-in says who
    assert "You answer as assessor@example" in texts(at)
    at.selectbox(key="team_level_assessor@example.org_licence-fit").set_value(2)
    at.button(key="team_answers_save").click().run()
    assert_no_exception(at)
    store = FolderStore(folder)
    assert store.get(DRAFT["id"]).team.answers == {"assessor@example.org": {"licence-fit": 2}}
    assert store.history(DRAFT["id"])[-1].author == "assessor@example.org"


def test_the_assess_page_says_the_teams_level_counts_where_the_team_answered(monkeypatch, tmp_path):
    frameworks, folder = folders(tmp_path, DRAFT)
    at = app_for(monkeypatch, frameworks, folder, "assess", {"id": DRAFT["id"]})
    assert "team members' answers" not in texts(at)
    at.switch_page("partnerfit/ui/pages/result.py").run()
    answer_as(at, "Alice", {"licence-fit": 1})
    at.switch_page("partnerfit/ui/pages/assess.py").run()  # the same session: its copy of the draft was older
    assert_no_exception(at)
    assert "1 question has team members' answers" in texts(at)
    assert "someone else" not in texts(at)
