"""Resolving overlays onto their base (issue 3, "A local overlay")."""

from __future__ import annotations

from conftest import BASE_FRAMEWORK, load_catalog, write

from partnerfit.catalog import load_frameworks

OVERLAY = """\
schema: 1
id: local
version: "0.3.0"
extends: base
title: {en: Example chapter's specification}
"""


def resolve(tmp_path, overlay: str, **more: str):
    """The catalog of the base, ``overlay`` and ``more`` (name -> YAML); no problems allowed."""
    files = {"base.yaml": BASE_FRAMEWORK, "local/local.yaml": overlay, **more}
    catalog = load_catalog(tmp_path / "frameworks", files)
    assert catalog.problem_lines() == []
    return catalog


def criterion_ids(framework) -> list[str]:
    return [c.id for c in framework.criteria]


def test_empty_overlay_keeps_the_base_content_under_its_own_id(tmp_path):
    catalog = resolve(tmp_path, OVERLAY)
    base, local = catalog.get("base"), catalog.get("local")
    assert (local.id, local.version) == ("local", "0.3.0")
    assert criterion_ids(local) == criterion_ids(base)
    assert local.levels == base.levels
    assert local.bands == base.bands
    assert local.partnership_types == base.partnership_types


def test_lineage_lists_base_then_overlay(tmp_path):
    local = resolve(tmp_path, OVERLAY).get("local")
    assert local.lineage == (("base", "1.0.0"), ("local", "0.3.0"))
    assert local.base_id == "base"
    assert local.is_overlay
    assert not resolve(tmp_path / "again", OVERLAY).get("base").is_overlay


def test_new_type_refines_a_base_type_and_inherits_its_criteria(tmp_path):
    text = OVERLAY + "partnership_types:\n  - {id: glam-small, label: Small GLAM upload, refines: content}\n"
    local = resolve(tmp_path, text).get("local")
    assert local.partnership_type("glam-small").refines == "content"
    assert local.type_lineage("glam-small") == ("glam-small", "content")
    applicable = [c.id for c in local.applicable_criteria(["glam-small"])]
    assert applicable == [c.id for c in local.applicable_criteria(["content"])]
    assert "pd-respect" in applicable  # applies_to: [content]
    assert "reader-data" not in applicable  # applies_to: [research]


def test_a_new_type_may_not_reuse_the_id_of_a_base_type(tmp_path):
    text = OVERLAY + "partnership_types:\n  - {id: content, label: Our content, refines: research}\n"
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "local.yaml": text})
    assert catalog.get("local") is None
    [line] = catalog.problem_lines()
    assert (
        "local.yaml: partnership_types[0] (line 7): partnership type 'content' already exists in the base"
        in line
    )


def test_criterion_for_the_refined_type_does_not_apply_to_its_base_type(tmp_path):
    text = OVERLAY + (
        "partnership_types:\n  - {id: glam-small, label: Small GLAM, refines: content}\n"
        "dimensions:\n  - id: openness\n    criteria:\n"
        "      - {id: metadata-cc0, question: Is metadata CC0?, applies_to: [glam-small]}\n"
    )
    local = resolve(tmp_path, text).get("local")
    assert "metadata-cc0" in [c.id for c in local.applicable_criteria(["glam-small"])]
    assert "metadata-cc0" not in [c.id for c in local.applicable_criteria(["content"])]
    assert "metadata-cc0" not in [c.id for c in local.applicable_criteria(["research"])]


def test_type_refining_a_type_of_the_parent_overlay(tmp_path):
    local = OVERLAY + "partnership_types:\n  - {id: glam, label: GLAM, refines: content}\n"
    sub = OVERLAY.replace("id: local", "id: sub").replace("extends: base", "extends: local") + (
        "partnership_types:\n  - {id: glam-small, label: Small GLAM, refines: glam}\n"
    )
    framework = resolve(tmp_path, local, **{"sub.yaml": sub}).get("sub")
    assert framework.type_lineage("glam-small") == ("glam-small", "glam", "content")
    assert "pd-respect" in [c.id for c in framework.applicable_criteria(["glam-small"])]


def test_reweight_a_dimension(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    weight: 4\n"
    catalog = resolve(tmp_path, text)
    assert catalog.get("local").dimension("privacy").weight == 4
    assert catalog.get("base").dimension("privacy").weight == 1  # the base is untouched
    assert [c.id for c in catalog.get("local").dimension("privacy").criteria] == ["reader-data", "retention"]
    assert catalog.get("local").dimension("privacy").title == "Privacy"


def test_add_a_dimension(tmp_path):
    text = OVERLAY + (
        "dimensions:\n  - id: local-community\n    title: Local community\n    weight: 2\n    criteria:\n"
        "      - {id: local-volunteers, question: Are local volunteers involved?}\n"
    )
    local = resolve(tmp_path, text).get("local")
    assert [d.id for d in local.dimensions] == ["openness", "privacy", "local-community"]
    dimension = local.dimension("local-community")
    assert (dimension.title, dimension.weight, dimension.introduced_by) == ("Local community", 2, "local")
    assert local.criterion("local-volunteers").dimension_id == "local-community"
    assert local.criterion("local-volunteers").weight == 1.0  # default


def test_add_a_criterion_to_a_base_dimension(tmp_path):
    text = OVERLAY + (
        "dimensions:\n  - id: openness\n    criteria:\n"
        "      - {id: open-formats, question: Open formats?, rubric: {0: None, 4: All}, weight: 2}\n"
    )
    local = resolve(tmp_path, text).get("local")
    openness = [c.id for c in local.dimension("openness").criteria]
    assert openness == ["licence-fit", "pd-respect", "open-formats"]
    added = local.criterion("open-formats")
    assert (added.rubric, added.weight, added.introduced_by) == ({0: "None", 4: "All"}, 2, "local")
    assert local.criterion("licence-fit").introduced_by == "base"


def test_local_guidance_on_a_locked_criterion(tmp_path):
    text = OVERLAY + (
        "dimensions:\n  - id: openness\n    criteria:\n"
        "      - {id: licence-fit, local_guidance: {en: Ask about the national archive law}}\n"
    )
    catalog = resolve(tmp_path, text)
    criterion = catalog.get("local").criterion("licence-fit")
    assert criterion.local_guidance == {"en": "Ask about the national archive law"}
    assert criterion.locked
    assert criterion.weight == catalog.get("base").criterion("licence-fit").weight
    assert criterion.red_line == catalog.get("base").criterion("licence-fit").red_line
    assert catalog.get("base").criterion("licence-fit").local_guidance is None


def test_change_weight_applies_to_and_red_line_of_an_unlocked_criterion(tmp_path):
    text = OVERLAY + (
        "dimensions:\n  - id: privacy\n    criteria:\n"
        "      - {id: retention, weight: 3, applies_to: [research], red_line: {at_or_below: 1, reason: K}}\n"
    )
    retention = resolve(tmp_path, text).get("local").criterion("retention")
    assert retention.weight == 3
    assert retention.applies_to == ("research",)
    assert (retention.red_line.at_or_below, retention.red_line.reason) == (1, "K")
    assert retention.question == "Is data kept only as long as needed?"


def test_overlay_may_lock_an_unlocked_criterion(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    criteria:\n      - {id: retention, locked: true}\n"
    sub = OVERLAY.replace("id: local", "id: sub").replace("extends: base", "extends: local") + (
        "dimensions:\n  - id: privacy\n    criteria:\n      - {id: retention, weight: 2}\n"
    )
    catalog = load_catalog(tmp_path / "f", {"base.yaml": BASE_FRAMEWORK, "local.yaml": text, "sub.yaml": sub})
    assert catalog.get("local").criterion("retention").locked
    assert any("retention" in line and "locked by 'base'" in line for line in catalog.problem_lines())


def test_remove_an_unlocked_criterion(tmp_path):
    catalog = resolve(tmp_path, OVERLAY + "remove: [pd-respect]\n")
    assert criterion_ids(catalog.get("local")) == ["licence-fit", "reader-data", "retention"]
    assert catalog.get("local").criterion("pd-respect") is None
    assert "pd-respect" in criterion_ids(catalog.get("base"))


def test_overlay_of_an_overlay_applies_the_whole_chain(tmp_path):
    local = OVERLAY + "remove: [pd-respect]\ndimensions:\n  - id: privacy\n    weight: 2\n"
    sub = OVERLAY.replace("id: local", "id: sub").replace("extends: base", "extends: local").replace(
        '"0.3.0"', '"0.1.0"'
    ) + (
        "dimensions:\n  - id: openness\n    criteria:\n      - {id: open-formats, question: Open formats?}\n"
    )
    framework = resolve(tmp_path, local, **{"local/sub.yaml": sub}).get("sub")
    assert framework.lineage == (("base", "1.0.0"), ("local", "0.3.0"), ("sub", "0.1.0"))
    assert criterion_ids(framework) == ["licence-fit", "open-formats", "reader-data", "retention"]
    assert framework.dimension("privacy").weight == 2
    assert framework.base_id == "base"


def test_overlays_of_lists_every_descendant(tmp_path):
    sub = OVERLAY.replace("id: local", "id: sub").replace("extends: base", "extends: local")
    catalog = resolve(tmp_path, OVERLAY, **{"sub.yaml": sub})
    assert sorted(f.id for f in catalog.overlays_of("base")) == ["local", "sub"]
    assert [f.id for f in catalog.overlays_of("local")] == ["sub"]
    assert catalog.overlays_of("sub") == []


def test_min_completeness_default_override_and_inheritance(tmp_path):
    sub = OVERLAY.replace("id: local", "id: sub").replace("extends: base", "extends: local")
    catalog = resolve(tmp_path, OVERLAY + "min_completeness: 0.7\n", **{"sub.yaml": sub})
    assert catalog.get("base").min_completeness == 0.8
    assert catalog.get("local").min_completeness == 0.7
    assert catalog.get("sub").min_completeness == 0.7


def test_base_min_completeness_is_kept_when_the_overlay_does_not_override(tmp_path):
    base = BASE_FRAMEWORK.replace("partnership_types:", "min_completeness: 0.5\npartnership_types:")
    catalog = load_catalog(tmp_path / "f", {"base.yaml": base, "local.yaml": OVERLAY})
    assert catalog.get("local").min_completeness == 0.5


def test_overlay_may_not_retitle_a_base_dimension(tmp_path):
    text = OVERLAY + "dimensions:\n  - id: privacy\n    title: Data\n"
    catalog = load_catalog(tmp_path / "f", {"base.yaml": BASE_FRAMEWORK, "local.yaml": text})
    assert catalog.get("local") is None
    assert any(
        "dimensions[0].title" in line and "cannot change the title" in line
        for line in catalog.problem_lines()
    )


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    files = {
        "base.yaml": BASE_FRAMEWORK,
        "a-broken.yaml": "schema: 1\nid: [unclosed\n",
        "b-bad-overlay.yaml": OVERLAY.replace("id: local", "id: bad") + "remove: [licence-fit]\n",
        "c-good.yaml": OVERLAY,
        "d-orphan.yaml": OVERLAY.replace("id: local", "id: orphan").replace("extends: base", "extends: bad"),
    }
    catalog = load_catalog(tmp_path / "f", files)
    assert sorted(catalog.frameworks) == ["base", "local"]
    failed = sorted({error.path.rsplit("/", 1)[-1] for error in catalog.errors})
    assert failed == ["a-broken.yaml", "b-bad-overlay.yaml", "d-orphan.yaml"]
    assert any("extends 'bad', which did not load" in line for line in catalog.problem_lines())


def test_overlay_of_a_broken_base_is_reported_not_raised(tmp_path):
    broken = BASE_FRAMEWORK.replace("{id: not-aligned, min: 0,", "{id: not-aligned, min: 5,")
    catalog = load_catalog(tmp_path / "f", {"base.yaml": broken, "local.yaml": OVERLAY})
    assert catalog.frameworks == {}
    assert len(catalog.errors) == 2


def test_files_in_dot_folders_are_not_frameworks(tmp_path):
    catalog = load_catalog(tmp_path / "f", {"base.yaml": BASE_FRAMEWORK, ".cache/local.yaml": OVERLAY})
    assert list(catalog.frameworks) == ["base"]
    assert catalog.errors == []


def test_yml_files_are_read_and_other_files_ignored(tmp_path):
    files = {"base.yml": BASE_FRAMEWORK, "local.yaml": OVERLAY, "notes.txt": "not: yaml: at all"}
    catalog = load_catalog(tmp_path / "f", files)
    assert sorted(catalog.frameworks) == ["base", "local"]
    assert catalog.errors == []


def test_an_overlay_offers_its_own_languages_and_those_it_inherits(tmp_path):
    write(
        tmp_path / "base.yaml",
        BASE_FRAMEWORK.replace("title: Base values", "title: Base values\nlanguages: [en]"),
    )
    write(
        tmp_path / "local.yaml",
        "schema: 1\nid: local\nversion: '1'\nextends: base\nlanguages: [de]\ntitle: {de: Lokal}\n",
    )
    assert load_frameworks(tmp_path).get("local").languages == ("en", "de")


def test_overlay_adds_referrals_and_sources_and_narrows_sizes(tmp_path):
    overlay = OVERLAY + (
        "dimensions:\n  - id: openness\n    criteria:\n"
        "      - id: pd-respect\n        sizes: [long-term]\n"
        "        local_guidance: See our guide\n"
        "        sources: [{title: Our guide, url: 'https://example.org/guide'}]\n"
        "referrals:\n  - {id: grants, body: Foundation grants, url: 'https://meta.wikimedia.org/wiki/Grants:Start',"
        " reason: Money from the Foundation, when: {partnership_types: [research]}}\n"
    )
    catalog = resolve(tmp_path, overlay)
    local = catalog.get("local")
    criterion = local.criterion("pd-respect")
    assert criterion.sizes == ("long-term",)
    assert [s.title for s in criterion.sources] == ["Our guide"]
    assert [(r.id, r.introduced_by) for r in local.referrals] == [("grants", "local")]
    assert catalog.get("base").referrals == ()


def test_overlay_cannot_redefine_an_inherited_referral_nor_change_sizes_of_a_locked_criterion(tmp_path):
    base = BASE_FRAMEWORK + (
        "referrals:\n  - {id: grants, body: B, url: 'https://example.org', reason: R,"
        " when: {partnership_types: [research]}}\n"
    )
    overlay = OVERLAY + (
        "dimensions:\n  - id: openness\n    criteria:\n      - id: licence-fit\n        sizes: [one-off]\n"
        "referrals:\n  - {id: grants, body: Other, url: 'https://example.org', reason: R,"
        " when: {partnership_types: [content]}}\n"
    )
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": base, "local.yaml": overlay})
    lines = catalog.problem_lines()
    assert any("referrals[0].id" in line and "already exists (from 'base')" in line for line in lines), lines
    assert any("criteria[0].sizes" in line and "locked" in line for line in lines), lines


def test_overlay_cannot_remove_a_criterion_an_inherited_referral_reads(tmp_path):
    base = BASE_FRAMEWORK + (
        "referrals:\n  - {id: data, body: B, url: 'https://example.org', reason: R,"
        " when: {criterion: retention, at_or_below: 1}}\n"
    )
    catalog = load_catalog(
        tmp_path / "frameworks", {"base.yaml": base, "local.yaml": OVERLAY + "remove: [retention]\n"}
    )
    assert any("reads criterion 'retention'" in line for line in catalog.problem_lines())
