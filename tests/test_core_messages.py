"""The core's messages in the reader's language (issue 14): recommendations' reasons, region names, roles,
validation problems (found once, shown in any language) and the CLI's human output; ``--json`` stays ids."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, framework_from_yaml, write
from verdict_fixtures import VERDICT_FRAMEWORK

from partnerfit.access import Membership, Viewer, describe
from partnerfit.assessment import REGIONS, Assessment, region_label
from partnerfit.errors import Message, Problem, ValidationError
from partnerfit.i18n import _, using_language
from partnerfit.scoring import score_assessment
from partnerfit.validation import validate_model
from partnerfit.verdict import explain
from partnerfit.yamlio import parse_yaml

FW = framework_from_yaml(VERDICT_FRAMEWORK)
GOOD = {"licence": 4, "public-domain": 4, "continuity": 4, "reader-data": 4}


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerfit", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def assessment(levels: dict) -> Assessment:
    return Assessment.model_validate(
        {
            "id": "verdict-case",
            "framework": {"id": "verdict", "version": "1.0.0"},
            "partner": {"name": "Example Museum"},
            "affiliate": "Example Chapter",
            "region": "North America",
            "partnership_types": ["content"],
            "answers": {cid: {"level": level} for cid, level in levels.items()},
        }
    )


def reasons(levels: dict, language: str) -> tuple[str, ...]:
    a = assessment(levels)
    return explain(FW, a, score_assessment(FW, a), language=language).reasons


@pytest.mark.parametrize(
    ("levels", "english", "french", "german"),
    [
        (
            {**GOOD, "licence": 0},
            "red line licence is hit",
            "la ligne rouge licence est franchie",
            "die rote Linie",
        ),
        (
            {**GOOD, "licence": "na"},
            "answered not applicable",
            "a reçu la réponse «\u00a0sans objet\u00a0»",
            "mit „nicht zutreffend“ beantwortet",
        ),
        (
            GOOD,
            "no red line is hit",
            "aucune ligne rouge n’est franchie",
            "keine rote Linie ist überschritten",
        ),
        ({**GOOD, "reader-data": 0}, "not ours to decide", "ce n’est pas à nous de décider", "nicht unsere"),
    ],
)
def test_the_reasons_of_a_recommendation_are_in_the_chosen_language(levels, english, french, german):
    assert any(english in reason for reason in reasons(levels, "en"))
    assert any(french in reason for reason in reasons(levels, "fr"))
    assert any(german in reason for reason in reasons(levels, "de"))
    assert not any(english in reason for reason in reasons(levels, "fr") + reasons(levels, "de"))


def test_numbers_in_reasons_are_written_the_language_s_way():
    levels = {**GOOD, "public-domain": 3}
    [english] = [r for r in reasons(levels, "en") if "overall score" in r]
    [german] = [r for r in reasons(levels, "de") if "Gesamtwert" in r]
    number = english.split("overall score ")[1].split(" ")[0]
    assert "." in number and number.replace(".", ",") in german


def test_region_names_are_translated_and_stay_ids_in_files():
    with using_language("fr"):
        assert region_label("Sub-Saharan Africa") == "Afrique subsaharienne"
        assert len({region_label(r) for r in REGIONS} & set(REGIONS)) == 0  # every one translated
    with using_language("de"):
        assert region_label("Northern and Western Europe") == "Nord- und Westeuropa"
        assert region_label("Atlantis") == "Atlantis"  # not a region id: shown as written
    assert region_label("South Asia") == "South Asia"


def test_roles_in_the_sidebar_are_translated():
    viewer = Viewer("a@example.org", memberships=(Membership("WMDE", "assessor"),), listed=True)
    assert describe(viewer) == "assessor in WMDE"
    with using_language("de"):
        assert describe(viewer) == "Bewerter*in bei WMDE"


def test_a_problem_found_once_is_shown_in_each_reader_s_language():
    """The app caches what loading found (for every visitor), so a problem keeps its message's template."""
    with pytest.raises(ValidationError) as caught:
        parse_yaml("a: [\n", "frameworks/x.yaml")
    error = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - st.cache_data pickles what it keeps
    assert error.lines()[0].startswith("frameworks/x.yaml: line 2: YAML syntax error")
    with using_language("de"):
        assert error.lines()[0].startswith("frameworks/x.yaml: Zeile 2: YAML-Syntaxfehler")
    with using_language("fr"):
        # file: place: message stays the one layout of a problem line (tools split it), whatever the language
        assert error.lines()[0].startswith("frameworks/x.yaml: ligne 2: Erreur de syntaxe YAML\u00a0:")


def test_pydantic_problems_are_translated_with_their_values():
    from partnerfit.framework_file import FrameworkFile

    with pytest.raises(ValidationError) as caught:
        validate_model(FrameworkFile, {"schema": 1, "id": "Bad Id", "surprise": 1}, "f.yaml")
    english = "\n".join(caught.value.lines())
    assert "id 'Bad Id' must be lower-case letters" in english
    assert "unknown field" in english
    with using_language("de"):
        german = "\n".join(caught.value.lines())
    assert "die ID 'Bad Id' darf nur Kleinbuchstaben" in german
    assert "unbekanntes Feld" in german and "Pflichtfeld fehlt" in german


def test_a_message_is_its_english_text_and_survives_pickling():
    message = Message("level {level} is not on the scale {scale} (or 'na')", level=7, scale="[0, 4]")
    assert message == "level 7 is not on the scale [0, 4] (or 'na')"
    copy = pickle.loads(pickle.dumps(Problem("answers.x.level", message)))  # noqa: S301 - our own bytes
    with using_language("fr"):
        assert (
            copy.render()
            == "answers.x.level: le niveau 7 n’est pas sur l’échelle [0, 4] (ni «\u00a0na\u00a0»)"
        )


@pytest.fixture
def verdict_project(tmp_path):
    write(tmp_path / "frameworks" / "verdict.yaml", VERDICT_FRAMEWORK)
    answers = (
        "{licence: {level: 0}, public-domain: {level: 1}, continuity: {level: 1}, reader-data: {level: 2}}"
    )
    write(
        tmp_path / "assessments" / "blocked.yaml",
        'schema: 2\nid: case-v1\nframework: {id: verdict, version: "1.0.0"}\npartner: {name: Example Museum}\n'
        f"affiliate: Example Chapter\nregion: North America\npartnership_types: [content]\nanswers: {answers}\n",
    )
    return tmp_path


def test_cli_score_speaks_french_with_lang_fr(verdict_project):
    result = run("--lang", "fr", "score", "assessments/blocked.yaml", cwd=verdict_project)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Example Museum (Example Chapter, Amérique du Nord\u00a0; brouillon)" in text
    assert "Cadre\u00a0: verdict 1.0.0" in text
    assert "  car la ligne rouge licence est franchie" in text
    with using_language("fr"):
        decline = _("Decline, or the partner must change:")
    assert decline != "Decline, or the partner must change:" and decline in text
    assert "1. licence\u00a0: actuellement 0, à atteindre 3" in text
    for english in ("Recommendation:", "because", "Decline", "Robustness", "Completeness", "North America"):
        assert english not in text


def test_cli_json_stays_language_neutral(verdict_project):
    english = json.loads(run("score", "assessments/blocked.yaml", "--json", cwd=verdict_project).stdout)
    french = json.loads(
        run("--lang", "fr", "score", "assessments/blocked.yaml", "--json", cwd=verdict_project).stdout
    )
    assert french["recommendation"] == english["recommendation"] == "blocked"
    assert [c["criterion"] for c in french["conditions"]] == [c["criterion"] for c in english["conditions"]]


def test_cli_validation_errors_in_german(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK.replace("weight: 2", "weight: 0"))
    write(tmp_path / "frameworks" / "broken.yaml", "schema: 1\nid: [\n")
    result = run("--lang", "de", "validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "(Zeile " in result.stdout and "muss > 0 sein" in result.stdout
    assert "YAML-Syntaxfehler" in result.stdout
    assert "2 Probleme gefunden." in result.stderr
    assert "must be" not in result.stdout and "line" not in result.stdout


def test_cli_plural_forms_follow_the_count(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(tmp_path / "assessments" / "a.yaml", assessment_yaml())
    assert "OK: 2 files valid." in run("validate", "--assessments", "assessments", cwd=tmp_path).stderr
    assert "OK: 1 file valid." in run("validate", cwd=tmp_path).stderr
    assert "OK\u00a0: 1 fichier valide." in run("--lang", "fr", "validate", cwd=tmp_path).stderr


def test_every_translated_message_of_this_module_differs_from_english():
    for language in ("fr", "de"):
        with using_language(language):
            for message in ("Recent results", "Start a new assessment", "Sign in", "not scored"):
                assert _(message) != message


def test_a_scoring_problem_kept_in_the_cache_is_shown_in_the_reader_s_language(tmp_path):
    from partnerfit.catalog import load_frameworks
    from partnerfit.errors import translated
    from partnerfit.results import score_records
    from partnerfit.store import AssessmentStore

    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(tmp_path / "assessments" / "a.yaml", assessment_yaml().replace("id: base", "id: gone"))
    store = AssessmentStore(tmp_path / "assessments")
    table = score_records(store.load_all().records, load_frameworks(tmp_path / "frameworks"), store)
    [(path, message)] = pickle.loads(pickle.dumps(table.problems))  # noqa: S301 - our own bytes
    assert "unknown framework 'gone'" in message
    with using_language("de"):
        assert translated(message).startswith("unbekannter Rahmen 'gone'")


def test_cli_domain_errors_are_in_the_chosen_language(tmp_path):
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    write(tmp_path / "assessments" / "a.yaml", assessment_yaml().replace("id: base", "id: gone"))
    result = run("--lang", "fr", "score", "assessments/a.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Erreur\u00a0: ") and "cadre inconnu 'gone'" in result.stderr


def test_answers_that_are_not_levels_are_described_in_the_language():
    assert FW.describe_answer(None) == "not answered"
    assert FW.describe_answer("na", "fr") == "sans objet"
    assert FW.describe_answer("unknown", "de") == "unbekannt – beim Partner erfragen"


def test_framework_resolution_problems_are_translated(tmp_path):
    from partnerfit.catalog import load_frameworks

    write(
        tmp_path / "base.yaml",
        BASE_FRAMEWORK.replace("bands:\n", "bands:\n  - {id: aligned, min: 90, label: Top}\n", 1),
    )
    catalog = load_frameworks(tmp_path)
    assert any("duplicate band id 'aligned'" in line for line in catalog.problem_lines())
    with using_language("de"):
        assert any("doppelte Bereichs-ID 'aligned'" in line for line in catalog.problem_lines())


def test_a_problem_kept_in_the_folder_index_is_still_shown_in_the_reader_s_language(tmp_path):
    from partnerfit.store import AssessmentStore

    write(tmp_path / "broken.yaml", "id: [\n")
    AssessmentStore(tmp_path).load_all()  # parses the file and indexes its problem
    [error] = AssessmentStore(tmp_path).load_all().errors  # read back from the index
    assert error.lines()[0].startswith(f"{tmp_path / 'broken.yaml'}: line 2: YAML syntax error")
    with using_language("fr"):
        assert "Erreur de syntaxe YAML" in error.lines()[0]


def test_a_yaml_misreading_hint_is_translated_inside_the_message_that_holds_it():
    from partnerfit.framework_file import FrameworkFile

    with pytest.raises(ValidationError) as caught:
        validate_model(FrameworkFile, {"schema": 1, "id": "x", "version": 1.0}, "f.yaml")
    [version] = [line for line in caught.value.lines() if ": version: " in line]
    assert "YAML read this as a number (1.0); put the text in quotes" in version
    with using_language("de"):
        [german] = [line for line in caught.value.lines() if ": version: " in line]
    assert "YAML hat dies als Zahl (1.0) gelesen" in german


def test_cli_check_speaks_german(tmp_path):
    digest = "a" * 64
    framework = f'{{id: base, version: "1.0.0", digest: "{digest}"}}'
    write(tmp_path / "a.yaml", assessment_yaml(status="final", framework=framework))
    result = run("--lang", "de", "check", "--assessments", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert f"Schnappschuss des Rahmens {digest}.json fehlt" in result.stdout
    assert "1 Problem gefunden." in result.stderr


def test_a_damaged_snapshot_is_explained_in_the_reader_s_language(tmp_path):
    from partnerfit.catalog import load_frameworks
    from partnerfit.errors import translated
    from partnerfit.results import score_records
    from partnerfit.store import SNAPSHOT_DIR, AssessmentStore

    digest = "b" * 64
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    framework = f'{{id: base, version: "1.0.0", digest: "{digest}"}}'
    write(tmp_path / "assessments" / "a.yaml", assessment_yaml(status="final", framework=framework))
    write(tmp_path / "assessments" / SNAPSHOT_DIR / f"{digest}.json", "{not json")
    store = AssessmentStore(tmp_path / "assessments")
    table = score_records(store.load_all().records, load_frameworks(tmp_path / "frameworks"), store)
    [(_path, message)] = table.problems
    assert "is not a usable framework" in message
    with using_language("de"):
        assert "ist kein verwendbarer Rahmen" in translated(message)
