"""One test per validation rule of framework files (issue 3, "Framework files"): each bad file is refused
with a message naming the file, the place (field path, and line) and the problem."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml
from conftest import BASE_FRAMEWORK, load_catalog

OVERLAY = """\
schema: 1
id: local
version: "0.1.0"
extends: base
title: Local specification
"""


def line_with(text: str, fragment: str) -> int:
    """1-based number of the first line of ``text`` containing ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def problems(tmp_path: Path, text: str, name: str = "f.yaml", others: dict | None = None) -> list[str]:
    """Problem lines reported for the file ``name`` (written with ``text``), loaded beside ``others``."""
    directory = tmp_path / "frameworks"
    catalog = load_catalog(directory, {name: text, **(others or {})})
    path = str(directory / name)
    return [line for line in catalog.problem_lines() if line.startswith(path + ": ")]


def only_problem(tmp_path: Path, text: str, **kwargs) -> str:
    found = problems(tmp_path, text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def base_with(old: str, new: str) -> str:
    assert old in BASE_FRAMEWORK, old
    return BASE_FRAMEWORK.replace(old, new, 1)


def test_the_base_fixture_is_valid(tmp_path):
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "local.yaml": OVERLAY})
    assert catalog.problem_lines() == []
    assert sorted(catalog.frameworks) == ["base", "local"]


# -- YAML itself ---------------------------------------------------------------------------------------------


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    text = base_with("title: Base values", "title: Base: values")
    message = only_problem(tmp_path, text)
    assert f"line {line_with(text, 'Base: values')}:" in message
    assert "YAML syntax error" in message
    assert f"column {len('title: Base') + 1}" in message


def test_python_object_tag_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "marker-created-by-payload"
    payload = f"title: !!python/object/apply:os.system [{shlex.quote('touch ' + shlex.quote(str(marker)))}]"
    # The payload is live: an unsafe loader runs it (in a throw-away copy) ...
    yaml.unsafe_load(payload)  # noqa: TID251 - on purpose: proves the payload would run
    assert marker.exists()
    marker.unlink()
    # ... but partnerfit refuses the file without running anything.
    text = base_with("title: Base values", payload)
    message = only_problem(tmp_path, text)
    assert not marker.exists()
    assert "python/object/apply:os.system" in message
    assert "tags are not allowed" in message
    assert f"line {line_with(text, 'os.system')}" in message


def test_duplicate_yaml_key_is_refused_not_silently_overwritten(tmp_path):
    text = BASE_FRAMEWORK + "title: Another title\n"
    message = only_problem(tmp_path, text)
    assert "duplicate key 'title'" in message
    assert f"line {line_with(text, 'Another title')}" in message


def test_duplicate_rubric_level_is_refused(tmp_path):
    text = base_with("2: Some free", "0: Some free")
    message = only_problem(tmp_path, text)
    assert "duplicate key 0" in message
    assert f"line {line_with(text, 'rubric:')}" in message


# -- missing and wrongly typed fields ------------------------------------------------------------------------


def test_missing_required_field(tmp_path):
    text = base_with("  - {id: aligned, min: 75, label: Aligned}", "  - {id: aligned, min: 75}")
    message = only_problem(tmp_path, text)
    assert f"bands[0].label (line {line_with(text, 'id: aligned')}): required field is missing" in message


def test_missing_top_level_field(tmp_path):
    message = only_problem(tmp_path, base_with('version: "1.0.0"\n', ""))
    assert "version (line 1): required field is missing" in message


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("    weight: 3", "    weight: heavy", "dimensions[0].weight"),
        ("    weight: 3", "    weight: true", "dimensions[0].weight"),
        ("        weight: 2", "        weight: [2]", "dimensions[0].criteria[0].weight"),
        ("{value: 4, label: Exemplary}", "{value: 4.5, label: Exemplary}", "scale.levels[4].value"),
        ("{id: aligned, min: 75,", "{id: aligned, min: high,", "bands[0].min"),
        ("title: Base values", "languages: en\ntitle: Base values", "languages"),
        ("  - {id: content, label: Content donation}", "  - content", "partnership_types[0]"),
    ],
)
def test_wrongly_typed_field(tmp_path, old, new, place):
    text = base_with(old, new)
    message = only_problem(tmp_path, text)
    assert f": {place} (line {line_with(text, new.splitlines()[0].strip())}): " in message


def test_boolean_red_line_level_is_refused(tmp_path):
    text = base_with("at_or_below: 0,", "at_or_below: false,")
    message = only_problem(tmp_path, text)
    assert "dimensions[0].criteria[0].red_line.at_or_below" in message


def test_boolean_rubric_key_is_refused(tmp_path):
    # `yes:` is a boolean to YAML; it must not silently become level 1.
    text = base_with("2: Some free", "yes: Some free")
    message = only_problem(tmp_path, text)
    assert "dimensions[0].criteria[0].rubric" in message
    assert f"(line {line_with(text, 'rubric:')})" in message


def test_unknown_field_is_refused(tmp_path):
    text = base_with("        question: Will", "        questoin: Will")
    message = only_problem(tmp_path, text)
    line = line_with(text, "questoin")
    assert f"dimensions[0].criteria[0].questoin (line {line}): unknown field" in message


def test_new_criterion_needs_a_question(tmp_path):
    text = base_with("        question: Will the material be released under a free licence?\n", "")
    message = only_problem(tmp_path, text)
    assert "dimensions[0].criteria[0].question" in message
    assert "needs a question" in message


def test_new_dimension_needs_a_title(tmp_path):
    message = only_problem(tmp_path, base_with("    title: Privacy\n", ""))
    assert "dimensions[1].title" in message
    assert "needs a title" in message


# -- duplicate ids -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: privacy", "id: openness", "duplicate dimension id 'openness'"),
        ("id: retention", "id: licence-fit", "duplicate criterion id 'licence-fit'"),  # across dimensions
        ("id: pd-respect", "id: licence-fit", "duplicate criterion id 'licence-fit'"),  # within one
        ("{id: research,", "{id: content,", "duplicate partnership type id 'content'"),
        ("{id: conditional,", "{id: aligned,", "duplicate band id 'aligned'"),
        ("title: Base values", "languages: [en, en]\ntitle: Base values", "language 'en' is listed twice"),
    ],
)
def test_duplicate_ids(tmp_path, old, new, expected):
    assert expected in only_problem(tmp_path, base_with(old, new))


def test_a_framework_id_given_by_two_files_makes_both_unusable_and_names_the_other(tmp_path):
    catalog = load_catalog(
        tmp_path / "frameworks", {"a/first.yaml": BASE_FRAMEWORK, "b/second.yaml": BASE_FRAMEWORK}
    )
    first, second = (str(tmp_path / "frameworks" / name) for name in ("a/first.yaml", "b/second.yaml"))
    assert catalog.frameworks == {}
    lines = catalog.problem_lines()
    assert f"{first}: id (line 2): framework id 'base' is also given by {second}" in lines[0]
    assert f"{second}: id (line 2): framework id 'base' is also given by {first}" in lines[1]


def test_an_invalid_file_with_a_framework_id_still_makes_the_valid_one_unusable(tmp_path):
    invalid = BASE_FRAMEWORK.replace("title: Base values", "title: Base values\nnonsense: 1")
    catalog = load_catalog(
        tmp_path / "frameworks", {"a.yaml": invalid, "b.yaml": BASE_FRAMEWORK, "c.yaml": OVERLAY}
    )
    assert catalog.frameworks == {}
    text = "\n".join(catalog.problem_lines())
    assert "a.yaml: nonsense" in text
    assert (
        f"b.yaml: id (line 2): framework id 'base' is also given by {tmp_path / 'frameworks' / 'a.yaml'}"
        in text
    )
    assert "c.yaml: extends (line 4): extends 'base', an id given by several files" in text


def test_a_broken_file_naming_a_framework_id_still_claims_it(tmp_path):
    broken = "schema: 1\nid: base\ntitle: [unclosed\n"
    catalog = load_catalog(tmp_path / "frameworks", {"a.yaml": broken, "b.yaml": BASE_FRAMEWORK})
    assert catalog.frameworks == {}
    assert any(
        "b.yaml: id (line 2): framework id 'base' is also given by" in line
        for line in catalog.problem_lines()
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("schema: 1\nid: big\n" + "#" * (4 * 1024 * 1024), "larger than the 4 MiB allowed"),
        (
            BASE_FRAMEWORK.replace("id: base\n", "id: aliased\n").replace(
                "title: Base values", "title: &t Base values\ndescription: *t"
            ),
            "anchors and aliases",
        ),
        ("schema: 1\nid: deep\ntitle: " + "[" * 50_000 + "]" * 50_000, "nested deeper than 20 levels"),
    ],
)
def test_hostile_framework_files_are_refused_and_the_rest_loads(tmp_path, text, reason):
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "hostile.yaml": text})
    assert list(catalog.frameworks) == ["base"]
    [line] = catalog.problem_lines()
    assert line.startswith(str(tmp_path / "frameworks" / "hostile.yaml") + ": ")
    assert reason in line


# -- the scale -----------------------------------------------------------------------------------------------


def test_rubric_key_outside_the_scale(tmp_path):
    text = base_with("2: Some free", "7: Some free")
    message = only_problem(tmp_path, text)
    assert f"dimensions[0].criteria[0].rubric.7 (line {line_with(text, 'rubric:')})" in message
    assert "rubric level 7 is not on the scale [0, 1, 2, 3, 4]" in message


def test_red_line_level_outside_the_scale(tmp_path):
    text = base_with("at_or_below: 0,", "at_or_below: 5,")
    message = only_problem(tmp_path, text)
    line = line_with(text, "at_or_below: 5")
    assert f"dimensions[0].criteria[0].red_line.at_or_below (line {line})" in message
    assert "red-line level 5 is not on the scale" in message


def test_red_line_level_outside_the_scale_in_an_overlay(tmp_path):
    text = (
        OVERLAY + "dimensions:\n  - id: privacy\n    criteria:\n      - {id: retention, red_line: "
        "{at_or_below: -1, reason: x}}\n"
    )
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "dimensions[0].criteria[0].red_line.at_or_below" in message
    assert "red-line level -1 is not on the scale" in message


def test_scale_levels_must_ascend(tmp_path):
    text = base_with("{value: 1, label: Weak}", "{value: 5, label: Weak}")
    assert "level values must be strictly ascending" in only_problem(tmp_path, text)


def test_a_scale_value_given_twice_is_refused(tmp_path):
    text = base_with("{value: 1, label: Weak}", "{value: 0, label: Weak}")
    assert "level values must be strictly ascending, got [0, 0, 2, 3, 4]" in only_problem(tmp_path, text)


# -- weights -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("        weight: 2", "        weight: 0", "dimensions[0].criteria[0].weight"),
        ("        weight: 2", "        weight: -0.5", "dimensions[0].criteria[0].weight"),
        ("    weight: 3", "    weight: 0", "dimensions[0].weight"),
        ("    weight: 3", "    weight: -3", "dimensions[0].weight"),
    ],
)
def test_weight_must_be_positive(tmp_path, old, new, place):
    text = base_with(old, new)
    message = only_problem(tmp_path, text)
    assert f"{place} (line {line_with(text, new.strip())}): must be > 0" in message


def test_overlay_weight_must_be_positive(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    weight: 0\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "dimensions[0].weight (line 8): must be > 0" in message


# -- what YAML read as something other than text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "place", "kind"),
    [
        ("title: Base values", "title: No", "title", "a boolean (false)"),
        ("label: Exemplary}", "label: yes}", "scale.levels[4].label", "a boolean (true)"),
        ('version: "1.0.0"', "version: 1.0", "version", "a number (1.0)"),
        ("title: Base values", "title: 2026-11-20", "title", "a date (2026-11-20)"),
        ("    title: Privacy", "    title: 1.5", "dimensions[1].title", "a number (1.5)"),
        ("id: privacy", "id: off", "dimensions[1].id", "a boolean (false)"),
        ("id: privacy", "id: 12", "dimensions[1].id", "a number (12)"),
    ],
)
def test_text_read_as_another_type_says_to_quote_it(tmp_path, old, new, place, kind):
    text = base_with(old, new)
    message = only_problem(tmp_path, text)
    assert f"{place} (line {line_with(text, new.strip())})" in message
    assert f"YAML read this as {kind}; put the text in quotes" in message


def test_language_key_no_read_as_boolean(tmp_path):
    text = base_with("title: Base values", "languages: [en, 'no']\ntitle: {en: Values, no: Verdier}")
    message = only_problem(tmp_path, text)
    assert f"title (line {line_with(text, 'Verdier')})" in message
    assert "language key False: YAML read this as a boolean (false); put the text in quotes" in message
    assert "'no'" in message


def test_quoted_no_is_a_valid_text_and_language(tmp_path):
    text = "languages: [en, 'no']\ntitle: {en: Values, 'no': Verdier}"
    found = problems(tmp_path, base_with("title: Base values", text))
    assert not any(line.split(": ")[1].startswith("title ") for line in found)
    assert all("missing in no" in line for line in found)  # the other texts lack Norwegian, title does not


# -- languages -----------------------------------------------------------------------------------------------


BILINGUAL = """\
schema: 1
id: bilingual
version: "1"
languages: [en, fr]
title: {en: Values, fr: Valeurs}
scale:
  levels:
    - {value: 0, label: {en: 'No', fr: Non}}
    - {value: 1, label: {en: 'Yes', fr: Oui}}
bands:
  - {id: all, min: 0, label: {en: All, fr: Tous}}
partnership_types:
  - {id: content, label: {en: Content, fr: Contenu}}
dimensions:
  - id: openness
    title: {en: Openness, fr: Ouverture}
    criteria:
      - id: licence-fit
        question: {en: Free licence?, fr: Licence libre ?}
        rubric: {0: {en: None, fr: Aucune}, 1: {en: Free, fr: Libre}}
"""


def test_bilingual_fixture_is_valid(tmp_path):
    assert problems(tmp_path, BILINGUAL) == []


@pytest.mark.parametrize(
    ("old", "new", "place", "missing"),
    [
        (
            "question: {en: Free licence?, fr: Licence libre ?}",
            "question: {en: Free licence?}",
            "dimensions[0].criteria[0].question",
            "fr",
        ),
        (
            "question: {en: Free licence?, fr: Licence libre ?}",
            "question: Free licence?",
            "dimensions[0].criteria[0].question",
            "fr",
        ),
        ("1: {en: Free, fr: Libre}", "1: {en: Free}", "dimensions[0].criteria[0].rubric.1", "fr"),
        (
            "{id: content, label: {en: Content, fr: Contenu}}",
            "{id: content, label: {fr: Contenu}}",
            "partnership_types[0].label",
            "en",
        ),
    ],
)
def test_text_missing_in_a_listed_language(tmp_path, old, new, place, missing):
    text = BILINGUAL.replace(old, new)
    message = only_problem(tmp_path, text)
    assert f"{place} (line {line_with(text, new)})" in message
    assert f"text missing in {missing} (languages lists en, fr)" in message


def test_a_language_not_listed_is_not_required(tmp_path):
    # languages defaults to [en]: English-only texts are complete.
    assert problems(tmp_path, BASE_FRAMEWORK) == []


# -- bands ---------------------------------------------------------------------------------------------------


def test_bands_must_cover_zero(tmp_path):
    text = base_with("{id: not-aligned, min: 0,", "{id: not-aligned, min: 10,")
    message = only_problem(tmp_path, text)
    assert f"bands (line {line_with(text, 'bands:')}): bands must cover 0" in message


def test_band_min_above_100_is_refused(tmp_path):
    message = only_problem(tmp_path, base_with("{id: aligned, min: 75,", "{id: aligned, min: 101,"))
    assert "bands[0].min" in message
    assert "must be <= 100" in message


# -- extends -------------------------------------------------------------------------------------------------


def test_unknown_extends(tmp_path):
    text = OVERLAY.replace("extends: base", "extends: nowhere")
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert f"extends (line {line_with(text, 'extends')}): unknown framework 'nowhere'" in message


def test_cycle_of_extends(tmp_path):
    a = OVERLAY.replace("id: local", "id: a").replace("extends: base", "extends: b")
    b = OVERLAY.replace("id: local", "id: b").replace("extends: base", "extends: a")
    catalog = load_catalog(tmp_path / "frameworks", {"a.yaml": a, "b.yaml": b, "base.yaml": BASE_FRAMEWORK})
    lines = catalog.problem_lines()
    assert any("cycle of extends" in line and "a -> b -> a" in line for line in lines), lines
    assert all(f"extends (line {line_with(a, 'extends')})" in line for line in lines)
    assert sorted(catalog.frameworks) == ["base"]


def test_three_file_cycle_of_extends(tmp_path):
    files = {
        f"{x}.yaml": OVERLAY.replace("id: local", f"id: {x}").replace("extends: base", f"extends: {y}")
        for x, y in (("a", "b"), ("b", "c"), ("c", "a"))
    }
    catalog = load_catalog(tmp_path / "frameworks", files)
    assert any("cycle of extends: a -> b -> c -> a" in line for line in catalog.problem_lines())
    assert catalog.frameworks == {}


def test_framework_extending_itself(tmp_path):
    text = OVERLAY.replace("extends: base", "extends: local")
    message = only_problem(tmp_path, text, name="local.yaml")
    assert "extends (line 4): cycle of extends: local -> local" in message


def test_overlay_may_not_define_its_own_scale_or_bands(tmp_path):
    text = (
        OVERLAY + "scale:\n  levels: [{value: 0, label: a}, {value: 1, label: b}]\n"
        "bands: [{id: x, min: 0, label: X}]\n"
    )
    found = problems(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert any(line.split(": ")[1].startswith("scale ") for line in found), found
    assert any(line.split(": ")[1].startswith("bands ") for line in found), found


# -- locked criteria and overlays ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "place"),
    [
        ("{id: licence-fit, weight: 5}", "dimensions[0].criteria[0].weight"),
        ("{id: licence-fit, red_line: {at_or_below: 1, reason: x}}", "dimensions[0].criteria[0].red_line"),
        ("{id: licence-fit, applies_to: [content]}", "dimensions[0].criteria[0].applies_to"),
        ("{id: licence-fit, locked: false}", "dimensions[0].criteria[0].locked"),
    ],
)
def test_overlay_may_not_change_a_locked_criterion(tmp_path, entry, place):
    text = OVERLAY + f"dimensions:\n  - id: openness\n    criteria:\n      - {entry}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert f"{place} (line {line_with(text, 'licence-fit')})" in message
    assert "licence-fit" in message
    assert "locked" in message


def test_overlay_may_not_remove_a_locked_criterion(tmp_path):
    text = OVERLAY + "remove: [pd-respect, licence-fit]\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert f"remove[1] (line {line_with(text, 'remove')})" in message
    assert "criterion 'licence-fit' is locked by 'base' and cannot be removed" in message


def test_overlay_may_not_remove_an_unknown_criterion(tmp_path):
    text = OVERLAY + "remove: [nothing-here]\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "remove[0]" in message
    assert "unknown criterion 'nothing-here'" in message


def test_overlay_may_not_reword_a_base_criterion(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    criteria:\n      - {id: retention, question: Q}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "dimensions[0].criteria[0].question" in message
    assert "add local_guidance instead" in message


# -- partnership types ---------------------------------------------------------------------------------------


def test_unknown_partnership_type_in_applies_to(tmp_path):
    text = base_with("applies_to: [content]", "applies_to: [content, events]")
    message = only_problem(tmp_path, text)
    assert f"dimensions[0].criteria[1].applies_to (line {line_with(text, 'events')})" in message
    assert "unknown partnership type 'events'" in message


def test_unknown_partnership_type_in_an_overlay_criterion(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    criteria:\n      - {id: retention, applies_to: [x]}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "unknown partnership type 'x'" in message


def test_new_type_must_refine_a_known_type(tmp_path):
    text = OVERLAY + "partnership_types:\n  - {id: glam, label: GLAM, refines: events}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "partnership_types[0].refines" in message
    assert "unknown partnership type 'events'" in message


def test_new_type_in_an_overlay_must_name_what_it_refines(tmp_path):
    text = OVERLAY + "partnership_types:\n  - {id: glam, label: GLAM}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "must name the base type it refines" in message


def test_base_type_may_not_refine(tmp_path):
    text = base_with("{id: research, label:", "{id: research, refines: content, label:")
    message = only_problem(tmp_path, text)
    assert "partnership_types[1].refines" in message


# -- criteria stay in their dimension ------------------------------------------------------------------------


def test_criterion_named_under_another_dimension_is_an_error_not_a_move(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    criteria:\n      - {id: pd-respect, weight: 2}\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert f"dimensions[0].criteria[0] (line {line_with(text, 'pd-respect')})" in message
    assert "criterion 'pd-respect' belongs to dimension 'openness'" in message


def test_new_dimension_may_not_reuse_an_existing_criterion_id(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: new\n    title: N\n    criteria: [{id: retention, question: Q}]\n"
    message = only_problem(tmp_path, text, name="local.yaml", others={"base.yaml": BASE_FRAMEWORK})
    assert "criterion 'retention' belongs to dimension 'privacy'" in message


# -- every message names file and place ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Base values", "title: No"),
        ("        weight: 2", "        weight: 0"),
        ("2: Some free", "9: Some free"),
        ("applies_to: [content]", "applies_to: [nobody]"),
        ("    title: Openness", "    title: Openness\n    colour: red"),
        ("{id: not-aligned, min: 0,", "{id: not-aligned, min: 1,"),
        ("id: retention", "id: pd-respect"),
    ],
)
def test_every_message_names_file_field_path_and_line(tmp_path, old, new):
    text = base_with(old, new)
    path = tmp_path / "frameworks" / "deep" / "f.yaml"
    message = only_problem(tmp_path, text, name="deep/f.yaml")
    place = message[len(str(path)) + 2 :].split(": ")[0]
    assert message.startswith(f"{path}: ")
    field_path, _, line = place.partition(" (line ")
    assert field_path and field_path != "(whole file)"
    assert 1 <= int(line.rstrip(")")) <= len(text.splitlines())


def test_all_problems_of_a_file_are_listed_not_only_the_first(tmp_path):
    text = base_with("        weight: 2", "        weight: 0").replace("title: Base values", "title: No")
    assert len(problems(tmp_path, text)) == 2


def test_empty_applies_to_is_refused_because_the_criterion_would_apply_to_nothing(tmp_path):
    text = base_with("applies_to: [content]", "applies_to: []")
    message = only_problem(tmp_path, text)
    assert "dimensions[0].criteria[1].applies_to" in message
    assert "at least 1" in message


# -- sources, sizes, red lines answered N/A, referrals (issue 10) -------------------------------------------

REFERRAL = """\
referrals:
  - id: enterprise
    body: Wikimedia Enterprise
    url: https://enterprise.wikimedia.com/
    reason: High-volume commercial access is sold by the Foundation
    when: {criterion: reader-data, at_or_below: 1}
"""


def test_sources_sizes_na_when_and_referrals_resolve(tmp_path):
    text = base_with(
        "        weight: 2\n        red_line: {at_or_below: 0, reason: Non-free terms for material meant for the projects}",
        "        weight: 2\n        sizes: [project, long-term]\n"
        "        sources: [{title: Licensing policy, url: 'https://foundation.wikimedia.org/wiki/Policy:Licensing_policy'}]\n"
        "        red_line: {at_or_below: 0, reason: Non-free terms, na_when: nothing is contributed}",
    )
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": text + REFERRAL})
    assert catalog.problem_lines() == []
    framework = catalog.get("base")
    criterion = framework.criterion("licence-fit")
    assert criterion.sizes == ("project", "long-term")
    assert [(s.title, s.url) for s in criterion.sources] == [
        ("Licensing policy", "https://foundation.wikimedia.org/wiki/Policy:Licensing_policy")
    ]
    assert criterion.red_line.na_when == "nothing is contributed"
    [referral] = framework.referrals
    assert (referral.id, referral.criterion, referral.at_or_below, referral.introduced_by) == (
        "enterprise",
        "reader-data",
        1,
        "base",
    )


@pytest.mark.parametrize(
    ("when", "fragment"),
    [
        ("{criterion: reader-data}", "'when' must be"),
        ("{criterion: reader-data, at_or_below: 1, at_or_above: 3}", "'when' must be"),
        ("{partnership_types: [content], at_or_below: 1}", "takes no level"),
        ("{criterion: nowhere, at_or_below: 1}", "reads criterion 'nowhere'"),
        ("{criterion: reader-data, at_or_above: 7}", "referral level 7 is not on the scale"),
        ("{partnership_types: [lobbying]}", "unknown partnership type 'lobbying'"),
    ],
)
def test_a_bad_referral_condition_is_named(tmp_path, when, fragment):
    text = BASE_FRAMEWORK + REFERRAL.replace("{criterion: reader-data, at_or_below: 1}", when)
    message = only_problem(tmp_path, text)
    assert "referrals[0].when" in message
    assert fragment in message


def test_a_referral_link_must_be_http(tmp_path):
    message = only_problem(tmp_path, BASE_FRAMEWORK + REFERRAL.replace("https://enterprise", "enterprise"))
    assert "referrals[0].url" in message and "not an http(s) link" in message


def test_unknown_size_and_bad_source_are_named(tmp_path):
    text = base_with(
        "        applies_to: [content]\n",
        "        applies_to: [content]\n        sizes: [huge]\n        sources: [{title: T, url: ftp://x}]\n",
    )
    found = problems(tmp_path, text)
    assert any("sizes[0]" in line and "one-off" in line for line in found), found
    assert any("sources[0].url" in line for line in found), found


def test_na_when_and_referral_texts_need_every_listed_language_but_source_titles_do_not(tmp_path):
    text = base_with("title: Base values", "languages: [en, fr]\ntitle: {en: Base values, fr: Valeurs}")
    text = text.replace(
        "reason: Non-public data outside a formal agreement}",
        "reason: Non-public data outside a formal agreement, na_when: no data is shared}",
    ).replace(
        "        applies_to: [content]\n",
        "        applies_to: [content]\n        sources: [{title: English only, url: 'https://example.org'}]\n",
    )
    found = [line.split(": ", 1)[1] for line in problems(tmp_path, text + REFERRAL)]
    places = {line.split(" (line")[0] for line in found if "text missing in fr" in line}
    assert "dimensions[1].criteria[0].red_line.na_when" in places
    assert {"referrals[0].body", "referrals[0].reason"} <= places
    assert not any("sources" in place for place in places)
