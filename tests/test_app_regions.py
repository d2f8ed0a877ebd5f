# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""Region names in the visitor's language wherever the app offers or shows them (issue 14); files keep the ids."""

from __future__ import annotations

from ui_fixtures import dataset, open_page  # noqa: F401 (fixtures)

from partnerfit.assessment import REGIONS, region_label
from partnerfit.i18n import using_language


def test_the_region_choice_is_in_the_visitor_s_language_and_stores_the_id(dataset):
    at = open_page("assess", lang="de")
    box = at.selectbox(key="assess_region")
    with using_language("de"):
        assert box.options == [region_label(r) for r in REGIONS]
    assert "Nord- und Westeuropa" in box.options and "Northern and Western Europe" not in box.options
    # AppTest calls widgets' format_func in the test's thread, which has no session: give it the page's language
    with using_language("de"):
        box.select_index(REGIONS.index("Northern and Western Europe")).run()
    assert at.session_state["assess_region"] == "Northern and Western Europe"
