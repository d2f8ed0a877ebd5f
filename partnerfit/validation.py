"""Turning pydantic's errors into partnerfit problems with readable field paths and YAML line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from partnerfit.errors import Message, Problem, ValidationError
from partnerfit.i18n import N_
from partnerfit.yamlio import MAX_FRAMEWORK_BYTES, SafeLoader, read_yaml_file

M = TypeVar("M", bound=pydantic.BaseModel)

_FRIENDLY = {
    "missing": N_("required field is missing"),
    "extra_forbidden": N_("unknown field (check its spelling against the file format in the README)"),
    "greater_than": N_("must be > {gt}"),
    "greater_than_equal": N_("must be >= {ge}"),
    "less_than_equal": N_("must be <= {le}"),
    "literal_error": N_("must be {expected}"),
}
"""Pydantic's error types in partnerfit's words (translated when shown: ``errors.Message``)."""


def _shown(value: Any) -> Any:
    return f"{value:g}" if isinstance(value, float) else value


_MAX_NAME = 60  # a key in a location is user data too: a 1 MB unknown field name is not repeated in full


def format_location(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for an error in a mapping's key; the message names the key
            continue
        if isinstance(part, int) and not isinstance(part, bool):
            path += f"[{part}]"
        else:
            name = str(part) if len(str(part)) <= _MAX_NAME else str(part)[: _MAX_NAME - 3] + "..."
            path += f".{name}" if path else name
    return path


def problems_from_pydantic(error: pydantic.ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    found: list[tuple[tuple[Any, ...], str]] = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        template = _FRIENDLY.get(item["type"])
        context = item.get("ctx") or {}
        if template:
            wanted = {key: _shown(value) for key, value in context.items() if "{" + key + "}" in template}
            message: str = Message(template, **wanted)
        elif "template" in context:  # errors.field_error: a message partnerfit wrote, translatable
            message = Message(context["template"], **{k: v for k, v in context.items() if k != "template"})
        else:
            message = item["msg"]
        if isinstance(message, Message):
            found.append((loc, message))
            continue
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if message and message[0].isupper() and not message[:2].isupper():
            message = message[0].lower() + message[1:]
        found.append((loc, message))
    return found


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(part):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


def compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None


def validate_model(model: type[M], data: Any, path: str | Path | None, text: str | None = None) -> M:
    """Validate parsed YAML against a model; raise ``ValidationError`` listing every problem with its line."""
    if not isinstance(data, dict):
        message = (
            Message(N_("expected a mapping of fields at the top level, the file is empty"))
            if data is None
            else Message(
                N_("expected a mapping of fields at the top level, the file is a {kind}"),
                kind=type(data).__name__,
            )
        )
        raise ValidationError(path, [Problem("", message)])
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        node = compose(text) if text is not None else None
        problems = [
            Problem(format_location(loc), message, line_of(node, loc))
            for loc, message in problems_from_pydantic(error)
        ]
        raise ValidationError(path, problems) from None


def load_model_file(model: type[M], path: Path, *, max_bytes: int = MAX_FRAMEWORK_BYTES) -> M:
    """Read one YAML file safely (refused unread when larger than ``max_bytes``) and validate it against ``model``."""
    text, data = read_yaml_file(path, max_bytes=max_bytes)
    return validate_model(model, data, path, text)
