"""One real-browser test: Chromium, driven by Playwright, completes a short assessment and sees its result."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from ui_fixtures import write_assessments, write_frameworks

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.browser


def streamlit_command(port: int, *extra: str) -> list[str]:
    """The app served as in production, headless on a loopback port (the browser tests' one way to start it)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra,
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:  # noqa: S310 - http://127.0.0.1
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy within {timeout} s")


@contextlib.contextmanager
def served_app(frameworks: Path, assessments: Path, log_path: Path, *extra: str) -> Iterator[str]:
    """The app on a free loopback port, on these folders; its log in ``log_path``; stopped afterwards."""
    port = free_port()
    env = dict(os.environ, PARTNERFIT_FRAMEWORKS=str(frameworks), PARTNERFIT_ASSESSMENTS=str(assessments))
    with log_path.open("w") as log:
        process = subprocess.Popen(
            streamlit_command(port, *extra), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """The app on a free loopback port, on tmp copies of a small framework and two assessments."""
    frameworks = write_frameworks(tmp_path / "frameworks")
    assessments = write_assessments(tmp_path / "assessments")
    with served_app(frameworks, assessments, tmp_path / "streamlit.log") as url:
        yield url


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_a_team_completes_a_short_assessment_and_sees_its_result(app_url: str):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{app_url}/assess")
            expect(page.get_by_text("The partner", exact=True)).to_be_visible(timeout=30_000)

            def fill(label: str, text: str) -> None:
                """Type into a field; a rerun still in flight on a busy machine can reset it, so check it took."""
                field = page.get_by_label(label, exact=True)
                for _attempt in range(3):
                    field.fill(text)
                    field.press("Tab")
                    try:
                        expect(field).to_have_value(text, timeout=10_000)
                        return
                    except AssertionError:
                        continue
                expect(field).to_have_value(text)

            def choose(label: str, option: str) -> None:
                """Pick an option; a rerun still in flight can swallow the click, so check it took, once more."""
                box = page.get_by_role("combobox", name=label)
                for _attempt in range(3):
                    box.click()
                    page.get_by_role("option", name=option).click()
                    try:
                        expect(box).to_have_value(option, timeout=10_000)
                        return
                    except AssertionError:
                        page.keyboard.press("Escape")
                expect(box).to_have_value(option)

            fill("Partner name *", "Browser Test Museum")
            expect(
                page.get_by_text("No assessment of a partner with this or a similar name was found here")
            ).to_be_visible(timeout=30_000)
            fill("Your affiliate *", "Wikimedia Test")
            choose("Your Wikimedia region *", "North America")
            choose("Framework *", "Base values (v1.0.0)")
            expect(page.get_by_text("Base framework, version 1.0.0.")).to_be_visible(timeout=30_000)
            types = page.get_by_role("combobox", name="Partnership types *")
            expect(types).to_be_enabled(timeout=30_000)
            types.click()
            page.get_by_role("option", name="Content donation").click()
            page.keyboard.press("Escape")
            expect(page.get_by_text(re.compile("^Draft saved"))).to_be_visible(timeout=30_000)

            page.get_by_role("button", name="Next: Openness").click()
            expect(page.get_by_text("Will the material be released under a free licence?")).to_be_visible(
                timeout=30_000
            )
            page.get_by_text("All CC BY-SA or freer").click()
            page.get_by_text("Not applicable to this partnership").first.click()  # pd-respect: not a red line
            expect(page.get_by_text("2 of 3 questions answered")).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Next: Privacy").click()
            expect(page.get_by_text("Is data kept only as long as needed?")).to_be_visible(timeout=30_000)
            strong = page.get_by_text("3 · Strong")
            expect(strong).to_have_count(1, timeout=30_000)  # the previous step's options are gone
            strong.click()
            expect(page.get_by_text("3 of 3 questions answered")).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Next: Review").click()
            expect(page.get_by_text("Recommendation so far:")).to_be_visible(timeout=30_000)

            page.get_by_role("button", name="Finalise and see the result").click()
            expect(page).to_have_url(re.compile(r"/result\?id=[0-9a-f]{12}"), timeout=30_000)
            expect(page.get_by_text("Recommendation: Aligned").first).to_be_visible(timeout=30_000)
        finally:
            browser.close()


SCREENSHOTS = ROOT / "screenshots"


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_a_french_team_assesses_on_a_phone_and_sees_the_result_in_french(app_url: str):
    """390 px wide, ?lang=fr: the walk-through, the review and the result read in French, and a reload keeps
    the step. Screenshots of each stage land in screenshots/ (not in git) to look at."""
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)

            def shot(name: str) -> None:
                """The whole page: Streamlit scrolls inside its main block, so the window is made as tall as it."""
                page.wait_for_timeout(500)  # let the last rerun paint
                height = page.evaluate(
                    "document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 844"
                )
                page.set_viewport_size({"width": 390, "height": max(844, height)})
                page.screenshot(path=str(SCREENSHOTS / f"fr-390-{name}.png"), full_page=True)
                page.set_viewport_size({"width": 390, "height": 844})

            def fill(label: str, text: str) -> None:
                field = page.get_by_label(label, exact=True)
                for _attempt in range(3):
                    field.fill(text)
                    field.press("Tab")
                    try:
                        expect(field).to_have_value(text, timeout=10_000)
                        return
                    except AssertionError:
                        continue
                expect(field).to_have_value(text)

            def choose(label: str, option: re.Pattern) -> None:
                box = page.get_by_role("combobox", name=label)
                for _attempt in range(3):
                    box.click()
                    page.get_by_role("option", name=option).first.click()
                    try:
                        expect(box).to_have_value(option, timeout=10_000)
                        return
                    except AssertionError:
                        page.keyboard.press("Escape")
                expect(box).to_have_value(option)

            page.goto(f"{app_url}/assess?lang=fr")
            expect(page.get_by_text("Le partenaire", exact=True)).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Les champs marqués * sont obligatoires", exact=False)).to_be_visible()
            shot("1-context-empty")
            fill("Nom du partenaire *", "Musée d’essai de Lyon")
            expect(page.get_by_text(re.compile("^Aucune évaluation d’un partenaire"))).to_be_visible(
                timeout=30_000
            )
            fill("Votre affilié *", "Wikimédia France")
            choose("Votre région Wikimedia *", re.compile("Europe"))
            choose("Cadre *", re.compile("Petit cadre|Tiny"))
            types = page.get_by_role("combobox", name="Types de partenariat *")
            expect(types).to_be_enabled(timeout=30_000)
            types.click()
            page.get_by_role("option", name="Don de contenus").click()
            page.keyboard.press("Escape")
            expect(page.get_by_text(re.compile("^Brouillon enregistré"))).to_be_visible(timeout=30_000)
            shot("2-context-filled")

            page.get_by_role("button", name=re.compile("^Suivant")).click()
            expect(page.get_by_text("Est-ce du contenu ?")).to_be_visible(timeout=30_000)
            expect(page).to_have_url(re.compile(r"step=1"), timeout=30_000)
            page.get_by_text(re.compile(r"1 · Oui")).click()
            expect(page.get_by_text("1 sur 1 question avec réponse", exact=False)).to_be_visible(
                timeout=30_000
            )
            shot("3-step")
            dialogs = []

            def leave_after_a_moment(dialog) -> None:
                """A person reads "Leave site?" before choosing."""
                dialogs.append(dialog.type)
                time.sleep(1.5)
                dialog.accept()

            page.on("dialog", leave_after_a_moment)
            saved = page.get_by_text(re.compile(r"enregistré \(révision \d+\)"))
            before = saved.inner_text()
            notes = page.get_by_label("Notes (facultatif)")
            notes.click()
            notes.press_sequentially("Vu avec", delay=20)  # typed, the field still focused
            expect(saved).not_to_have_text(before, timeout=30_000)  # sent and saved after a pause in typing
            expect(notes).to_be_focused()  # without taking the field away from the person typing
            before = saved.inner_text()
            notes.press_sequentially(" la conservatrice", delay=20)  # typing goes on after the save
            expect(saved).not_to_have_text(before, timeout=30_000)
            expect(notes).to_have_value("Vu avec la conservatrice")
            page.reload()  # lands on the same step, with what was typed
            expect(page.get_by_text("Est-ce du contenu ?")).to_be_visible(timeout=30_000)
            expect(page.get_by_label("Notes (facultatif)")).to_have_value("Vu avec la conservatrice")
            assert dialogs == []  # nothing was left unsent, so leaving needed no question
            page.get_by_label("Notes (facultatif)").fill("Vu avec la conservatrice, à rappeler")
            page.reload()  # typed and left at once: the browser asks first
            expect(page.get_by_text("Est-ce du contenu ?")).to_be_visible(timeout=30_000)
            assert dialogs == ["beforeunload"]

            page.get_by_role("button", name=re.compile("^Suivant")).click()
            expect(page.get_by_text(re.compile("^Recommandation à ce stade"))).to_be_visible(timeout=30_000)
            shot("4-review")
            page.get_by_role("button", name="Finaliser et voir le résultat").click()
            expect(page).to_have_url(re.compile(r"/result\?.*lang=fr"), timeout=30_000)
            expect(page.get_by_text("Allez").first).to_be_visible(timeout=30_000)  # the band, in French
            shot("5-result")
            expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the result page is {width} px wide at 390 px: it scrolls sideways"
        finally:
            browser.close()
