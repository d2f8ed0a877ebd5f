"""The interface's languages: catalogues complete and in step with the code, fallbacks, plural rules, formats."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from partnerfit import i18n
from partnerfit.cli import cli
from partnerfit.i18n import _, format_date, format_number, format_percent, ngettext, using_language

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "partnerfit" / "locales"
POT = LOCALES / "partnerfit.pot"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def read_catalog(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def message_keys(catalog) -> set[tuple[str, str | None]]:
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}


def test_the_template_holds_every_message_the_code_shows(tmp_path):
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    missing = message_keys(read_catalog(fresh)) - message_keys(read_catalog(POT))
    stale = message_keys(read_catalog(POT)) - message_keys(read_catalog(fresh))
    assert not missing, f"run `make i18n`: the template lacks {sorted(missing)[:10]}"
    assert not stale, f"run `make i18n`: the template still has {sorted(stale)[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language):
    template = read_catalog(POT)
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "partnerfit.po", locale=language)
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, message.context)
        if translated is None:
            problems.append(f"missing: {message.id!r}")
            continue
        if "fuzzy" in translated.flags:
            problems.append(f"fuzzy: {message.id!r}")
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = translated.string if isinstance(translated.string, tuple | list) else (translated.string,)
        if isinstance(message.id, tuple | list) and len(strings) != catalog.num_plurals:
            problems.append(f"{len(strings)} plural forms, {language} has {catalog.num_plurals}: {ids[0]!r}")
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if not string:
                problems.append(f"untranslated: {ids[0]!r}")
            elif set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert not problems, f"{language}: {len(problems)} problem(s):\n" + "\n".join(problems[:40])


def test_a_message_without_translation_falls_back_to_english():
    with using_language("fr"):
        assert _("A sentence no catalogue has, 42.") == "A sentence no catalogue has, 42."


def test_an_unknown_language_falls_back_to_english():
    with using_language("xx") as chosen:
        assert chosen == "en"
        assert _("Language") == "Language"


def test_languages_switch_the_wording():
    with using_language("fr"):
        french = _("Language")
    with using_language("de"):
        german = _("Language")
    assert len({"Language", french, german}) == 3


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [
        (("fr-CH",), "fr"),
        (("de_DE.UTF-8",), "de"),
        (("C.UTF-8", "fr"), "fr"),
        (("es", None), None),
        ((), None),
    ],
)
def test_negotiate_takes_the_first_supported_language(preferences, expected):
    assert i18n.negotiate(*preferences) == expected


def test_plural_forms_follow_each_language():
    message = (
        "{count} framework file has problems: see Frameworks.",
        "{count} framework files have problems: see Frameworks.",
    )
    with using_language("en"):
        assert ngettext(*message, 0) == message[1]
    with using_language("fr"):  # French: 0 and 1 take the singular
        assert ngettext(*message, 0) == ngettext(*message, 1) != ngettext(*message, 2)
    with using_language("de"):
        assert ngettext(*message, 0) == ngettext(*message, 2) != ngettext(*message, 1)


def test_dates_and_numbers_are_written_for_the_language():
    day = dt.date(2026, 11, 29)
    shown = {}
    for language in i18n.LANGUAGES:
        with using_language(language):
            shown[language] = (format_date(day), format_number(1234.5, decimals=1), format_percent(0.25))
    assert shown["en"][1] == "1,234.5"
    assert shown["de"][1] == "1.234,5"
    assert shown["fr"][1].replace("\u202f", " ") == "1 234,5"
    assert [shown[lang][0] for lang in ("en", "fr", "de")] == ["Nov 29, 2026", "29 nov. 2026", "29.11.2026"]
    assert shown["fr"][2].replace("\u202f", " ").replace("\xa0", " ") == "25 %"


def test_the_cli_speaks_the_chosen_language(monkeypatch):
    monkeypatch.delenv("PARTNERFIT_LANG", raising=False)
    english = CliRunner().invoke(cli, ["--lang", "en", "--help"]).output
    assert "--lang" in english
    monkeypatch.setenv("PARTNERFIT_LANG", "de")
    with using_language("de"):
        assert i18n.environment_language() == "de"


def _app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("language", TRANSLATED)
def test_lang_in_the_url_switches_the_sidebar(language):
    at = _app({"lang": language})
    assert not at.exception
    with using_language(language):
        assert at.sidebar.selectbox(key="sidebar_language").label == _("Language") != "Language"
    assert at.session_state["language"] == language


def test_the_sidebar_switch_sets_lang_in_the_url():
    at = _app()
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
    at.sidebar.selectbox(key="sidebar_language").set_value("de").run()
    assert at.session_state["language"] == "de"
    assert "de" in (
        at.query_params["lang"] if isinstance(at.query_params["lang"], list) else [at.query_params["lang"]]
    )
    with using_language("de"):
        assert at.sidebar.selectbox(key="sidebar_language").label == _("Language")


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_compiles_without_errors(language):
    """What `pybabel compile` checks (e.g. a '%' read as a %-format): on a fresh clone a failure stops `make`."""
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "partnerfit.po", locale=language)
    problems = [f"{message.id!r}: {errors}" for message, errors in catalog.check() if errors]
    assert not problems, "\n".join(problems)
