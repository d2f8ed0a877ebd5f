"""Human-readable texts: a plain string, or a mapping from language code to string."""

from __future__ import annotations

import datetime as dt
import reprlib
import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from partnerfit.errors import Message, field_error
from partnerfit.i18n import N_

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"


_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxdict = _short.maxtuple = _short.maxset = 10
_short.maxlevel = 2


def brief(value: Any, limit: int = 80) -> str:
    """A repr of user data for an error message, never longer than about ``limit`` characters."""
    text = _short.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_yaml_scalar(value: Any) -> str | None:
    """Name what YAML made of an unquoted scalar that was meant as text, or None if it is text."""
    if isinstance(value, bool):
        return Message(N_("a boolean ({value})"), value=str(value).lower())
    if isinstance(value, int | float):
        return Message(N_("a number ({value})"), value=str(value))
    if isinstance(value, dt.date | dt.datetime):
        return Message(N_("a date ({value})"), value=value.isoformat())
    if value is None:
        return Message(N_("empty (null)"))
    return None


def quote_hint(value: Any) -> str:
    return Message(N_("YAML read this as {kind}; put the text in quotes"), kind=describe_yaml_scalar(value))


def _check_text(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            raise field_error("text", N_("text is empty"))
        return value
    if isinstance(value, dict):
        checked: dict[str, str] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise field_error(
                    "text",
                    N_("language key {key}: {hint} (for example 'no': ...)"),
                    key=brief(key),
                    hint=quote_hint(key),
                )
            if not isinstance(item, str):
                kind = describe_yaml_scalar(item)
                if kind is None:
                    raise field_error("text", N_("text in {key} must be a string"), key=key)
                raise field_error("text", N_("text in {key}: {hint}"), key=key, hint=quote_hint(item))
            if not item.strip():
                raise field_error("text", N_("text in {key} is empty"), key=key)
            checked[key] = item
        if not checked:
            raise field_error("text", N_("text has no language"))
        return checked
    kind = describe_yaml_scalar(value)
    if kind is not None:
        raise field_error("text", N_("YAML read this as {kind}; put the text in quotes"), kind=kind)
    raise field_error("text", N_("must be a string or a mapping of language code to string"))


Text = Annotated[
    str | dict[str, str],
    BeforeValidator(_check_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "A text, or a mapping of language code to text, e.g. {en: ..., fr: ...}",
        }
    ),
]


def pick(text: str | dict[str, str] | None, language: str, fallback: str = "en") -> str:
    """The text in ``language``, else in ``fallback``, else in any language it has ('' for no text)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for lang in (language, fallback):
        if lang in text:
            return text[lang]
    return next(iter(text.values()), "")


def missing_languages(text: str | dict[str, str] | None, languages: list[str]) -> list[str]:
    """Languages of ``languages`` that ``text`` lacks; a plain string counts as the first language."""
    if text is None:
        return []
    languages = list(dict.fromkeys(languages))  # a language listed twice is reported once, elsewhere
    if isinstance(text, str):
        return languages[1:]
    return [lang for lang in languages if lang not in text]


# Bidirectional overrides and isolates: they reorder what a terminal shows around them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def first_control_character(text: str) -> tuple[int, str] | None:
    """The position and ``U+XXXX`` name of the first control character (category Cc) in ``text``, if any."""
    for position, char in enumerate(text):
        if unicodedata.category(char) == "Cc":
            return position, f"U+{ord(char):04X}"
    return None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters other than line feed and tab, and bidirectional
    controls, shown as escapes (``\\x1b``, ``\\u202e``) instead of acting on the terminal."""
    if text.isprintable():
        return text
    return "".join(
        char
        if char in "\n\t" or (unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS)
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )
