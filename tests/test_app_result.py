"""The Result page under AppTest: recommendation and why, charts next to others, conditions, downloads."""

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, write
from result_compare_fixtures import (
    NASTY_NAME,
    MediaCapture,
    app_for,
    assert_no_exception,
    chart_rows,
    chart_specs,
    texts,
    write_collection,
)

from partnerfit.charts import CURRENT_LABEL, OTHERS_LABEL
from partnerfit.i18n import gettext, using_language
from partnerfit.report import escape_markdown
from partnerfit.store import AssessmentStore


@pytest.fixture
def collection(tmp_path):
    return write_collection(tmp_path)


def result(monkeypatch, collection, assessment_id=None):
    query = {"id": assessment_id} if assessment_id else None
    return app_for(monkeypatch, *collection, "result", query)


def test_known_assessment_renders_recommendation_scores_and_charts(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    assert_no_exception(at)
    shown = texts(at)
    assert "Recommendation: Aligned" in shown
    assert at.metric[0].value == "94 / 100"  # (100 x 3 + 75 x 1) / 4
    specs = chart_specs(at)
    titles = [spec.get("title") for spec in specs]
    assert "Dimension scores of this assessment" in titles
    assert any(str(t).startswith("This assessment among") for t in titles)
    assert "This partner’s assessments over time" in titles


def test_current_assessment_is_highlighted_in_the_comparison_data(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    at.segmented_control(key="result_group").set_value("all").run()
    assert_no_exception(at)
    spec = next(s for s in chart_specs(at) if str(s.get("title", "")).startswith("This assessment among"))
    current = [r for r in chart_rows(spec) if r.get("group") == CURRENT_LABEL]
    others = [r for r in chart_rows(spec) if r.get("group") == OTHERS_LABEL]
    assert {r["dimension"]: r["score"] for r in current} == {
        "Overall": 93.8,
        "Openness": 100.0,
        "Privacy": 75.0,
    }
    assert {r["partner"] for r in others} >= {"Closed Archive", "Halfway Library"}  # finals of the same base
    assert "Data Institute" not in {r["partner"] for r in others}  # a draft: only with "Include drafts"


def test_partner_history_shows_the_older_assessment_of_the_same_partner(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    spec = next(s for s in chart_specs(at) if s.get("title") == "This partner’s assessments over time")
    points = [r for r in chart_rows(spec) if "group" in r]
    assert sorted((r["group"], r["overall"]) for r in points) == [(OTHERS_LABEL, 43.8), (CURRENT_LABEL, 93.8)]


def linked_marks(spec) -> list[dict]:
    """The layers of a chart whose marks link somewhere (an ``href`` encoding)."""
    return [layer for layer in spec.get("layer", [spec]) if "href" in layer.get("encoding", {})]


def test_chart_marks_that_stand_for_one_assessment_open_its_result_in_the_language(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "aligned-001", "lang": "de"})
    assert_no_exception(at)

    with using_language("de"):
        others_label, current_label = gettext(OTHERS_LABEL), gettext(CURRENT_LABEL)
    specs = chart_specs(at)
    history = next(s for s in specs if "group" in str(s) and any(linked_marks(s)) and "temporal" in str(s))
    [points] = linked_marks(history)
    assert points["mark"]["type"] == "point" and points["encoding"]["href"]["field"] == "href"
    older = [r for r in chart_rows(history) if r.get("group") == others_label]
    assert older and all(r["href"].startswith("result?id=") and r["href"].endswith("&lang=de") for r in older)
    assert {r["href"] for r in older} != {
        r["href"] for r in chart_rows(history) if r.get("group") == current_label
    }
    among = [s for s in specs if s is not history and linked_marks(s)]
    assert among, "the comparison chart's points of other assessments link to their Results"
    others = [r for r in chart_rows(among[0]) if r.get("group") == others_label]
    assert others and all(r["href"].startswith("result?id=") for r in others)
    assert all(r["href"] == "" for r in chart_rows(among[0]) if r.get("group") == current_label)


def test_blocked_assessment_shows_red_line_reason_and_conditions(monkeypatch, collection):
    at = result(monkeypatch, collection, "blocked-001")
    assert_no_exception(at)
    shown = texts(at)
    assert "Blocked by a red line" in shown
    assert escape_markdown("Non-free terms for material meant for the projects") in shown
    assert "Red line hit" in shown
    conditions = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert (
        conditions and escape_markdown("Will the material be released under a free licence?") in conditions[0]
    )


def test_conditions_follow_the_level_to_reach(monkeypatch, collection):
    at = result(monkeypatch, collection, "cond-00001")

    def listed():
        return [m.value for m in at.markdown if m.value[:2] == "**" and ". " in m.value[:6]]

    assert len(listed()) == 2  # pd-respect 1 and retention 2 are below 3 'Strong'
    at.segmented_control(key="result_target").set_value(4).run()
    assert len(listed()) == 3
    assert "Aim for" in texts(at)


def test_downloads_yaml_and_escaped_reports(monkeypatch, collection):
    capture = MediaCapture(monkeypatch)
    at = result(monkeypatch, collection, "nasty-0001")
    assert_no_exception(at)
    buttons = {b.key: b for b in at.download_button}
    assert set(buttons) == {
        "result_download_yaml",
        "result_download_markdown",
        "result_download_html",
        "partner_file_csv",  # the partner's questionnaire (tests/test_app_partner_view.py)
        "partner_file_yaml",
    }
    yaml_text = capture.content(buttons["result_download_yaml"]).decode()
    assert yaml_text == (collection[1] / "nasty.yaml").read_text()
    markdown = capture.content(buttons["result_download_markdown"]).decode()
    page = capture.content(buttons["result_download_html"]).decode()
    assert escape_markdown(NASTY_NAME, streamlit=False) in markdown and "<b>" not in markdown
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page and "<b>Bold" not in page
    assert "Conditions to agree with the partner" in markdown


def test_partner_name_with_markup_is_shown_literally(monkeypatch, collection):
    at = result(monkeypatch, collection, "nasty-0001")
    assert at.header[0].value == escape_markdown(NASTY_NAME)


def test_link_to_this_result(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    assert any(code.value.endswith("/result?id=aligned-001") for code in at.code)


def test_criterion_table_with_notes_and_evidence(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    answers = at.table[0].value  # the first dimension's answers, one row per criterion
    row = answers.loc["Will the material be released under a free licence?"]
    # st.table renders Markdown in its cells: what a team typed is escaped, so it shows literally
    assert (row["Level"], row["Notes"]) == ("4 Exemplary", escape_markdown("Signed <i>contract</i>"))
    assert row["Details"] == "weight 2 · red line · 1 evidence link"
    assert list(at.dataframe[0].value["Link"]) == ["https://example.org/contract"]


def test_answers_are_shown_whole_not_cut_at_a_column_width(monkeypatch, tmp_path):
    """A data grid cuts long text at its column's width; the answers are a static table that wraps it."""
    frameworks, assessments = write_collection(tmp_path, [])
    notes = "A long note. " * 40
    answers = f"{{licence-fit: {{level: 3, notes: '{notes.strip()}'}}}}"
    write(assessments / "long.yaml", assessment_yaml(id="long-00001", status="final", answers=answers))
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "long-00001"})
    assert_no_exception(at)
    assert not [d for d in at.dataframe if "Notes" in d.value.columns]  # no grid that would cut it
    table = at.table[0].value
    assert escape_markdown(notes.strip()) in list(table["Notes"])
    assert "Will the material be released under a free licence?" in table.index  # the criterion whole too


def test_an_evidence_link_with_an_apostrophe_is_listed_not_dropped(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, [])
    answers = "{licence-fit: {level: 4, evidence: ['https://fr.wikipedia.org/wiki/Musée_d''Orsay']}}"
    write(assessments / "orsay.yaml", assessment_yaml(id="orsay-0001", status="final", answers=answers))
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "orsay-0001"})
    assert_no_exception(at)
    assert list(at.dataframe[0].value["Link"]) == ["https://fr.wikipedia.org/wiki/Musée_d%27Orsay"]


def test_basis_note_for_a_final_assessment_without_snapshot(monkeypatch, collection):
    at = result(monkeypatch, collection, "aligned-001")
    assert "No snapshot of the framework" in texts(at)


def test_final_assessment_with_snapshot_has_no_basis_note(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned"])
    from partnerfit.catalog import load_frameworks

    digest = AssessmentStore(assessments).write_snapshot(load_frameworks(frameworks).get("base"))
    write(
        assessments / "aligned.yaml",
        assessment_yaml(
            id="aligned-001", status="final", framework=f'{{id: base, version: "1.0.0", digest: {digest}}}'
        ),
    )
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "aligned-001"})
    assert_no_exception(at)
    assert "No snapshot" not in texts(at)


def test_without_id_a_selectbox_opens_an_assessment(monkeypatch, collection):
    at = result(monkeypatch, collection)
    assert_no_exception(at)
    assert "Choose an assessment" in texts(at)
    at.selectbox(key="result_assessment").set_value("blocked-001").run()
    assert_no_exception(at)
    assert at.query_params["id"] == "blocked-001"
    assert "Blocked by a red line" in texts(at)
    at.selectbox(key="result_assessment").set_value(None).run()
    assert "id" not in at.query_params
    assert "Choose an assessment" in texts(at)


def test_unknown_id_says_so(monkeypatch, collection):
    at = result(monkeypatch, collection, "no-such-id")
    assert_no_exception(at)
    assert "not found or no access" in at.error[0].value


def test_unscorable_assessment_shows_its_problem(monkeypatch, collection):
    at = result(monkeypatch, collection, "lost-00001")
    assert_no_exception(at)
    shown = texts(at)
    assert "cannot be shown" in shown
    assert "missing" in shown


def test_empty_folder(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, [])
    at = app_for(monkeypatch, frameworks, assessments, "result")
    assert_no_exception(at)
    assert "There are no assessments" in at.info[0].value


def test_broken_file_is_listed_and_the_rest_works(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned", "older"])
    write(assessments / "broken.yaml", "schema: 1\nid: [unclosed\n")
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "aligned-001"})
    assert_no_exception(at)
    assert any("could not be read" in e.label for e in at.expander)
    assert any("broken.yaml" in c.value for c in at.code)
    assert "Recommendation: Aligned" in texts(at)


BILINGUAL = """\
schema: 1
id: mini
version: "1.0.0"
title: {en: Mini, fr: Mini}
languages: [en, fr]
scale:
  levels:
    - {value: 0, label: {en: "No", fr: Non}}
    - {value: 1, label: {en: "Yes", fr: Oui}}
bands:
  - {id: ok, min: 0, label: {en: OK, fr: OK}}
partnership_types:
  - {id: content, label: {en: Content, fr: Contenu}}
dimensions:
  - id: d
    title: {en: D, fr: D}
    criteria:
      - {id: q, question: {en: Q?, fr: Q ?}}
"""


def test_framework_texts_follow_the_language_with_english_fallback(monkeypatch, tmp_path):
    partly_french = BASE_FRAMEWORK.replace("label: Aligned}", "label: {en: Aligned, fr: Aligné}}").replace(
        "title: Openness\n", "title: {en: Openness, fr: Ouverture}\n"
    )
    frameworks, assessments = write_collection(tmp_path, ["aligned"])
    write(frameworks / "base.yaml", partly_french)
    write(frameworks / "mini.yaml", BILINGUAL)  # offers French in the language menu
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "aligned-001"})
    at.selectbox(key="sidebar_language").set_value("fr").run()
    assert_no_exception(at)
    assert "Recommandation\u00a0: Aligné" in texts(at)
    bars = next(s for s in chart_specs(at) if s.get("title") == "Scores par dimension de cette évaluation")
    dimensions = {r["dimension"] for r in chart_rows(bars) if r.get("dimension")}
    assert dimensions == {"Ouverture", "Privacy"}  # Privacy has no French title: English fallback
