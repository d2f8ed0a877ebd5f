"""Reading and writing YAML safely and fast.

Files are only ever read with a *safe* loader (libyaml's ``CSafeLoader`` when available): a tag that would build a
Python object is refused, never executed. Syntax errors carry the line and column.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from partnerfit.errors import Problem, ValidationError

_MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names the same key twice: YAML would silently keep only the last one."""


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when available) that also refuses a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        keys = [key for key, _ in node.value] if isinstance(node, yaml.MappingNode) else []
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(keys):  # cheap test first: fewer entries than keys means a repeat (or a merge)
            seen: dict = {}
            for key_node in keys:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node)
                if isinstance(key, list | dict):
                    continue
                if key in seen:
                    raise DuplicateKeyError(
                        "while constructing a mapping",
                        seen[key].start_mark,
                        f"duplicate key {key!r} (first given on line {seen[key].start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return mapping


SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _problem_from_yaml_error(error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, DuplicateKeyError):
        message = f"{problem}: give each key once"
    elif isinstance(error, yaml.constructor.ConstructorError) and "tag" in str(problem):
        message = (
            f"{problem.strip()}: tags are not allowed (files are read with a safe loader and nothing in "
            "them is ever run); remove the tag"
        )
    else:
        context = getattr(error, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        if column is not None:
            message += f" at column {column}"
    return Problem("", message, line)


def parse_yaml(text: str, path: str | Path | None = None) -> Any:
    """Parse YAML text with the safe loader; raise ``ValidationError`` naming file and line on any error."""
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader / CSafeLoader only
    except yaml.YAMLError as error:
        raise ValidationError(path, [_problem_from_yaml_error(error)]) from None


def read_yaml(path: Path) -> Any:
    """Read and parse one YAML file; unreadable or undecodable files become a ``ValidationError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(path, [Problem("", f"cannot read file: {error}")]) from None
    return parse_yaml(text, path)


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style, human-readable YAML that keeps key order."""
    return yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


FILE_MODE = 0o640
"""Saved assessments and snapshots name institutions and hold a team's notes: owner and group only (less if the
umask says so)."""


def write_atomically(path: Path, text: str, *, mode: int = FILE_MODE) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half of one.

    The data is flushed to disk before the rename, and the folder after it, so a power loss cannot roll the save
    back or leave an empty file. A crash leaves at most a ``.<name>.*.tmp`` file, which the store clears later.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows has no such modes
            os.fchmod(fd, mode & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); where a folder cannot be opened (Windows) there is no need."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
