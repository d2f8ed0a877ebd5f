"""The interface's own wording in the movement's languages: gettext catalogues (Babel), plural rules, and dates
and numbers formatted for the language.

Every user-visible string goes through ``_()`` (or ``ngettext`` when it counts something) with ``str.format``
named placeholders: ``_("Step {current} of {total}").format(current=2, total=7)``. Module-level constants are
marked with ``N_()`` and translated where they are shown. Framework texts are not here: they are data, translated
per language in the framework files (``partnerfit.translations``).

The language of a call is, in order: the one set with ``using_language`` (the CLI's ``--lang``, a report written
in a chosen language), the one the registered provider gives (the app registers one that reads the visitor's
session), else English. A message with no translation falls back to English.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext as _gettext
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from babel import Locale, UnknownLocaleError, dates, numbers

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "gettext",
    "ngettext",
    "negotiate",
    "set_language",
    "set_language_provider",
    "using_language",
]

DOMAIN = "partnerfit"
LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
# The interface languages (each but English has a catalogue), with their names as their speakers write them.
LANGUAGES = {"en": "English", "fr": "Français", "de": "Deutsch"}

_explicit: contextvars.ContextVar[str | None] = contextvars.ContextVar("partnerfit_language", default=None)
_provider: Callable[[], str | None] | None = None


def set_language_provider(provider: Callable[[], str | None] | None) -> None:
    """Where the language comes from when none was set with ``using_language`` (the app: the visitor's session)."""
    global _provider
    _provider = provider


def set_language(language: str | None) -> str:
    """Use ``language`` from now on in this context (the CLI, for the whole command); returns the one chosen."""
    chosen = negotiate(language) or DEFAULT_LANGUAGE
    _explicit.set(chosen)
    return chosen


@contextmanager
def using_language(language: str | None) -> Iterator[str]:
    """Within the block, ``_()`` and the formatters use ``language`` (negotiated; English if unsupported)."""
    chosen = negotiate(language) or DEFAULT_LANGUAGE
    token = _explicit.set(chosen)
    try:
        yield chosen
    finally:
        _explicit.reset(token)


def current_language() -> str:
    explicit = _explicit.get()
    if explicit:
        return explicit
    if _provider is not None:
        provided = negotiate(_provider())
        if provided:
            return provided
    return DEFAULT_LANGUAGE


def negotiate(*preferences: str | None) -> str | None:
    """The first interface language among ``preferences`` ('fr', 'fr-CH', 'de_DE.UTF-8', ...), or None."""
    for preference in preferences:
        if not preference:
            continue
        tag = preference.split(".")[0].replace("_", "-").lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate in LANGUAGES:
                return candidate
    return None


@functools.cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue for ``language`` (English: the messages themselves). The compiled ``.mo`` is used when it
    is at least as new as the ``.po``; otherwise the ``.po`` is read directly, so an edited catalogue never
    shows stale wording."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    folder = LOCALES_DIR / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.exists():
        return _from_po(po, language)
    return _gettext.NullTranslations()


def _from_po(po: Path, language: str) -> _gettext.NullTranslations:
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    """``message`` in the current language (English when the catalogue lacks it)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message the current language's plural rules pick for ``count``."""
    return translations(current_language()).ngettext(singular, plural, count)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks a constant for extraction without translating it; translate it with ``_()`` where it is shown."""
    return message


def _locale() -> Locale:
    try:
        return Locale.parse(current_language())
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def format_date(value: dt.date | dt.datetime | None, format: str = "medium") -> str:  # noqa: A002
    """A date as the current language writes it ('29 Nov 2026', '29 nov. 2026', '29.11.2026'); '' for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return dates.format_date(value, format=format, locale=_locale())


def format_datetime(value: dt.datetime | None, format: str = "medium") -> str:  # noqa: A002
    if value is None:
        return ""
    return dates.format_datetime(value, format=format, locale=_locale())


def format_number(value: float | int | None, *, decimals: int | None = None) -> str:
    """A number with the language's decimal and group separators ('1,234.5', '1 234,5', '1.234,5')."""
    if value is None:
        return ""
    if decimals is None:
        return numbers.format_decimal(value, locale=_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(value, format=pattern, locale=_locale())


def format_percent(value: float | None, *, decimals: int = 0) -> str:
    """A fraction (0.25) as a percentage in the language's style ('25%', '25 %')."""
    if value is None:
        return ""
    locale = _locale()
    pattern = locale.percent_formats[None].pattern  # '#,##0%', '#,##0\u00a0%', ...
    if decimals:
        head, _zero, tail = pattern.rpartition("0")
        pattern = f"{head}0.{'0' * decimals}{tail}"
    return numbers.format_percent(value, format=pattern, locale=locale)


def environment_language() -> str | None:
    """The language the command line asks for: ``PARTNERFIT_LANG``, then the usual locale variables."""
    return negotiate(
        os.environ.get("PARTNERFIT_LANG"),
        *(os.environ.get(name, "").split(":")[0] for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")),
    )
