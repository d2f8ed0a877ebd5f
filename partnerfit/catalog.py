"""Loading every framework file under a folder and resolving overlays, one bad file never stopping the rest."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.errors import Message, Problem, ValidationError
from partnerfit.framework import Framework
from partnerfit.framework_file import FrameworkFile
from partnerfit.i18n import N_
from partnerfit.resolve import apply_overlay, resolve_base
from partnerfit.text import brief
from partnerfit.translations import Translation, apply_translation, is_translation, read_translation
from partnerfit.validation import compose, line_of, validate_model
from partnerfit.yamlio import MAX_FRAMEWORK_BYTES, parse_yaml, read_text_file

SNAPSHOT_FOLDER = ".snapshots"


def scan_yaml_files(directory: Path | str, *, with_snapshots: bool = False) -> dict[str, os.stat_result]:
    """YAML files below ``directory`` with their stat, sorted by path: the one walk over a data folder.

    Dot-folders (caches, snapshots) and dot-files are skipped; ``with_snapshots`` adds the snapshot files
    (``.snapshots/*.json``), for a key of everything a load depends on.
    """
    found: dict[str, os.stat_result] = {}
    for current, folders, files in os.walk(directory):
        folders[:] = [
            n for n in folders if not n.startswith(".") or (with_snapshots and n == SNAPSHOT_FOLDER)
        ]
        in_snapshots = with_snapshots and os.path.basename(current) == SNAPSHOT_FOLDER
        for name in files:
            if name.startswith(".") or not name.endswith(".json" if in_snapshots else (".yaml", ".yml")):
                continue
            path = os.path.join(current, name)
            try:
                found[path] = os.stat(path)
            except OSError:
                continue
    return dict(sorted(found.items()))


def iter_yaml_files(directory: Path | str) -> Iterator[Path]:
    """The paths of ``scan_yaml_files(directory)``."""
    return map(Path, scan_yaml_files(directory))


_TOP_LEVEL_ID = re.compile(r"""^id:[ \t]*["']?([a-z0-9_-]+)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


@dataclass
class FrameworkCatalog:
    """The frameworks that resolved, by id, and the files that did not, each with every problem found."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    documents: dict[str, FrameworkFile] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # id -> the files that all give it

    def get(self, framework_id: str) -> Framework | None:
        return self.frameworks.get(framework_id)

    def overlays_of(self, framework_id: str) -> list[Framework]:
        return [
            f
            for f in self.frameworks.values()
            if f.id != framework_id and framework_id in (item[0] for item in f.lineage)
        ]

    def problem_lines(self) -> list[str]:
        return [line for error in self.errors for line in error.lines()]


def load_frameworks(directory: Path | str) -> FrameworkCatalog:
    """Load and resolve every framework file below ``directory``: first validate each file, then resolve.

    An id given by two or more files (valid or not, even unreadable YAML with a top-level ``id:`` line) makes
    every one of them unusable, with an error naming the
    others: which of them was meant cannot be guessed, and letting one win could hide a red line.

    Translation files (``translates: <id>``, see ``translations.py``) add their language's texts to the framework
    file they name before it is validated.
    """
    catalog = FrameworkCatalog()
    sources: dict[str, _Source] = {}
    claims: dict[str, list[_Source]] = {}  # id -> every file giving that id, valid or not
    parsed: list[tuple[_Source, str | None, object]] = []
    translations: dict[str, list[Translation]] = {}
    for path in iter_yaml_files(directory):
        source, framework_id, data = _Source(path, ""), None, None
        try:
            source.text = read_text_file(path, max_bytes=MAX_FRAMEWORK_BYTES)
            match = _TOP_LEVEL_ID.search(source.text)  # still known when the rest of the file is broken
            framework_id = match.group(1) if match else None
            data = parse_yaml(source.text, path)
            if is_translation(data):
                translation = read_translation(data, path, source.text)
                translations.setdefault(translation.document.translates, []).append(translation)
                continue
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                framework_id = data["id"]
        except ValidationError as error:
            catalog.errors.append(error)
            data = None
        if isinstance(framework_id, str):
            claims.setdefault(framework_id, []).append(source)
        if data is not None:
            parsed.append((source, framework_id, data))
    for source, framework_id, data in parsed:
        for translation in translations.pop(framework_id, []) if isinstance(framework_id, str) else []:
            problems = apply_translation(data, translation)  # type: ignore[arg-type]
            if problems:
                catalog.errors.append(ValidationError(translation.path, problems))
        try:
            doc = validate_model(FrameworkFile, data, source.path, source.text)
        except ValidationError as error:
            catalog.errors.append(error)
            continue
        catalog.documents[doc.id] = doc
        sources[doc.id] = source
    for framework_id, orphans in translations.items():
        for translation in orphans:
            message = Message(
                N_("unknown framework {framework} (no framework file has that id)"),
                framework=brief(framework_id),
            )
            catalog.errors.append(
                ValidationError(
                    translation.path,
                    [
                        Problem(
                            "translates",
                            message,
                            _Source(translation.path, translation.text).line(("translates",)),
                        )
                    ],
                )
            )
    duplicated = {framework_id for framework_id, files in claims.items() if len(files) > 1}
    for framework_id in duplicated:
        catalog.documents.pop(framework_id, None)
        files = claims[framework_id]
        catalog.ambiguous[framework_id] = [str(source.path) for source in files]
        for source in files:
            others = ", ".join(str(other.path) for other in files if other is not source)
            message = Message(
                N_(
                    "framework id {framework} is also given by {files}: none of these files is used until each "
                    "has an id of its own"
                ),
                framework=brief(framework_id),
                files=others,
            )
            catalog.errors.append(
                ValidationError(source.path, [Problem("id", message, source.line(("id",)))])
            )
    resolver = _Resolver(catalog, sources, duplicated)
    for framework_id in list(catalog.documents):
        resolver.resolve(framework_id, ())
    return catalog


@dataclass
class _Source:
    """A framework file and its text (for line numbers of problems found after validation)."""

    path: Path
    text: str

    def line(self, loc: tuple[str | int, ...]) -> int | None:
        return line_of(compose(self.text), loc) if self.text else None

    def with_lines(self, problems: list[Problem]) -> list[Problem]:
        """Add YAML line numbers to problems found after validation, from their field paths."""
        if all(p.line is not None for p in problems) or not self.text:
            return problems
        node = compose(self.text)
        return [
            Problem(p.location, p.message, line_of(node, _parse_location(p.location)))
            if p.line is None and p.location
            else p
            for p in problems
        ]


@dataclass
class _Resolver:
    catalog: FrameworkCatalog
    sources: dict[str, _Source]
    duplicated: set[str]
    failed: set[str] = field(default_factory=set)

    def resolve(self, framework_id: str, chain: tuple[str, ...]) -> Framework | None:
        """Resolve one framework (its parents first), recording it or its problems in the catalog."""
        catalog = self.catalog
        if framework_id in catalog.frameworks or framework_id in self.failed:
            return catalog.frameworks.get(framework_id)
        doc = catalog.documents[framework_id]
        source = self.sources[framework_id]
        framework: Framework | None = None
        problems: list[Problem] = []
        parent_id = doc.extends
        if parent_id is None:
            framework, problems = resolve_base(doc, str(source.path))
        elif parent_id in chain or parent_id == framework_id:
            problems = [
                self._extends(
                    source,
                    Message(
                        N_("cycle of extends: {chain}"), chain=" -> ".join((*chain, framework_id, parent_id))
                    ),
                )
            ]
        elif parent_id in self.duplicated:
            problems = [
                self._extends(
                    source,
                    Message(
                        N_(
                            "extends {framework}, an id given by several files, so which one is meant is ambiguous "
                            "(see their problems)"
                        ),
                        framework=brief(parent_id),
                    ),
                )
            ]
        elif parent_id not in catalog.documents:
            problems = [
                self._extends(
                    source,
                    Message(
                        N_("unknown framework {framework} (no loaded file has that id)"),
                        framework=brief(parent_id),
                    ),
                )
            ]
        else:
            parent = self.resolve(parent_id, (*chain, framework_id))
            if parent is None:
                problems = [
                    self._extends(
                        source,
                        Message(
                            N_("extends {framework}, which did not load (see its problems)"),
                            framework=brief(parent_id),
                        ),
                    )
                ]
            else:
                framework, problems = apply_overlay(parent, doc, str(source.path))
        if framework is None:
            self.failed.add(framework_id)
            catalog.errors.append(ValidationError(source.path, source.with_lines(problems)))
            return None
        catalog.frameworks[framework_id] = framework
        return framework

    @staticmethod
    def _extends(source: _Source, message: str) -> Problem:
        return Problem("extends", message, source.line(("extends",)))


def _parse_location(location: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for piece in location.replace("[", ".[").split("."):
        if not piece:
            continue
        if piece.startswith("[") and piece.endswith("]"):
            parts.append(int(piece[1:-1]))
        else:
            parts.append(int(piece) if piece.isdigit() else piece)
    return tuple(parts)
