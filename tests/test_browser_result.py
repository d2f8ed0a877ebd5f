"""The Result page in a real browser on a 390 px phone, in French: nothing runs off the screen, and the score
chart keeps room for its bars next to long French dimension names."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from test_browser import CHROMIUM, CHROMIUM_ARGS, served_app

pytestmark = pytest.mark.browser

SAMPLE = "museo-regional-de-valparaiso-norte-a764615a9fc6.yaml"  # final, ten dimensions, with a history
SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture
def shipped_app(tmp_path: Path) -> Iterator[str]:
    """The app on the shipped framework (with its French texts) and one sample assessment."""
    assessments = tmp_path / "assessments"
    assessments.mkdir()
    shutil.copy(ROOT / "assessments" / "samples" / SAMPLE, assessments / SAMPLE)
    with served_app(ROOT / "frameworks", assessments, tmp_path / "streamlit.log") as url:
        yield url


# The widest bar of the score chart, in px (Streamlit draws Vega charts as SVG; bars are paths of a rect mark).
WIDEST_BAR = """chart => Math.max(0, ...Array.from(chart.querySelectorAll('g.mark-rect path'))
  .map(bar => bar.getBoundingClientRect().width))"""


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (`make browser-deps` installs it)"
)
def test_result_in_french_on_a_phone(shipped_app: str):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 4000})
            page.goto(f"{shipped_app}/result?id=a764615a9fc6&lang=fr")
            expect(page.get_by_role("heading", name="Face aux autres évaluations")).to_be_visible(
                timeout=60_000
            )
            chart = page.locator("[data-testid='stVegaLiteChart']").first
            expect(chart.locator("svg")).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1500)  # the chart's first paint
            SCREENSHOTS.mkdir(exist_ok=True)
            chart.screenshot(path=str(SCREENSHOTS / "result-fr-390-scores.png"))
            page.screenshot(path=str(SCREENSHOTS / "result-fr-390.png"))
            # A fixed 260 px for the names left the bars next to no width on a phone: the best score here (96)
            # had a ~60 px bar. Now the names take a third of the width and a 96 spans most of the rest.
            assert chart.evaluate(WIDEST_BAR) > 150
            wide = page.evaluate(
                "Array.from(document.querySelectorAll('[data-testid=stMain] *'))"
                ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                " && !e.closest('[data-testid=stTable], [data-testid=stDataFrame], pre, code'))"
                ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
            )
            assert wide == [], f"runs off a 390 px screen: {wide}"
            expect(page.get_by_text("Réévaluer ce partenaire (nouveau brouillon)")).to_be_visible()
        finally:
            browser.close()
