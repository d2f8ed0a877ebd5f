"""Per-language text files: one framework's texts in one language, kept apart so a reviewer can diff a language.

A translation file is a YAML file in the frameworks folder with ``translates: <framework id>``, ``language`` and
``texts``. ``texts`` mirrors the framework file's tree, with lists of entries keyed by their ``id`` (scale levels
by ``value``)::

    translates: wikimedia-global
    language: fr
    texts:
      title: Cadre de valeurs ...
      bands: {aligned: {label: Aligné}}
      dimensions:
        open-licensing:
          title: Licences libres
          criteria:
            free-licence: {question: ..., rubric: {0: ...}, red_line: {reason: ...}}

Before the framework file is validated, every text named here gets the language added: a plain string ``s``
becomes ``{<first language>: s, fr: ...}``. The merge knows no field names, so any text field of the format can be
translated; a place the framework file does not have is reported as a problem of the translation file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field

from partnerfit.errors import Message, Problem
from partnerfit.framework_file import FileModel, Id, Language
from partnerfit.i18n import N_
from partnerfit.validation import compose, line_of, validate_model

_ENTRY_KEYS = ("id", "value")  # how a list's entries are named in ``texts``


class TranslationFile(FileModel):
    """One framework's texts in one language."""

    translates: Id = Field(description="Id of the framework whose texts these are")
    language: Language
    texts: dict[str, Any]

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Translation:
    path: Path
    text: str
    document: TranslationFile


def is_translation(data: Any) -> bool:
    """Whether parsed YAML is a translation file rather than a framework file."""
    return isinstance(data, dict) and "translates" in data


def read_translation(data: Any, path: Path, text: str) -> Translation:
    """Validate a parsed translation file; raise ``ValidationError`` naming file, place and line."""
    return Translation(path, text, validate_model(TranslationFile, data, path, text))


def apply_translation(framework_data: dict[str, Any], translation: Translation) -> list[Problem]:
    """Add the translation's texts to the parsed framework file in place; return the places that do not exist."""
    languages = framework_data.get("languages") or ["en"]
    first = languages[0] if isinstance(languages, list) and isinstance(languages[0], str) else "en"
    merger = _Merger(translation.document.language, first)
    merger.merge(framework_data, translation.document.texts, ("texts",))
    if not merger.problems:
        return []
    node = compose(translation.text)
    return [Problem(_location(loc), message, line_of(node, loc)) for loc, message in merger.problems]


class _Merger:
    def __init__(self, language: str, first_language: str):
        self.language = language
        self.first_language = first_language
        self.problems: list[tuple[tuple[Any, ...], str]] = []

    def merge(self, target: dict[str, Any], texts: Any, loc: tuple[Any, ...]) -> None:
        if not isinstance(texts, dict):
            self.problems.append((loc, Message(N_("expected a mapping of field names"))))
            return
        for key, value in texts.items():
            place = (*loc, key)
            found = _find_key(target, key)
            if found is None:
                self.problems.append(
                    (place, Message(N_("the framework file has no {key} here"), key=repr(key)))
                )
                continue
            current = target[found]
            if isinstance(value, str):
                merged = self._text(current, value, place)
                if merged is not None:
                    target[found] = merged
            elif isinstance(current, list):
                self._merge_entries(current, value, place)
            elif isinstance(current, dict):
                self.merge(current, value, place)
            else:
                self.problems.append((place, Message(N_("expected a text here"))))

    def _merge_entries(self, entries: list[Any], texts: Any, loc: tuple[Any, ...]) -> None:
        if not isinstance(texts, dict):
            self.problems.append((loc, Message(N_("expected a mapping from entry id to its texts"))))
            return
        for key, value in texts.items():
            entry = next((e for e in entries if isinstance(e, dict) and _names(e, key)), None)
            if entry is None:
                self.problems.append(
                    ((*loc, key), Message(N_("no entry with id {key} in the framework file"), key=repr(key)))
                )
                continue
            self.merge(entry, value, (*loc, key))

    def _text(self, current: Any, translated: str, loc: tuple[Any, ...]) -> Any:
        if isinstance(current, str):
            return {self.first_language: current, self.language: translated}
        if _is_text_mapping(current):
            if self.language in current:
                self.problems.append(
                    (
                        loc,
                        Message(
                            N_("the framework file already has this text in {language}"),
                            language=self.language,
                        ),
                    )
                )
                return None
            return {**current, self.language: translated}
        self.problems.append((loc, Message(N_("the framework file has no text here"))))
        return None


def _find_key(mapping: dict[Any, Any], key: Any) -> Any:
    """The key of ``mapping`` equal to ``key``, also when one side is a rubric level read as a number."""
    if key in mapping:
        return key
    return next((k for k in mapping if str(k) == str(key)), None)


def _names(entry: dict[str, Any], key: Any) -> bool:
    return any(name in entry and str(entry[name]) == str(key) for name in _ENTRY_KEYS)


def _is_text_mapping(value: Any) -> bool:
    """A {language: text} mapping, as opposed to a mapping of fields or of rubric levels."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and len(k) <= 8 and isinstance(v, str) for k, v in value.items())
    )


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)
