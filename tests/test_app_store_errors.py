# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""Store failures in the app (issue 15): a full disk during autosave or Finalise is a clear error, never a
traceback, and the draft stays as it was; a hand edit is a conflict; uploads go through the store; a rebuilt
index is said once."""

from __future__ import annotations

import errno

import yaml
from ui_fixtures import dataset, literal, open_page, run, texts  # noqa: F401 (fixtures)

from partnerfit.store import CACHE_DIR
from partnerfit.store import folder as store_module


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def errors(at) -> str:
    return "\n".join(e.value for e in at.error)


def test_autosave_on_a_full_disk_says_so_and_keeps_the_answer(dataset, monkeypatch):
    file = dataset.assessments / "louvre-draft01.yaml"
    before = file.read_text()
    at = open_page("assess", id="draft01")
    monkeypatch.setattr(store_module, "write_atomically", disk_full)
    at.radio(key="assess_level__licence-fit").set_value(4)
    run(at)
    assert not at.exception
    assert literal("louvre-draft01.yaml could not be saved: No space left on device") in errors(at)
    assert at.session_state["assess_draft"].answers["licence-fit"].level == 4  # nothing typed is lost
    assert file.read_text() == before


def test_finalise_on_a_full_disk_says_so_and_the_draft_stays(dataset, monkeypatch):
    file = dataset.assessments / "louvre-draft01.yaml"
    at = open_page("assess", id="draft01")
    at.radio(key="assess_level__licence-fit").set_value(3)
    at.radio(key="assess_level__pd-respect").set_value(4)
    run(at)
    while "assess_finalise" not in [b.key for b in at.button]:
        at.button(key="assess_next").click()
        run(at)
        if "assess_level__retention" in [r.key for r in at.radio]:
            at.radio(key="assess_level__retention").set_value(3)
    run(at)
    before = file.read_text()
    draft = at.session_state["assess_draft"]
    monkeypatch.setattr(store_module, "write_atomically", disk_full)
    at.button(key="assess_finalise").click()
    run(at)
    assert not at.exception
    assert "The assessment could not be finalised." in errors(at)
    assert "No space left on device" in texts(at)
    assert at.session_state["assess_draft"] == draft
    assert yaml.safe_load(file.read_text())["status"] == "draft"
    assert file.read_text() == before


def test_a_hand_edit_after_opening_is_a_conflict_in_the_app(dataset):
    file = dataset.assessments / "louvre-draft01.yaml"
    at = open_page("assess", id="draft01")
    edited = file.read_text().replace("level: 2", "level: 0")  # same revision, as a merge would leave it
    file.write_text(edited)
    at.radio(key="assess_level__licence-fit").set_value(4)
    run(at)
    assert "Not saved: someone else changed this draft." in texts(at)
    assert file.read_text() == edited


def upload(at, name: str, text: str):
    at.get("file_uploader")[0].set_value((name, text.encode("utf-8"), "application/yaml"))
    return run(at)


def test_an_uploaded_draft_is_added_exactly_as_sent(dataset):
    from conftest import assessment_yaml

    before = set(dataset.assessments.glob("*.yaml"))
    at = upload(open_page("home"), "sent.yaml", assessment_yaml(id="sent0002", revision="5"))
    at.button(key="home_add_upload").click()
    run(at)
    [added] = set(dataset.assessments.glob("*.yaml")) - before
    assert yaml.safe_load(added.read_text())["revision"] == 5
    assert not at.exception


def test_an_upload_whose_file_name_is_taken_is_refused_by_the_store(dataset):
    from conftest import assessment_yaml

    at = upload(open_page("home"), "sent.yaml", assessment_yaml(id="sent0003"))
    taken = dataset.assessments / "example-museum-sent0003.yaml"
    taken.write_text("notes someone keeps here\n")  # appears after the page was shown
    at.button(key="home_add_upload").click()
    run(at)
    assert "It was not added." in errors(at)
    assert "already exists; nothing was overwritten" in texts(at)
    assert taken.read_text() == "notes someone keeps here\n"


def test_a_rebuilt_index_is_said_once(dataset):
    open_page("home")  # builds the index
    (dataset.assessments / CACHE_DIR / "index.sqlite").write_bytes(b"not a database" * 50)
    (dataset.assessments / "touch.yaml").write_text("schema: 1\n")  # a new folder state: the cache reloads
    at = open_page("home")
    toasts = [t.value for t in at.toast]
    assert toasts == [
        "The assessments index was rebuilt (its file was damaged). This start was slower; the next one will be fast."
    ]
    run(at)
    assert not at.toast
