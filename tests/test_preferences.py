# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""The affiliate, region and language a person used last (issue 14): stored per person, offered again."""

from __future__ import annotations

import json

from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_app_assess import fill_context
from ui_fixtures import dataset, open_page, run  # noqa: F401 (fixtures)

from partnerfit.i18n import _, using_language
from partnerfit.preferences import (
    FOLDER,
    LOCAL_USER,
    Preferences,
    load_preferences,
    preferences_folder,
    preferences_path,
    save_preferences,
)


def test_preferences_round_trip_per_person_without_naming_them(tmp_path):
    save_preferences(tmp_path, "ada@example.org", Preferences("WMDE", "Northern and Western Europe", "de"))
    assert load_preferences(tmp_path, "ADA@example.org") == Preferences(
        "WMDE", "Northern and Western Europe", "de"
    )
    assert load_preferences(tmp_path, "bob@example.org") == Preferences()
    assert load_preferences(tmp_path, None) == Preferences()  # the local user is someone else again
    [file] = tmp_path.iterdir()
    assert "ada" not in file.name and file == preferences_path(tmp_path, "ada@example.org")


def test_values_that_are_not_valid_are_never_stored_nor_used(tmp_path):
    save_preferences(tmp_path, LOCAL_USER, Preferences("\x1b[31mred", "Atlantis", "xx"))
    assert load_preferences(tmp_path, LOCAL_USER) == Preferences()
    path = preferences_path(tmp_path, LOCAL_USER)
    path.write_text(json.dumps({"affiliate": "WMFR", "region": "Atlantis", "language": "fr"}))
    assert load_preferences(tmp_path, LOCAL_USER) == Preferences("WMFR", None, "fr")
    for broken in ("{not json", "[1, 2]", json.dumps({"affiliate": "x" * 5000})):
        path.write_text(broken)
        assert load_preferences(tmp_path, LOCAL_USER) == Preferences()


def new_session(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return run(at)


def test_the_language_chosen_in_the_sidebar_is_the_next_visit_s_language(dataset):
    at = new_session()
    assert at.session_state["language"] == "en"
    at.sidebar.selectbox(key="sidebar_language").set_value("de")
    run(at)
    later = new_session()  # a new visit: no ?lang= in the URL, a new session
    assert later.session_state["language"] == "de"
    with using_language("de"):
        assert _("Recent results") in [h.value for h in later.subheader]
    assert new_session(lang="fr").session_state["language"] == "fr"  # a link's ?lang= still wins ...
    assert new_session().session_state["language"] == "de"  # ... without replacing the person's choice


def test_a_new_assessment_starts_with_the_affiliate_and_region_used_last(dataset):
    at = fill_context(open_page("assess"), affiliate="Wikimedia Österreich")
    assert at.session_state["assess_draft"] is not None  # saved: the context is remembered
    home = new_session()
    home.button(key="home_start").click()
    run(home)
    assert home.session_state["assess_affiliate"] == "Wikimedia Österreich"
    assert home.session_state["assess_region"] == "Northern and Western Europe"
    assert home.text_input(key="assess_affiliate").value == "Wikimedia Österreich"
    assert home.text_input(key="assess_partner_name").value == ""  # only affiliate and region
    stored = load_preferences(preferences_folder(dataset.assessments), LOCAL_USER)
    assert (stored.affiliate, stored.region) == ("Wikimedia Österreich", "Northern and Western Europe")


def test_preferences_live_in_the_configured_folder_else_hidden_in_the_assessments_folder(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("PARTNERFIT_PREFS")
    assert preferences_folder(tmp_path) == tmp_path / FOLDER
    monkeypatch.setenv("PARTNERFIT_PREFS", str(tmp_path / "elsewhere"))
    assert preferences_folder(tmp_path) == tmp_path / "elsewhere"
