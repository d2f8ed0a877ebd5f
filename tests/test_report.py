import html
import re

import pytest
from conftest import BASE_FRAMEWORK, write

from partnerfit.assessment import Assessment, Withdrawal
from partnerfit.catalog import load_frameworks
from partnerfit.conditions import negotiation_conditions
from partnerfit.report import ReportInput, escape_markdown, safe_link, to_html, to_markdown
from partnerfit.scoring import score_assessment

NASTY = '<script>alert(1)</script> **Bold** [x](javascript:alert(1)) =HYPERLINK("http://evil") | # Museum'


@pytest.fixture
def framework(tmp_path):
    write(tmp_path / "fw" / "base.yaml", BASE_FRAMEWORK)
    return load_frameworks(tmp_path / "fw").frameworks["base"]


def report_input(
    framework, *, evidence=("https://example.org/contract",), notes="Agreed <i>verbally</i> _only_", licence=0
) -> ReportInput:
    a = Assessment.model_validate(
        {
            "id": "report-test",
            "framework": {"id": "base", "version": "1.0.0"},
            "partner": {"name": NASTY, "country": "FR"},
            "affiliate": "Wikimédia France",
            "region": "South Asia",
            "partnership_type": "content",
            "status": "final",
            "summary": "Line one\n# not a heading",
            "answers": {
                "licence-fit": {"level": licence, "notes": notes, "evidence": list(evidence)},
                "pd-respect": {"level": 2},
                "retention": {"level": 1},
            },
        }
    )
    score = score_assessment(framework, a)
    return ReportInput(
        framework,
        a,
        score,
        negotiation_conditions(framework, a),
        basis_note="No snapshot.",
        link="http://localhost:8501/result?id=report-test",
    )


def test_escape_markdown_leaves_no_markup():
    escaped = escape_markdown("*a* _b_ [c](d) <e> # f | g `h` $i$")
    assert not re.search(r"(?<!\\)[*_\[\]()<>#|`$]", escaped)


def test_escape_markdown_for_files_is_lighter_but_still_literal():
    text = "*a* _b_ [c](javascript:d) <e> f | g `h` ~~i~~ &amp; version 1.0.0 (draft)"
    escaped = escape_markdown(text, streamlit=False)
    assert not re.search(r"(?<!\\)[*_\[\]<>|`~&]", escaped)
    assert "version 1.0.0 (draft)" in escaped  # nothing there can start markup mid-line
    for line, expected in [
        ("- not a list", "\\- not a list"),
        ("3. not a list", "3\\. not a list"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("=== not a heading line", "\\=== not a heading line"),
    ]:
        assert escape_markdown(line, streamlit=False) == expected


def test_safe_link_accepts_only_http_and_https():
    assert safe_link("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_link("HTTP://example.org") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//example.org",
        "https://",
        "https://a.org/ x",
        "ftp://a.org",
    ):
        assert safe_link(bad) is None, bad


def test_safe_link_percent_encodes_markup_characters_instead_of_dropping_the_link():
    assert (
        safe_link("https://fr.wikipedia.org/wiki/Musée_d'Orsay")
        == "https://fr.wikipedia.org/wiki/Musée_d%27Orsay"
    )
    assert safe_link('https://a.org/<x>"`') == "https://a.org/%3Cx%3E%22%60"


def test_markdown_escapes_the_partner_name_and_notes(framework):
    text = to_markdown(report_input(framework))
    assert "<script>" not in text and "<i>" not in text
    assert escape_markdown(NASTY, streamlit=False) in text
    assert "\\_only\\_" in text
    assert "\n\\# not a heading" in text


def test_html_escapes_the_partner_name_and_notes(framework):
    page = to_html(report_input(framework))
    assert "<script>" not in page and "<i>verbally" not in page
    assert html.escape(NASTY) in page
    assert page.startswith("<!DOCTYPE html>")


def test_reports_include_conditions_and_red_line_reason(framework):
    data = report_input(framework)
    assert data.conditions and data.conditions[0].criterion_id == "licence-fit"
    for text in (to_markdown(data), to_html(data)):
        assert "Decline, or the partner must change:" in text  # blocked: not "conditions to agree"
        assert "Conditions to agree with the partner" not in text
        assert "Blocked by a red line" in text
        assert "Non" in text and "free terms for material meant for the projects" in text
        assert "Strong" in text  # the level to reach


def test_evidence_links_only_if_http(framework):
    data = report_input(framework)
    answer = data.assessment.answers["licence-fit"]
    # bypass the model's URL check to make sure the report does not rely on it
    object.__setattr__(answer, "evidence", ["https://example.org/contract", "javascript:alert(1)"])
    markdown, page = to_markdown(data), to_html(data)
    assert "<https://example.org/contract>" in markdown
    assert 'href="https://example.org/contract"' in page
    assert "<javascript" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)  # the name's "[x](javascript:...)" is escaped
    assert 'href="javascript' not in page and "javascript:alert(1)<" not in page


def test_an_evidence_link_with_an_apostrophe_is_kept_in_both_reports(framework):
    data = report_input(framework, evidence=("https://fr.wikipedia.org/wiki/Musée_d'Orsay",))
    assert "<https://fr.wikipedia.org/wiki/Musée_d%27Orsay>" in to_markdown(data)
    assert 'href="https://fr.wikipedia.org/wiki/Musée_d%27Orsay"' in to_html(data)


def test_report_without_conditions_says_so(framework):
    data = report_input(framework, licence=4)
    data.conditions = [c for c in data.conditions if c.criterion_id == "nothing"]
    assert "nothing to negotiate" in to_markdown(data)


def test_a_withdrawn_assessment_says_so_with_its_reason_and_in_the_language(framework):
    data = report_input(framework)
    withdrawal = {"reason": "A test entry", "by": "coord@example.org", "date": "2026-11-02"}
    data.assessment = data.assessment.model_copy(
        update={"status": "withdrawn", "withdrawal": Withdrawal.model_validate(withdrawal)}
    )
    data.language = "fr"
    page = to_html(data)
    assert "<strong>Retirée</strong> : le 2 nov. 2026 par coord@example.org : A test entry" in page.replace(
        "\u00a0", " "
    )
    assert "<td>Statut</td><td>retirée</td>" in page


def test_a_result_finalised_below_the_minimum_gives_the_coordinators_reason(framework):
    data = report_input(framework)
    data.assessment = data.assessment.model_copy(update={"completeness_override": "Board meets tomorrow"})
    page = to_html(data)
    assert "below the framework&#x27;s minimum completeness. Reason given: Board meets tomorrow" in page
    assert "Board meets tomorrow" not in to_html(report_input(framework))
