"""One error tree for partnerfit: every failure the core reports is a ``PartnerfitError``.

Core code never prints and never exits; the CLI and the app turn these into messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PartnerfitError(Exception):
    """Base of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where it is (a field path, maybe a line) and what is wrong."""

    location: str
    message: str
    line: int | None = None

    def render(self, path: str | Path | None = None) -> str:
        place = self.location
        if self.line is not None:
            place = f"{place} (line {self.line})" if place else f"line {self.line}"
        place = place or "(whole file)"
        prefix = f"{path}: " if path else ""
        return f"{prefix}{place}: {self.message}"


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


NOT_FOUND = "not found or no access"
"""What a missing assessment and one the viewer may not read both say (``store.NotFoundError``)."""
