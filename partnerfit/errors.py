"""One error tree for partnerfit: every failure the core reports is a ``PartnerfitError``.

Core code never prints and never exits; the CLI and the app turn these into messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from partnerfit.i18n import N_, _


class Message(str):
    """A message that is English text (``str()``, logs, tests) and can be shown in any language later:
    ``translated()`` looks its template up in the current language's catalogue and fills in the same values.

    Problems are found once and cached across visitors, so they keep the template, not one language's text. Mark
    the template with ``N_()`` so that it is extracted: ``Message(N_("level {level} is not on the scale"),
    level=5)``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = template.format(**params) if params else template
        message = super().__new__(cls, text)
        message.template, message.params = template, params
        return message

    def __reduce__(self):
        return (_message, (self.template, self.params))

    def translated(self) -> str:
        params = {key: translated(value) for key, value in self.params.items()}
        return _(self.template).format(**params) if params else _(self.template)


def _message(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def translated(text: Any) -> Any:
    """``text`` in the current language when it is a ``Message``; anything else as it is."""
    return text.translated() if isinstance(text, Message) else text


def message_of(error: BaseException) -> str:
    """An error's message, kept translatable when it was raised with a ``Message``."""
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def field_error(kind: str, template: str, /, **params: Any) -> PydanticCustomError:
    """A pydantic error whose message can be translated when shown (``validation.problems_from_pydantic``)."""
    return PydanticCustomError(kind, template.format(**params), {"template": template, **params})


class PartnerfitError(Exception):
    """Base of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where it is (a field path, maybe a line) and what is wrong."""

    location: str
    message: str
    line: int | None = None

    def render(self, path: str | Path | None = None) -> str:
        """``file: place (line N): message`` in the current language (file and place are ids, never translated)."""
        place = self.location
        if self.line is not None:
            place = (
                _("{place} (line {line})").format(place=place, line=self.line)
                if place
                else _("line {line}").format(line=self.line)
            )
        place = place or _("(whole file)")
        prefix = f"{path}: " if path else ""
        return f"{prefix}{place}: {translated(self.message)}"


class ValidationError(PartnerfitError):
    """A file (or in-memory document) broke one or more rules; every problem is listed, not only the first."""

    def __init__(self, path: str | Path | None, problems: list[Problem]):
        self.path = str(path) if path is not None else None
        self.problems = list(problems)
        super().__init__(self.render())

    def __reduce__(self):
        return (type(self), (self.path, self.problems))  # picklable (Streamlit's cache_data pickles results)

    def render(self) -> str:
        return "\n".join(p.render(self.path) for p in self.problems)

    def lines(self) -> list[str]:
        return [p.render(self.path) for p in self.problems]


class StoreError(PartnerfitError):
    """The store cannot do what was asked (disk full, read-only folder, no permission): the message says what."""


class FrameworkNotFoundError(PartnerfitError):
    """An assessment names a framework (or a version of it) that is neither loaded (nor given by two files) nor
    snapshotted."""


class SaveConflictError(PartnerfitError):
    """Someone else saved a newer revision of the file since it was read: saving would overwrite their work.

    ``current`` is the stored version (an ``Assessment``) when the store could read it, so the app can show what
    the other person changed."""

    def __init__(self, message: str, *, current: object | None = None):
        super().__init__(message)
        self.current = current


class AccessDeniedError(PartnerfitError):
    """The viewer may read an assessment but not make this change to it (or may not create it)."""


NOT_FOUND = N_("not found or no access")
"""What a missing assessment and one the viewer may not read both say (``store.NotFoundError``)."""
