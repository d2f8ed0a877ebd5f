"""The partner's view in a real browser: Chromium opens a partner link in French, answers a question and sends
it (the answer lands beside the affiliate's, the link is used up); and a returned questionnaire is uploaded on the
Result page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, assessment_yaml, write
from test_browser import CHROMIUM, CHROMIUM_ARGS, served_app

from partnerfit.partner_view import new_partner_link
from partnerfit.store import FolderStore

pytestmark = pytest.mark.browser
SECRET_NOTE = "Board member distrusts the museum"


def shipped_app(tmp_path: Path, assessments: Path):
    """The app on the shipped frameworks and these assessments."""
    return served_app(ROOT / "frameworks", assessments, tmp_path / "streamlit.log")


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_a_partner_answers_through_its_link_in_french(tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    assessments = tmp_path / "assessments"
    write(
        assessments / "musee.yaml",
        assessment_yaml(
            id="musee-0001",
            framework='{id: wikimedia-global, version: "2.0.0"}',
            partner="{name: Musée de la Mer, country: FR}",
            affiliate="Wikimédia France",
            partnership_type="events",
            size="one-off",
            answers="{free-licence: {level: 3, notes: " + SECRET_NOTE + "}}",
        ),
    )
    store = FolderStore(assessments)
    token, link = new_partner_link("musee-0001", created_by=None)
    store.create_partner_link(link)
    with shipped_app(tmp_path, assessments) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 900}, locale="fr-FR")
            page.goto(f"{url}/?partner={token}&lang=fr")
            expect(page.get_by_text("Wikimédia France", exact=False).first).to_be_visible(timeout=30_000)
            question = page.get_by_text("licence libre", exact=False).first
            expect(question).to_be_visible(timeout=30_000)
            assert SECRET_NOTE not in page.content()
            assert page.get_by_role("link", name="Compare").count() == 0  # no navigation to other pages
            expect(page.get_by_text("Votre réponse").first).to_be_visible(timeout=30_000)
            screenshots = ROOT / "screenshots"
            screenshots.mkdir(exist_ok=True)
            page.set_viewport_size({"width": 1024, "height": 2600})  # the app scrolls inside its main area
            page.wait_for_timeout(500)
            page.screenshot(path=str(screenshots / "partner-form-fr.png"), full_page=True)
            page.get_by_label("Votre nom et votre fonction (obligatoire)").fill(
                "Claire Dupont, conservatrice"
            )
            page.get_by_text("Exemplaire", exact=False).first.click()
            page.get_by_role("button", name="Envoyer mes réponses").click()
            expect(page.get_by_text("Vos réponses ont été envoyées à Wikimédia France.")).to_be_visible(
                timeout=30_000
            )
            page.screenshot(path=str(screenshots / "partner-form-sent-fr.png"), full_page=True)
        finally:
            browser.close()
    saved = store.get("musee-0001")
    assert saved.partner_view.answered_by == "Claire Dupont, conservatrice"
    assert list(saved.partner_view.answers.values())[0].level == 4
    assert saved.answers["free-licence"].notes == SECRET_NOTE
    assert store.partner_links("musee-0001")[0].used_at is not None


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_a_returned_questionnaire_is_uploaded_on_the_result_page_and_one_for_another_assessment_refused(
    tmp_path: Path,
):
    import yaml
    from playwright.sync_api import expect, sync_playwright

    from partnerfit.catalog import load_frameworks
    from partnerfit.questionnaire import build_questionnaire, to_yaml

    assessments = tmp_path / "assessments"
    for assessment_id, name in (("musee-0001", "Musée de la Mer"), ("autre-0001", "Autre Musée")):
        write(
            assessments / f"{assessment_id}.yaml",
            assessment_yaml(
                id=assessment_id,
                framework='{id: wikimedia-global, version: "2.0.0"}',
                partner=f"{{name: {name}, country: FR}}",
                affiliate="Wikimédia France",
                partnership_type="events",
                size="one-off",
                answers="{free-licence: {level: 3}}",
            ),
        )
    store = FolderStore(assessments)
    framework = load_frameworks(ROOT / "frameworks").get("wikimedia-global")
    for assessment_id in ("musee-0001", "autre-0001"):
        data = yaml.safe_load(to_yaml(build_questionnaire(store.get(assessment_id), framework, "en")))
        data["answered_by"] = "Claire Dupont"
        data["questions"][0]["level"] = 1
        write(tmp_path / f"{assessment_id}-back.yaml", yaml.safe_dump(data, allow_unicode=True))
    with shipped_app(tmp_path, assessments) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/result?id=musee-0001&lang=en")
            page.get_by_text("Questionnaire as a file", exact=True).click()
            upload = page.locator("input[type=file]")
            upload.set_input_files(str(tmp_path / "autre-0001-back.yaml"))
            page.get_by_role("button", name="Keep these answers as the partner's").click()
            expect(
                page.get_by_text("this questionnaire is for assessment autre-0001, not musee-0001")
            ).to_be_visible(timeout=30_000)
            upload.set_input_files(str(tmp_path / "musee-0001-back.yaml"))
            page.get_by_role("button", name="Keep these answers as the partner's").click()
            expect(page.get_by_text("were kept as the partner's")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Answered by Claire Dupont")).to_be_visible(timeout=30_000)
        finally:
            browser.close()
    assert store.get("musee-0001").partner_view.via == "file"
    assert store.get("autre-0001").partner_view is None
