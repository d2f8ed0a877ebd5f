"""Rules about the code: a pure core without Streamlit, safe YAML loading only, a truthful ``__all__``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

import partnerfit

PACKAGE = ROOT / "partnerfit"
UI = PACKAGE / "ui"
CONSTRUCTING = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader"}
UNSAFE_LOADERS = {"Loader", "CLoader", "FullLoader", "CFullLoader", "UnsafeLoader", "CUnsafeLoader"}


def modules(*, include_ui: bool) -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if include_ui or UI not in p.parents]


def streamlit_imports(source: str) -> list[int]:
    """Lines that import streamlit (import, from-import, importlib/__import__ of the name as a literal)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            names = [str(node.args[0].value)] if called in {"import_module", "__import__"} else []
        else:
            continue
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            lines.append(node.lineno)
    return lines


def unsafe_yaml_calls(source: str) -> list[int]:
    """Lines that construct objects from YAML without a safe loader, or name an unsafe loader at all."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "yaml"
            and node.attr in UNSAFE_LOADERS
        ):
            lines.append(node.lineno)
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "yaml"
            and any(alias.name in UNSAFE_LOADERS | CONSTRUCTING for alias in node.names)
        ):
            lines.append(node.lineno)
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "yaml"
            and node.func.attr in CONSTRUCTING
        ):
            continue
        loader = next(
            (k.value for k in node.keywords if k.arg == "Loader"),
            node.args[1] if len(node.args) > 1 else None,
        )
        name = loader.id if isinstance(loader, ast.Name) else getattr(loader, "attr", None)
        if node.func.attr not in {"load", "load_all"} or name not in SAFE_LOADERS:
            lines.append(node.lineno)
    return lines


def test_the_scanners_can_fail():
    assert streamlit_imports("import streamlit as st\nfrom streamlit import x\nimport os") == [1, 2]
    assert streamlit_imports("importlib.import_module('streamlit.components')") == [1]
    bad = (
        "yaml.load(t)\nyaml.load(t, Loader=yaml.Loader)\nyaml.unsafe_load(t)\nyaml.full_load(t)\n"
        "from yaml import Loader\nyaml.load(t, yaml.FullLoader)"
    )
    assert sorted(unsafe_yaml_calls(bad)) == [1, 2, 2, 3, 4, 5, 6, 6]
    assert (
        unsafe_yaml_calls(
            "yaml.load(t, Loader=SafeLoader)\nyaml.safe_load(t)\nyaml.load(t, yaml.CSafeLoader)"
        )
        == []
    )


def test_only_the_ui_imports_streamlit():
    found = {
        str(p.relative_to(ROOT)): streamlit_imports(p.read_text(encoding="utf-8"))
        for p in modules(include_ui=False)
    }
    assert {path: lines for path, lines in found.items() if lines} == {}
    assert len(found) >= 15  # the scan really saw the core


def test_the_ui_is_where_streamlit_is_used():
    assert any(streamlit_imports(p.read_text(encoding="utf-8")) for p in UI.rglob("*.py"))


def test_the_core_imports_without_streamlit():
    names = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in modules(include_ui=False)
        if p.name != "__main__.py"
    ]
    code = "import sys\nsys.modules['streamlit'] = None\n" + "".join(f"import {name}\n" for name in names)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_yaml_is_only_ever_loaded_safely():
    found = {
        str(p.relative_to(ROOT)): unsafe_yaml_calls(p.read_text(encoding="utf-8"))
        for p in modules(include_ui=True)
    }
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_loaders_named_safe_are_safe():
    from partnerfit import yamlio

    for loader in (yamlio.SafeLoader,):
        assert issubclass(loader, yaml.constructor.SafeConstructor)
        assert not issubclass(loader, yaml.constructor.FullConstructor)
    assert not hasattr(yamlio, "Loader")


def test_all_names_exist_once():
    assert len(partnerfit.__all__) == len(set(partnerfit.__all__))
    missing = [name for name in partnerfit.__all__ if getattr(partnerfit, name, None) is None]
    assert missing == []


def test_all_covers_the_documented_entry_points():
    assert {
        "load_frameworks",
        "score_assessment",
        "score_assessments",
        "score_records",
        "AssessmentStore",
        "Framework",
        "Assessment",
        "ValidationError",
        "PartnerfitError",
    } <= set(partnerfit.__all__)
