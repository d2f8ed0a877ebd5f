"""The Compare page under AppTest: filters, table, charts, CSV export, bad input."""

import pytest
from conftest import assessment_yaml, write
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


@pytest.fixture
def collection(tmp_path):
    return write_collection(tmp_path)


def compare(monkeypatch, collection, query=None):
    return app_for(monkeypatch, *collection, "compare", query)


def test_runs_and_lists_the_scored_assessments_of_the_base(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    assert_no_exception(at)
    table = at.dataframe[0].value
    assert len(table) == 5  # seven files, one cannot be scored (its framework is missing), one is a draft
    assert list(table.columns[:3]) == ["Overall", "Recommendation", "Partner"]
    assert {"Affiliate", "Region", "Type", "Date", "Result"} <= set(table.columns)
    assert "Blocked by a red line" in set(table["Recommendation"])
    assert "compared together, on the dimensions they all share" in texts(at)
    assert any("could not be scored" in e.label for e in at.expander)


def test_filters_change_the_row_count(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    at.multiselect(key="compare_regions").set_value(["South Asia"]).run()
    assert len(at.dataframe[0].value) == 2
    at.multiselect(key="compare_regions").set_value([]).run()
    at.multiselect(key="compare_statuses").set_value(["draft"]).run()
    assert list(at.dataframe[0].value["Partner"]) == ["Data Institute"]
    at.multiselect(key="compare_statuses").set_value([]).run()
    at.multiselect(key="compare_types").set_value(["content"]).run()
    assert len(at.dataframe[0].value) == 5
    assert_no_exception(at)


def test_period_filter(monkeypatch, collection):
    import datetime as dt

    at = compare(monkeypatch, collection)
    at.multiselect(key="compare_statuses").set_value([]).run()
    at.date_input(key="compare_period").set_value((dt.date(2025, 1, 1), dt.date(2025, 6, 1))).run()
    assert_no_exception(at)
    assert sorted(at.dataframe[0].value["Partner"]) == ["Closed Archive", "Data Institute", "Example Museum"]


def test_no_match_says_so(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    at.multiselect(key="compare_regions").set_value(["South Asia"]).run()
    at.multiselect(key="compare_statuses").set_value(["draft"]).run()
    assert_no_exception(at)
    assert "No assessment matches these filters" in at.warning[0].value


def test_charts_heatmap_distribution_and_trend(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    specs = {spec.get("title"): spec for spec in chart_specs(at)}
    heatmap = specs["Mean score by region and dimension"]
    scale = heatmap["layer"][1]["encoding"]["color"]["scale"]
    means = [r["mean"] for r in chart_rows(heatmap)]
    # scaled to the data around the band lines (50, 75), a diverging colour-blind-safe scheme
    assert scale["domain"] == [min(min(means), 49), 50, 75, max(max(means), 76)]
    assert scale["range"][0] != scale["range"][-1]
    cells = {(r["region"], r["dimension"]): (r["mean"], r["count"]) for r in chart_rows(heatmap)}
    assert cells[("South Asia", "Openness")][1] == 2
    assert "Spread of scores per dimension" in specs
    assert "Mean overall score per quarter" in specs
    at.toggle(key="compare_trend_by_region").set_value(True).run()
    assert_no_exception(at)
    trend = next(
        s for s in chart_specs(at) if str(s.get("title")).startswith("Mean overall score per quarter, by")
    )
    assert {r["panel"] for r in chart_rows(trend)} == {"NWE", "SA"}  # the Sub-Saharan one is a draft


def test_charts_follow_the_filters_back_and_forth(monkeypatch, collection):
    """Chart specs are cached on their data: a filter change, and undoing it, each show the right data."""

    def heatmap_regions(at) -> set[str]:
        specs = {spec.get("title"): spec for spec in chart_specs(at)}
        return {row["region"] for row in chart_rows(specs["Mean score by region and dimension"])}

    at = compare(monkeypatch, collection)
    everywhere = heatmap_regions(at)
    assert len(everywhere) > 1
    at.multiselect(key="compare_regions").set_value(["South Asia"]).run()
    assert heatmap_regions(at) == {"South Asia"}
    at.multiselect(key="compare_regions").set_value([]).run()
    assert heatmap_regions(at) == everywhere
    assert_no_exception(at)


def test_csv_download_neutralises_a_formula_partner_name(monkeypatch, collection):
    capture = MediaCapture(monkeypatch)
    at = compare(monkeypatch, collection)
    assert NASTY_NAME in set(at.dataframe[0].value["Partner"])  # shown as is in the table
    button = at.download_button(key="compare_download_csv")
    csv = capture.content(button).decode()
    assert "'=HYPERLINK" in csv
    assert "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv
    assert len(csv.strip().splitlines()) == 1 + 5


def test_csv_download_has_only_the_filtered_rows(monkeypatch, collection):
    capture = MediaCapture(monkeypatch)
    at = compare(monkeypatch, collection)
    at.multiselect(key="compare_statuses").set_value([]).run()
    at.multiselect(key="compare_regions").set_value(["Sub-Saharan Africa"]).run()
    csv = capture.content(at.download_button(key="compare_download_csv")).decode()
    assert len(csv.strip().splitlines()) == 2 and "Data Institute" in csv


def test_empty_folder(monkeypatch, tmp_path):
    at = app_for(monkeypatch, *write_collection(tmp_path, []), "compare")
    assert_no_exception(at)
    assert "nothing to compare" in at.info[0].value


def test_broken_file_is_listed_and_the_rest_is_compared(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned", "blocked"])
    write(assessments / "broken.yaml", "schema: 1\nid: x\nregion: Atlantis\n")
    at = app_for(monkeypatch, frameworks, assessments, "compare")
    assert_no_exception(at)
    assert any("could not be read" in e.label for e in at.expander)
    assert len(at.dataframe[0].value) == 2


def test_only_unscorable_assessments(monkeypatch, tmp_path):
    at = app_for(monkeypatch, *write_collection(tmp_path, ["unscorable"]), "compare")
    assert_no_exception(at)
    assert "nothing to compare" in at.info[0].value
    assert any("could not be scored" in e.label for e in at.expander)


def test_an_assessment_of_several_types_matches_a_filter_on_any_of_them(monkeypatch, tmp_path):
    from verdict_fixtures import VERDICT_FRAMEWORK

    write(tmp_path / "frameworks" / "verdict.yaml", VERDICT_FRAMEWORK)
    for case_id, types in (("case-a", "[events, funding]"), ("case-b", "[content]")):
        write(
            tmp_path / "assessments" / f"{case_id}.yaml",
            f'schema: 2\nid: {case_id}\nframework: {{id: verdict, version: "1.0.0"}}\npartner: {{name: P {case_id}}}\n'
            f"affiliate: A\nregion: North America\npartnership_types: {types}\nanswers: {{reader-data: {{level: 3}}}}\n",
        )
    at = app_for(monkeypatch, tmp_path / "frameworks", tmp_path / "assessments", "compare", {"status": "all"})
    assert_no_exception(at)
    assert sorted(at.dataframe[0].value["Type"]) == ["Content donation", "Events, Funding"]
    at.multiselect(key="compare_types").set_value(["funding"]).run()
    assert list(at.dataframe[0].value["Partner"]) == ["P case-a"]


def test_default_is_final_only_and_the_status_labels_are_words(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    assert at.multiselect(key="compare_statuses").value == ["final"]
    assert "Data Institute" not in set(at.dataframe[0].value["Partner"])  # the draft
    assert at.multiselect(key="compare_statuses").options == ["Final", "Draft"]
    assert at.multiselect(key="compare_sizes").options == ["One-off", "Project", "Long-term"]
    at.multiselect(key="compare_statuses").set_value([]).run()
    assert "Data Institute" in set(at.dataframe[0].value["Partner"])


def test_each_row_links_to_its_result_keeping_the_language(monkeypatch, collection):
    at = compare(monkeypatch, collection, {"lang": "fr"})
    table = at.dataframe[0].value
    links = dict(zip(table["Partenaire"], table["Résultat"], strict=True))
    assert links["Closed Archive"] == "result?id=blocked-001&lang=fr"


def test_filters_go_into_the_url_and_a_shared_link_restores_them(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    at.multiselect(key="compare_regions").set_value(["South Asia"]).run()
    at.text_input(key="compare_partner").set_value("halfway").run()
    assert (at.query_params["region"], at.query_params["q"], at.query_params["base"]) == (
        "South Asia",
        "halfway",
        "base",
    )
    assert "status" not in at.query_params  # the default (final) is not written
    shared = {"region": "South Asia", "status": "all", "q": "HALFWAY"}
    opened = compare(monkeypatch, collection, shared)
    assert_no_exception(opened)
    assert opened.multiselect(key="compare_regions").value == ["South Asia"]
    assert opened.multiselect(key="compare_statuses").value == []
    assert list(opened.dataframe[0].value["Partner"]) == ["Halfway Library"]


def test_a_stale_link_value_is_dropped_not_an_error(monkeypatch, collection):
    at = compare(monkeypatch, collection, {"region": "Atlantis", "from": "not-a-date"})
    assert_no_exception(at)
    assert at.multiselect(key="compare_regions").value == []


def test_partner_search_ignores_accents_and_case(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned"])
    for number in range(3):
        write(
            assessments / f"v{number}.yaml",
            assessment_yaml(
                id=f"valpo-{number:04d}", status="final", partner=f"{{name: Museo de Valparaíso {number}}}"
            ),
        )
    at = app_for(monkeypatch, frameworks, assessments, "compare")
    at.text_input(key="compare_partner").set_value("valparaiso").run()
    assert len(at.dataframe[0].value) == 3
    at.text_input(key="compare_partner").set_value("VALPARAÍSO museo").run()
    assert len(at.dataframe[0].value) == 3


def test_counts_by_band_and_red_lines_hit(monkeypatch, collection):
    at = compare(monkeypatch, collection)
    specs = {spec.get("title"): spec for spec in chart_specs(at)}
    bands = {r["label"]: r["count"] for r in chart_rows(specs["Assessments by recommendation"])}
    assert bands["Blocked by a red line"] == 1 and sum(bands.values()) == 5
    hits = {r["label"]: r["count"] for r in chart_rows(specs["Red lines hit"])}
    assert hits == {"Non-free terms for material meant for the projects": 1}


def test_incomplete_results_are_listed_but_left_out_of_means(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned"])
    write(
        assessments / "thin.yaml",
        assessment_yaml(
            id="thin-00001",
            status="final",
            partner="{name: Thin Museum}",
            answers="{licence-fit: {level: 1}}",
        ),
    )
    at = app_for(monkeypatch, frameworks, assessments, "compare")
    assert_no_exception(at)
    table = at.dataframe[0].value
    assert set(table["Partner"]) == {"Example Museum", "Thin Museum"}
    assert dict(zip(table["Partner"], table["Counted"], strict=True)) == {
        "Example Museum": True,
        "Thin Museum": False,
    }
    assert [m.value for m in at.metric][:2] == ["2", "1"]
    assert "below the minimum completeness" in texts(at)
    heatmap = next(s for s in chart_specs(at) if s.get("title") == "Mean score by region and dimension")
    assert {r["count"] for r in chart_rows(heatmap)} == {1}


def test_withdrawn_assessments_are_never_compared(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, ["aligned", "blocked"])
    text = (assessments / "blocked.yaml").read_text()
    (assessments / "blocked.yaml").write_text(
        text.replace("status: final", "status: withdrawn\nwithdrawal: {reason: called off, date: 2025-03-01}")
    )
    for query in ({}, {"status": "all"}):
        at = app_for(monkeypatch, frameworks, assessments, "compare", query)
        assert_no_exception(at)
        assert list(at.dataframe[0].value["Partner"]) == ["Example Museum"]


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "Comparer des évaluations"), ("de", "Bewertungen vergleichen")]
)
def test_compare_speaks_the_chosen_language(monkeypatch, collection, lang, words):
    at = compare(monkeypatch, collection, {"lang": lang})
    assert_no_exception(at)
    assert at.title[0].value == words
    shown = texts(at)
    assert "Compare assessments" not in shown and "Mean score by region and dimension" not in str(
        chart_specs(at)
    )
    assert at.multiselect(key="compare_regions").label != "Region" or lang == "de"
