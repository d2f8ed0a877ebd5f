# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""The Frameworks page under AppTest: browsing, what an overlay changes, broken files, language."""

from __future__ import annotations

from ui_fixtures import broken_only, dataset, empty_dataset, open_page, run, texts  # noqa: F401 (fixtures)


def choose(at, framework_id: str):
    at.selectbox(key="frameworks_choice").set_value(framework_id)
    return run(at)


def test_broken_framework_files_are_listed_with_file_place_and_message(dataset):
    at = open_page("frameworks")
    assert "1 framework file could not be loaded" in texts(at)
    [problems] = [block.value for block in at.code]
    assert (
        "frameworks/broken.yaml: version (line 3): version YAML read this as a number (1.0); put the text in quotes"
        in problems
    )
    assert "frameworks/broken.yaml: dimensions[0].weight (line 7): must be > 0" in problems
    # the server's folders are not shown: paths start at the data folder
    assert str(dataset.frameworks.parent) not in problems + texts(at)


def test_a_base_framework_shows_its_questions_scale_and_red_lines(dataset):
    at = choose(open_page("frameworks"), "base")
    shown = texts(at)
    assert "Base framework, version 1\\.0\\.0. Local versions of it: local 0\\.1\\.0" in shown
    assert "Openness · weight 3 (75%) · 2 questions" in shown
    assert ":red-badge[:material/block: red line at 0 or below]" in shown
    assert ":orange-badge[:material/lock: locked]" in shown
    assert "- **4 · Exemplary**: All CC BY\\-SA or freer" in shown
    assert "Red line: Non\\-free terms for material meant for the projects" in shown
    types = next(table.value for table in at.table if table.value.index.name == "Type")
    assert list(types.index) == ["Content donation", "Research and data"]


def test_an_overlay_shows_what_it_changes_relative_to_its_parent(dataset):
    at = choose(open_page("frameworks"), "local")
    shown = texts(at)
    assert "Local version of *Base values*: base 1\\.0\\.0 → local 0\\.1\\.0." in shown
    assert "New partnership type **Scanning project**, a kind of Content donation" in shown
    assert "*Is data kept only as long as needed?*: weight 1 → **2**" in shown
    assert (
        "*Will the material be released under a free licence?*: Ask for the archive\\'s licence register\\."
        in shown
    )
    assert ":violet-badge[changed by local]" in shown


def test_frameworks_page_follows_the_language_and_falls_back_to_english(dataset):
    at = open_page("frameworks")
    at.query_params["lang"] = "fr"
    at = choose(at, "tiny")
    assert "Petit cadre" in [h.value for h in at.header]
    assert "Seule dimension" in texts(at)
    at = choose(at, "base")
    assert "Base values" in [h.value for h in at.header]  # no French in this file: English


def test_frameworks_page_without_any_framework(broken_only):
    at = open_page("frameworks")
    assert "No framework is loaded" in texts(at)
    assert "broken.yaml: version (line 3)" in at.code[0].value


def test_frameworks_page_runs_on_an_empty_assessments_folder(empty_dataset):
    at = open_page("frameworks")
    assert "could not be loaded" not in texts(at)
