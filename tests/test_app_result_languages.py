"""The Result and Frameworks pages in French and German: their own headings, labels and charts translated."""

from __future__ import annotations

import re

import pytest
from result_compare_fixtures import app_for, assert_no_exception, chart_specs, texts, write_collection
from ui_fixtures import dataset, open_page, run  # noqa: F401 (fixtures)

from partnerfit.i18n import _, using_language

LANGUAGES = ["fr", "de"]


SAME_IN = {("fr", "Scores")}  # the same word in both languages


def translated(language: str, message: str) -> str:
    with using_language(language):
        shown = _(message)
    assert shown != message or (language, message) in SAME_IN, f"{message!r} has no {language} translation"
    return shown


@pytest.fixture
def collection(tmp_path):
    return write_collection(tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_result_page_speaks_the_language(monkeypatch, collection, language):
    at = app_for(monkeypatch, *collection, "result", {"id": "aligned-001", "lang": language})
    assert_no_exception(at)
    assert at.title[0].value == translated(language, "Result")
    subheaders = [s.value for s in at.subheader]
    for heading in ("Why", "Scores", "Next to other assessments", "Answers", "Sharing and history", "Share"):
        assert translated(language, heading) in subheaders
    assert at.metric[0].label == translated(language, "Overall score")
    assert at.table[0].value.index.name == translated(language, "Criterion")
    chart_titles = {str(spec.get("title")) for spec in chart_specs(at)}
    assert translated(language, "Dimension scores of this assessment") in chart_titles
    assert translated(language, "This partner’s assessments over time") in chart_titles
    locales = [spec["config"]["locale"] for spec in chart_specs(at)]  # axes: '1 000,5', 'janv. 2025'
    assert all(locale["number"]["decimal"] == "," for locale in locales)
    assert {locale["time"]["shortMonths"][0] for locale in locales} == {
        {"fr": "janv.", "de": "Jan"}[language]
    }
    assert {b.label for b in at.download_button} >= {translated(language, "Report (Markdown)")}
    shown = texts(at)
    assert "Recommendation:" not in shown and "Overall score" not in shown


def test_result_dates_and_numbers_follow_the_language(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "cond-00001", "lang": "de"})
    assert_no_exception(at)
    assert "01\\.09\\.2024" in at.caption[0].value  # the assessment's date, as German writes it
    assert re.search(r"\+\d+,\d Punkte im Gesamtwert", texts(at))  # a decimal comma


@pytest.mark.parametrize("language", LANGUAGES)
def test_frameworks_page_speaks_the_language(dataset, language):  # noqa: F811
    at = run(open_page("frameworks", lang=language))
    assert_no_exception(at)
    assert at.title[0].value == translated(language, "Frameworks")
    assert at.selectbox(key="frameworks_choice").label == translated(language, "Framework")
    assert [t.label for t in at.tabs][-1] == translated(language, "Scale, bands and types")
    shown = texts(at)
    assert translated(language, "**Recommendation bands**") in shown
    assert "A framework is the set of questions" not in shown
