"""A real-browser walk of the team flow: two assessors answer, the disagreement is flagged, a consensus recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, write
from test_browser import CHROMIUM, CHROMIUM_ARGS, served_app

from partnerfit.store import FolderStore

pytestmark = pytest.mark.browser
DRAFT_ID = "team-walk-01"


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    answers = "{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 2}}"
    write(tmp_path / "assessments" / "draft.yaml", assessment_yaml(id=DRAFT_ID, answers=answers))
    with served_app(tmp_path / "frameworks", tmp_path / "assessments", tmp_path / "streamlit.log") as url:
        yield url


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_two_assessors_disagree_and_the_team_records_a_consensus(app_url: str, tmp_path: Path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    question = "Will the material be released under a free licence?"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{app_url}/result?id={DRAFT_ID}")
            expect(page.get_by_role("heading", name="Team answers")).to_be_visible(timeout=30_000)

            def choose(label: str, option: str) -> None:
                box = page.get_by_role("combobox", name=label)
                for _attempt in range(5):  # a rerun still in flight on a busy machine can swallow a click
                    try:
                        box.click(timeout=10_000)
                        page.get_by_role("option", name=option).click(timeout=5_000)
                        expect(box).to_have_value(option, timeout=10_000)
                        return
                    except (AssertionError, PlaywrightTimeout):
                        page.keyboard.press("Escape")
                expect(box).to_have_value(option)

            def answer_as(name: str, level: str) -> None:
                field = page.get_by_label("Your name", exact=True)
                field.fill(name)
                field.press("Enter")
                expect(page.get_by_role("combobox", name=question)).to_have_value("no answer", timeout=30_000)
                choose(question, level)
                page.get_by_role("button", name="Save my answers").click()
                expect(page.get_by_text("Your answers were saved.")).to_be_visible(timeout=30_000)

            page.get_by_text("Answer as a team member", exact=True).click()
            answer_as("Alice", "1 · Weak")
            answer_as("Bob", "4 · Exemplary")
            expect(page.get_by_text("The median counts until the team agrees.")).to_be_visible(timeout=30_000)

            page.get_by_text("Record the consensus", exact=True).click()
            choose("Level the team agrees on", "4 · Exemplary")
            reason = page.get_by_label("Why (kept in the assessment and shown in the report)")
            reason.fill("The signed contract says CC BY-SA.")
            reason.press("Control+Enter")
            page.get_by_role("button", name="Save the consensus").click()
            expect(page.get_by_text("and agreed on 4 · Exemplary")).to_be_visible(timeout=30_000)
        finally:
            browser.close()
    stored = FolderStore(tmp_path / "assessments").get(DRAFT_ID)
    assert stored.team.answers == {"Alice": {"licence-fit": 1}, "Bob": {"licence-fit": 4}}
    assert stored.team.consensus["licence-fit"].reason == "The signed contract says CC BY-SA."
