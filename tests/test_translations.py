"""Per-language text files merged into the framework they translate (partnerfit/translations.py)."""

from __future__ import annotations

from conftest import BASE_FRAMEWORK, load_catalog

from partnerfit.text import pick

BILINGUAL_BASE = BASE_FRAMEWORK.replace('version: "1.0.0"\n', 'version: "1.0.0"\nlanguages: [en, fr]\n')

FRENCH = """\
translates: base
language: fr
texts:
  title: Valeurs de base
  scale:
    levels:
      0: {label: Absent}
      1: {label: Faible}
      2: {label: Partiel}
      3: {label: Solide}
      4: {label: Exemplaire}
  bands:
    aligned: {label: Aligné}
    conditional: {label: Sous conditions}
    not-aligned: {label: Non aligné}
  partnership_types:
    content: {label: Don de contenus}
    research: {label: Recherche}
  dimensions:
    openness:
      title: Ouverture
      criteria:
        licence-fit:
          question: Les contenus seront-ils sous licence libre ?
          rubric: {0: NC ou ND seulement, 2: En partie libre, 4: Tout en CC BY-SA ou plus libre}
          red_line: {reason: Conditions non libres}
        pd-respect: {question: Le domaine public reste-t-il public ?}
    privacy:
      title: Vie privée
      criteria:
        reader-data:
          question: Le partenaire demande-t-il des données non publiques ?
          red_line: {reason: Données non publiques hors accord}
        retention: {question: Les données sont-elles gardées le temps nécessaire seulement ?}
"""


def test_translation_file_adds_its_language_to_every_text(tmp_path):
    catalog = load_catalog(tmp_path, {"base.yaml": BILINGUAL_BASE, "base.fr.yaml": FRENCH})
    assert catalog.problem_lines() == []
    framework = catalog.get("base")
    criterion = framework.criterion("licence-fit")
    assert pick(criterion.question, "fr") == "Les contenus seront-ils sous licence libre ?"
    assert pick(criterion.question, "en") == "Will the material be released under a free licence?"
    assert pick(criterion.rubric[2], "fr") == "En partie libre"
    assert pick(framework.bands[0].label, "fr") == "Aligné"


def test_text_missing_from_the_translation_is_reported_against_the_framework(tmp_path):
    partial = FRENCH.replace("        pd-respect: {question: Le domaine public reste-t-il public ?}\n", "")
    catalog = load_catalog(tmp_path, {"base.yaml": BILINGUAL_BASE, "base.fr.yaml": partial})
    assert catalog.get("base") is None
    assert any(
        "base.yaml" in line and "question" in line and "missing in fr" in line
        for line in catalog.problem_lines()
    )


def test_unknown_place_in_a_translation_names_file_place_and_line(tmp_path):
    wrong = FRENCH.replace("pd-respect:", "pd-respekt:")
    catalog = load_catalog(tmp_path, {"base.yaml": BILINGUAL_BASE, "base.fr.yaml": wrong})
    lines = catalog.problem_lines()
    assert any(
        "base.fr.yaml" in line and "pd-respekt" in line and "line 27" in line and "no entry" in line
        for line in lines
    ), lines
    from partnerfit.i18n import using_language

    with using_language("de"):
        german = catalog.problem_lines()
    assert any(
        "pd-respekt" in line and "Zeile 27" in line and "kein Eintrag mit der ID" in line for line in german
    )


def test_translation_of_an_unknown_framework_is_reported(tmp_path):
    catalog = load_catalog(
        tmp_path,
        {"base.yaml": BASE_FRAMEWORK, "x.fr.yaml": FRENCH.replace("translates: base", "translates: nope")},
    )
    assert catalog.get("base") is not None
    assert any("x.fr.yaml" in line and "unknown framework 'nope'" in line for line in catalog.problem_lines())


def test_shipped_global_framework_keeps_french_in_its_own_file():
    from conftest import ROOT

    from partnerfit.catalog import load_frameworks
    from partnerfit.yamlio import read_yaml

    base = read_yaml(ROOT / "frameworks" / "wikimedia-global.yaml")
    assert "fr" in base["languages"]
    assert "Cadre" not in (ROOT / "frameworks" / "wikimedia-global.yaml").read_text(encoding="utf-8")
    framework = load_frameworks(ROOT / "frameworks").get("wikimedia-global")
    assert pick(framework.title, "fr").startswith("Cadre de valeurs")


def test_shipped_global_framework_is_complete_in_german_and_english_fills_what_an_overlay_lacks():
    from conftest import ROOT

    from partnerfit.catalog import load_frameworks

    catalog = load_frameworks(ROOT / "frameworks")
    framework = catalog.get("wikimedia-global")
    assert "de" in framework.languages  # declared, so a missing German text would refuse the framework
    german = [pick(c.question, "de") for c in framework.criteria]
    english = [pick(c.question, "en") for c in framework.criteria]
    assert all(german) and not set(german) & set(english)
    assert pick(framework.title, "de") == "Werterahmen für Wikimedia-Partnerschaften"
    # a local version written in English only: its own criteria read in English in a German session
    overlay = catalog.get("example-south-asia")
    assert "de" not in catalog.documents["example-south-asia"].languages
    own = [c for c in overlay.criteria if c.introduced_by == "example-south-asia"]
    assert own and all(pick(c.question, "de") == pick(c.question, "en") for c in own)
    inherited = overlay.criterion(framework.criteria[0].id)
    assert pick(inherited.question, "de") == german[0]  # the base's German texts stay German
