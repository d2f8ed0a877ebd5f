"""Reading and writing YAML safely and fast, refusing hostile files before they cost anything.

Files are only ever read through ``parse_yaml``: libyaml's C parser yields a flat stream of events and a short
loop builds plain Python values from them with PyYAML's *safe* scalar rules, so a tag that would build a Python
object is refused, never executed. The same loop refuses what no partnerfit file needs and an attacker would use:
anchors and aliases (an "alias bomb" of a few hundred bytes expands to gigabytes), nesting deeper than
``MAX_DEPTH`` (libyaml's own composer recurses and crashes the process at a few ten thousand levels; this loop
never recurses) and a key given twice. ``read_text_file`` refuses a file larger than its limit before reading it.
Every error carries the line and column.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.resolver import Resolver

from partnerfit.errors import Message, Problem, ValidationError
from partnerfit.i18n import N_
from partnerfit.text import brief

KIB = 1024
MIB = 1024 * KIB
MAX_ASSESSMENT_BYTES = 1 * MIB
"""An assessment file: about 40 KB with notes on every criterion of the shipped framework; 25x headroom."""
MAX_FRAMEWORK_BYTES = 4 * MIB
"""A framework file (or a snapshot): the shipped global framework is about 100 KB in every language it has."""
MAX_DEPTH = 20
"""Nesting levels of mappings and sequences: a framework needs 7 (a criterion's rubric text per language)."""

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_resolver = Resolver()
_constructor = SafeConstructor()
_SCALAR_CONSTRUCTORS = {
    tag: construct
    for tag, construct in SafeConstructor.yaml_constructors.items()
    if tag is not None
    and tag
    not in (
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:omap",
        "tag:yaml.org,2002:pairs",
        "tag:yaml.org,2002:set",
    )
}


class DuplicateKeyError(ConstructorError):
    """A mapping names the same key twice: YAML would silently keep only the last one."""


class RefusedYamlError(ConstructorError):
    """The file uses something partnerfit files never need and that makes reading it costly (aliases, depth)."""


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, used only to compose nodes for line numbers of text ``parse_yaml`` accepted."""


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SafeDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Writes a value seen twice (the same date object) out again: the reader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar(event: ScalarEvent) -> Any:
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value  # quoted: always a string
        tag = _resolver.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR_TAG:
            return value
    construct = _SCALAR_CONSTRUCTORS.get(tag)
    if construct is None:
        if tag == _MERGE_TAG:
            raise RefusedYamlError(
                None, None, "merge keys ('<<') are not allowed: write the fields out", event.start_mark
            )
        raise ConstructorError(
            None, None, f"could not determine a constructor for the tag {brief(tag)}", event.start_mark
        )
    try:
        return construct(
            _constructor, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        )
    except (ValueError, OverflowError) as error:  # e.g. an impossible date such as 2024-13-45
        raise ConstructorError(
            None, None, f"cannot read {brief(value)}: {brief(str(error))}", event.start_mark
        ) from None


def _load(text: str, max_depth: int) -> Any:
    """Build plain values from libyaml's event stream, iteratively (see the module docstring)."""
    missing = object()
    stack: list[list[Any]] = []  # [container, pending key or ``missing``, {key: line} for mappings]
    root: Any = None
    documents = 0
    for event in yaml.parse(text, Loader=_Parser):
        kind = event.__class__
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _anchor_error(event)
            value = _scalar(event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise _anchor_error(event)
            if event.tag not in _COLLECTION_TAGS:
                raise ConstructorError(
                    None,
                    None,
                    f"could not determine a constructor for the tag {brief(event.tag)}",
                    event.start_mark,
                )
            if len(stack) >= max_depth:
                raise RefusedYamlError(
                    None,
                    None,
                    f"nested deeper than {max_depth} levels: partnerfit files never need that many",
                    event.start_mark,
                )
            stack.append([{}, missing, {}] if kind is MappingStartEvent else [[], None, None])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is AliasEvent:
            raise _anchor_error(event)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,
                )
            continue
        else:
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        container = top[0]
        if container.__class__ is list:
            container.append(value)
        elif top[1] is missing:
            if isinstance(value, list | dict):
                raise ConstructorError(
                    "while constructing a mapping", None, "found unhashable key", event.start_mark
                )
            top[1] = value
            if value in top[2]:
                raise DuplicateKeyError(
                    "while constructing a mapping",
                    None,
                    f"duplicate key {brief(value)} (first given on line {top[2][value]})",
                    event.start_mark,
                )
            top[2][value] = event.start_mark.line + 1
        else:
            container[top[1]] = value
            top[1] = missing
    return root


def _anchor_error(event: Any) -> RefusedYamlError:
    return RefusedYamlError(
        None,
        None,
        "anchors and aliases ('&name', '*name') are not allowed: write the value out where it is used",
        event.start_mark,
    )


def _problem_from_yaml_error(error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    message: str
    if isinstance(error, DuplicateKeyError):
        message = Message(N_("{problem}: give each key once"), problem=problem)
    elif isinstance(error, RefusedYamlError) or str(problem).startswith("cannot read "):
        message = problem
    elif isinstance(error, ConstructorError) and "tag" in str(problem):
        message = Message(
            N_(
                "{problem}: tags are not allowed (files are read with a safe loader and nothing in them is ever "
                "run); remove the tag"
            ),
            problem=problem.strip(),
        )
    else:
        context = getattr(error, "context", None)
        problem = f"{problem} ({context})" if context else problem  # PyYAML's own words stay English
        if column is not None:
            message = Message(
                N_("YAML syntax error: {problem} at column {column}"), problem=problem, column=column
            )
        else:
            message = Message(N_("YAML syntax error: {problem}"), problem=problem)
    return Problem("", message, line)


def parse_yaml(text: str, path: str | Path | None = None, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse YAML text safely (see the module docstring); raise ``ValidationError`` naming file and line."""
    try:
        return _load(text, max_depth)
    except yaml.YAMLError as error:
        raise ValidationError(path, [_problem_from_yaml_error(error)]) from None


def too_large(size: int, max_bytes: int) -> Problem:
    """The problem of a file of ``size`` bytes where at most ``max_bytes`` are allowed."""
    return Problem(
        "",
        Message(
            N_("the file is {size}, larger than the {limit} allowed for this kind of file; it was not read"),
            size=f"{size:,} bytes" if size < 2 * max_bytes else _size(size),
            limit=_size(max_bytes),
        ),
    )


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:.1f} MiB".replace(".0 MiB", " MiB")  # 1 MiB, 1.5 MiB, 37.5 MiB
    return f"{count / KIB:.0f} KiB" if count >= KIB else f"{count} bytes"


def decode_text(data: bytes, path: str | Path | None, *, max_bytes: int) -> str:
    """Bytes of a file (read or uploaded) as text: refused when larger than ``max_bytes`` or not UTF-8."""
    if len(data) > max_bytes:
        raise ValidationError(path, [too_large(len(data), max_bytes)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            path,
            [
                Problem(
                    "",
                    Message(
                        N_("cannot read file: it is not UTF-8 text (byte {position} cannot be decoded)"),
                        position=error.start + 1,
                    ),
                )
            ],
        ) from None


def read_text_file(path: Path, *, max_bytes: int) -> str:
    """Read a UTF-8 file, refusing it unread when larger than ``max_bytes``; problems become a ``ValidationError``."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ValidationError(path, [too_large(size, max_bytes)])
            data = handle.read(max_bytes + 1)  # a file growing meanwhile is still cut at the limit
    except OSError as error:
        problem = Problem("", Message(N_("cannot read file: {reason}"), reason=str(error.strerror or error)))
        raise ValidationError(path, [problem]) from None
    return decode_text(data, path, max_bytes=max_bytes)


def read_yaml_file(path: Path, *, max_bytes: int) -> tuple[str, Any]:
    """Read and parse one YAML file within its size limit: (text, data)."""
    text = read_text_file(path, max_bytes=max_bytes)
    return text, parse_yaml(text, path)


def read_yaml(path: Path, *, max_bytes: int = MAX_FRAMEWORK_BYTES) -> Any:
    """Read and parse one YAML file within its size limit (a framework's unless told)."""
    return read_yaml_file(path, max_bytes=max_bytes)[1]


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
