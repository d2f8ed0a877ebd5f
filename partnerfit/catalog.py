"""Loading every framework file under a folder and resolving overlays, one bad file never stopping the rest."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.errors import Problem, ValidationError
from partnerfit.framework import Framework
from partnerfit.framework_file import FrameworkFile
from partnerfit.resolve import apply_overlay, resolve_base
from partnerfit.translations import Translation, apply_translation, is_translation, read_translation
from partnerfit.validation import compose, line_of, validate_model
from partnerfit.yamlio import parse_yaml


def scan_yaml_files(directory: Path) -> dict[str, os.stat_result]:
    """YAML files below ``directory`` with their stat, sorted by path, skipping dot-folders (caches, snapshots)."""
    found: dict[str, os.stat_result] = {}
    for current, folders, files in os.walk(directory):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = os.path.join(current, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = stat
    return dict(sorted(found.items()))


def iter_yaml_files(directory: Path) -> Iterator[Path]:
    """YAML files below ``directory``, sorted, skipping anything inside a dot-folder (caches, snapshots)."""
    for path in scan_yaml_files(Path(directory)):
        yield Path(path)


@dataclass
class FrameworkCatalog:
    """The frameworks that resolved, by id, and the files that did not, each with every problem found."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    documents: dict[str, FrameworkFile] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)

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

    Translation files (``translates: <id>``, see ``translations.py``) add their language's texts to the framework
    file they name before it is validated.
    """
    catalog = FrameworkCatalog()
    paths: dict[str, Path] = {}
    parsed: list[tuple[Path, str, object]] = []
    translations: dict[str, list[Translation]] = {}
    for path in iter_yaml_files(Path(directory)):
        try:
            text, data = _read(path)
            if is_translation(data):
                translation = read_translation(data, path, text)
                translations.setdefault(translation.document.translates, []).append(translation)
                continue
        except ValidationError as error:
            catalog.errors.append(error)
            continue
        parsed.append((path, text, data))
    for path, text, data in parsed:
        framework_id = data.get("id") if isinstance(data, dict) else None
        for translation in translations.pop(framework_id, []) if isinstance(framework_id, str) else []:
            problems = apply_translation(data, translation)  # type: ignore[arg-type]
            if problems:
                catalog.errors.append(ValidationError(translation.path, problems))
        try:
            doc = validate_model(FrameworkFile, data, path, text)
        except ValidationError as error:
            catalog.errors.append(error)
            continue
        if doc.id in catalog.documents:
            message = f"framework id {doc.id!r} is already used by {paths[doc.id]}"
            catalog.errors.append(ValidationError(path, [Problem("id", message, _line(path, ("id",)))]))
            continue
        catalog.documents[doc.id] = doc
        paths[doc.id] = path
    for framework_id, orphans in translations.items():
        for translation in orphans:
            message = f"unknown framework {framework_id!r} (no framework file has that id)"
            catalog.errors.append(
                ValidationError(
                    translation.path,
                    [Problem("translates", message, _line(translation.path, ("translates",)))],
                )
            )
    failed: set[str] = set()
    for framework_id in list(catalog.documents):
        _resolve(framework_id, (), catalog, paths, failed)
    return catalog


def _read(path: Path) -> tuple[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(path, [Problem("", f"cannot read file: {error}")]) from None
    return text, parse_yaml(text, path)


def _resolve(
    framework_id: str,
    chain: tuple[str, ...],
    catalog: FrameworkCatalog,
    paths: dict[str, Path],
    failed: set[str],
) -> Framework | None:
    """Resolve one framework (its parents first), recording it or its problems in ``catalog``."""
    if framework_id in catalog.frameworks or framework_id in failed:
        return catalog.frameworks.get(framework_id)
    doc = catalog.documents[framework_id]
    path = paths[framework_id]
    framework: Framework | None = None
    problems: list[Problem] = []
    if doc.extends is None:
        framework, problems = resolve_base(doc, str(path))
    elif doc.extends in chain or doc.extends == framework_id:
        problems = [
            _extends_problem(path, f"cycle of extends: {' -> '.join((*chain, framework_id, doc.extends))}")
        ]
    elif doc.extends not in catalog.documents:
        problems = [_extends_problem(path, f"unknown framework {doc.extends!r} (no loaded file has that id)")]
    else:
        parent = _resolve(doc.extends, (*chain, framework_id), catalog, paths, failed)
        if parent is None:
            problems = [
                _extends_problem(path, f"extends {doc.extends!r}, which did not load (see its problems)")
            ]
        else:
            framework, problems = apply_overlay(parent, doc, str(path))
    if framework is None:
        failed.add(framework_id)
        catalog.errors.append(ValidationError(path, _with_lines(path, problems)))
        return None
    catalog.frameworks[framework_id] = framework
    return framework


def _extends_problem(path: Path, message: str) -> Problem:
    return Problem("extends", message, _line(path, ("extends",)))


def _line(path: Path, loc: tuple[str | int, ...]) -> int | None:
    try:
        return line_of(compose(path.read_text(encoding="utf-8")), loc)
    except OSError:
        return None


def _with_lines(path: Path, problems: list[Problem]) -> list[Problem]:
    """Add YAML line numbers to problems found after validation, from their field paths."""
    if all(p.line is not None for p in problems):
        return problems
    try:
        node = compose(path.read_text(encoding="utf-8"))
    except OSError:
        return problems
    result = []
    for problem in problems:
        if problem.line is None and problem.location:
            problem = Problem(
                problem.location, problem.message, line_of(node, _parse_location(problem.location))
            )
        result.append(problem)
    return result


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
