from conftest import write

from partnerfit.catalog import load_frameworks
from partnerfit.diff import diff_frameworks, parent_of

OVERLAY = """\
schema: 1
id: local
version: "0.1.0"
extends: base
title: Local values
min_completeness: 0.9
partnership_types:
  - {id: glam-scan, label: Scanning project, refines: content}
remove: [pd-respect]
dimensions:
  - id: openness
    weight: 5
    criteria:
      - id: licence-fit
        local_guidance: Ask for the archive's licence register.
  - id: privacy
    criteria:
      - id: retention
        weight: 3
        applies_to: [research]
        red_line: {at_or_below: 0, reason: Keeps data forever}
  - id: local-language
    title: Local language
    criteria:
      - id: minority-language
        question: Does the project cover a minority language?
"""


def catalog(tmp_path, frameworks_dir):
    write(frameworks_dir / "local.yaml", OVERLAY)
    loaded = load_frameworks(frameworks_dir)
    assert not loaded.errors, loaded.problem_lines()
    return loaded


def test_overlay_diff_lists_added_removed_and_changed(tmp_path, frameworks_dir):
    frameworks = catalog(tmp_path, frameworks_dir).frameworks
    diff = diff_frameworks(frameworks["base"], frameworks["local"])
    assert [c.id for c in diff.added_criteria] == ["minority-language"]
    assert [c.id for c in diff.removed_criteria] == ["pd-respect"]
    assert [d.id for d in diff.added_dimensions] == ["local-language"]
    assert [t.id for t in diff.added_types] == ["glam-scan"]
    assert diff.min_completeness == (0.8, 0.9)
    assert [(c.id, c.field, c.before, c.after) for c in diff.dimension_changes] == [
        ("openness", "weight", 3.0, 5.0)
    ]


def test_overlay_diff_names_each_changed_criterion_field(tmp_path, frameworks_dir):
    frameworks = catalog(tmp_path, frameworks_dir).frameworks
    diff = diff_frameworks(frameworks["base"], frameworks["local"])
    changed = {(c.id, c.field): (c.before, c.after) for c in diff.criterion_changes}
    assert changed[("retention", "weight")] == (1.0, 3.0)
    assert changed[("retention", "applies_to")] == (None, ("research",))
    assert changed[("retention", "red_line")][0] is None
    assert changed[("retention", "red_line")][1].reason == "Keeps data forever"
    assert ("licence-fit", "weight") not in changed
    assert [(g.id, g.after) for g in diff.local_guidance] == [
        ("licence-fit", "Ask for the archive's licence register.")
    ]
    assert {c.field for c in diff.changes_of("licence-fit")} == {"local_guidance"}


def test_a_framework_against_itself_has_no_changes(frameworks_dir):
    base = load_frameworks(frameworks_dir).frameworks["base"]
    diff = diff_frameworks(base, base)
    assert diff.is_empty


def test_parent_of_an_overlay_is_the_framework_it_extends(tmp_path, frameworks_dir):
    frameworks = catalog(tmp_path, frameworks_dir).frameworks
    assert parent_of(frameworks["local"], frameworks).id == "base"
    assert parent_of(frameworks["base"], frameworks) is None


def test_a_change_of_sizes_is_listed(tmp_path, frameworks_dir):
    write(
        frameworks_dir / "local.yaml",
        OVERLAY.replace("        weight: 3\n", "        weight: 3\n        sizes: [long-term]\n"),
    )
    loaded = load_frameworks(frameworks_dir)
    assert not loaded.errors, loaded.problem_lines()
    diff = diff_frameworks(loaded.get("base"), loaded.get("local"))
    [change] = [c for c in diff.criterion_changes if c.field == "sizes"]
    assert (change.id, change.before, change.after) == ("retention", None, ("long-term",))
