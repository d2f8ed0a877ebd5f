"""The app on either store: history and restore on Result, a conflict that shows what the other person changed,
and every page running on the PostgreSQL store."""

from __future__ import annotations

import pytest
from conftest import same
from ui_fixtures import literal, open_page, run, texts, write_assessments, write_frameworks

from partnerfit.i18n import _, using_language
from partnerfit.store import open_store
from partnerfit.store.database import import_folder


def history_table(at):
    return next(d.value for d in at.dataframe if "Revision" in d.value.columns)


@pytest.fixture(params=["folder", "postgres"])
def app_store(request, tmp_path, monkeypatch):
    """The small app data set (a final, a draft, a broken file) in a folder or imported into PostgreSQL."""
    frameworks = write_frameworks(tmp_path / "frameworks")
    assessments = write_assessments(tmp_path / "assessments")
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(frameworks))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(assessments))
    if request.param == "folder":
        monkeypatch.delenv("PARTNERFIT_DATABASE_URL", raising=False)
        return open_store(assessments)
    url = request.getfixturevalue("database_url")
    (assessments / "broken.yaml").unlink()
    assert not import_folder(url, assessments).errors
    monkeypatch.setenv("PARTNERFIT_DATABASE_URL", url)
    return open_store(url=url)


def test_result_lists_the_history_and_restores_an_earlier_revision(app_store):
    draft = app_store.get("draft01")
    app_store.save(draft.model_copy(update={"summary": "second thoughts"}), author="bob@example.org")
    at = open_page("result", id="draft01")
    history = history_table(at)
    assert list(history["Revision"])[:2] == [draft.revision + 1, draft.revision]
    assert history["Who"].iloc[0] == "bob@example.org"
    assert "summary: – → second thoughts" in history["What changed"].iloc[0]

    at.selectbox(key="result_restore_choice").set_value(draft.revision)
    run(at)
    at.button(key="result_restore").click()
    run(at)
    restored = app_store.get("draft01")
    assert restored.revision == draft.revision + 2 and restored.summary is None
    assert history_table(at)["What"].iloc[0] == "restored"


def test_a_final_result_shows_its_history_but_offers_no_restore(app_store):
    at = open_page("result", id="final01")
    assert len(history_table(at)) >= 1
    assert "result_restore_choice" not in [s.key for s in at.selectbox]
    assert "A final assessment is frozen" in texts(at)


def test_a_stale_save_shows_what_the_other_person_changed_and_overwrites_nothing(app_store):
    at = open_page("assess", id="draft01")
    theirs = app_store.get("draft01")
    theirs = app_store.save(theirs.model_copy(update={"summary": "Someone else's edit"}), author="bob")
    at.radio(key="assess_level__licence-fit").set_value(4)
    run(at)
    shown = texts(at)
    assert "Not saved: someone else changed this draft." in shown
    assert "What the other person changed" in shown and literal("summary: – → Someone else's edit") in shown
    assert same(app_store.get("draft01"), theirs)
    at.button(key="assess_conflict_reload").click()
    run(at)
    assert same(at.session_state["assess_draft"], theirs)


@pytest.mark.parametrize("page", ["home", "assess", "result", "compare", "frameworks"])
def test_every_page_runs_on_the_database(page, database_url, tmp_path, monkeypatch):
    assessments = write_assessments(tmp_path / "assessments")
    (assessments / "broken.yaml").unlink()
    import_folder(database_url, assessments)
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(write_frameworks(tmp_path / "frameworks")))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(tmp_path / "no-such-folder"))
    monkeypatch.setenv("PARTNERFIT_DATABASE_URL", database_url)
    at = open_page(page, **({"id": "final01"} if page == "result" else {}))
    shown = texts(at)
    if page == "result":
        assert "Example Museum" in shown and "Recommendation:" in shown
    if page == "compare":
        assert "Example Museum" in set(at.dataframe[0].value["Partner"])
    if page == "home":
        assert "Musée du Louvre" in shown


def test_a_database_that_is_down_is_a_clear_message_not_a_traceback(tmp_path, monkeypatch):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(write_frameworks(tmp_path / "frameworks")))
    monkeypatch.setenv(
        "PARTNERFIT_DATABASE_URL", f"postgresql+psycopg://x@127.0.0.1:{port}/none?connect_timeout=2"
    )
    at = open_page("compare")
    assert "The assessments cannot be loaded right now" in texts(at)
    with using_language("fr"):
        french = _("The assessments cannot be loaded right now. Try again in a moment.")
    assert french.startswith("Les ") and french in texts(open_page("compare", lang="fr"))


def test_compare_shows_the_same_on_both_stores_and_follows_a_save(app_store):
    at = open_page("compare", status="all")
    table = at.dataframe[0].value
    assert set(table["Partner"]) >= {"Example Museum"}
    assert [m.value for m in at.metric][0] == str(len(table))
    final = next(r for r in app_store.load_all().records if r.status == "final")
    app_store.withdraw(final.id, reason="called off")
    again = open_page("compare", status="all")
    assert len(again.dataframe[0].value) == len(table) - 1  # the database's scores were refreshed, not cached


def test_the_compare_csv_holds_every_matching_row_on_both_stores(app_store, monkeypatch):
    from result_compare_fixtures import MediaCapture

    capture = MediaCapture(monkeypatch)
    at = open_page("compare", status="all")
    csv = capture.content(at.download_button(key="compare_download_csv")).decode()
    lines = csv.strip().splitlines()
    assert lines[0].startswith("id,partner,affiliate,region")
    assert len(lines) == 1 + len(at.dataframe[0].value)
