"""Rules about the code that need running it: the core imports without Streamlit, the safe loader is safe, a
truthful ``__all__``. What a linter can check statically (no Streamlit import outside ``partnerfit/ui``, no unsafe
YAML loader) is in ``make lint``: import-linter contracts and ruff's S and banned-api rules in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

import partnerfit

PACKAGE = ROOT / "partnerfit"
UI = PACKAGE / "ui"


def modules(*, include_ui: bool) -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if include_ui or UI not in p.parents]


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
