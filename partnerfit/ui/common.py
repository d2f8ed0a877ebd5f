"""Helpers the pages share: the chosen language, safe text, errors at the page edge, links between pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import streamlit as st

from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import PartnerfitError, ValidationError
from partnerfit.framework import Framework
from partnerfit.report import escape_markdown, recommendation_label
from partnerfit.text import pick

PAGES_DIR = Path(__file__).parent / "pages"
HOME_PAGE = PAGES_DIR / "home.py"
ASSESS_PAGE = PAGES_DIR / "assess.py"
RESULT_PAGE = PAGES_DIR / "result.py"
FRAMEWORKS_PAGE = PAGES_DIR / "frameworks.py"
COMPARE_PAGE = PAGES_DIR / "compare.py"
SHARING_LABELS = {
    "affiliate": "Its affiliate only (and admins)",
    "liaisons": "Its affiliate and the liaisons of its region",
    "movement": "Everyone signed in, read-only",
}


def language() -> str:
    return st.session_state.get("language", "en")


def tr(text: str | dict[str, str] | None) -> str:
    """A framework text in the sidebar's language, falling back to English (then to any language it has)."""
    return pick(text, language(), "en")


def md(text: str | None) -> str:
    """Text from a file or a user as literal Markdown: nothing in it becomes a link, emphasis or HTML."""
    return escape_markdown(text or "")


def code(text: str | None) -> str:
    """Text as a Markdown code span, shown literally (backticks inside are replaced so it stays closed)."""
    return "`" + (text or "").replace("`", "\u02cb") + "`"


def show_error(error: PartnerfitError, summary: str) -> None:
    """An error at the page edge: a one-line summary and, for a validation error, every problem it lists."""
    st.error(summary, icon=":material/error:")
    if isinstance(error, ValidationError):
        with st.expander(f"{len(error.problems)} problem(s) in detail", expanded=True):
            st.code("\n".join(error.lines()), language=None, wrap_lines=True)
    else:
        st.code(str(error), language=None, wrap_lines=True)


def show_file_problems(errors: Iterable[ValidationError], what: str) -> None:
    """Files that could not be read, each with every problem (file, place, message), inside an expander."""
    errors = list(errors)
    if not errors:
        return
    with st.expander(f":material/warning: {len(errors)} {what} could not be read (the app uses the rest)"):
        for error in errors:
            st.code("\n".join(error.lines()), language=None, wrap_lines=True)


def framework_choice_label(framework: Framework) -> str:
    """How a framework is named in a list: its title and version; a local version (overlay) is marked."""
    if framework.is_overlay:
        return f"\u21b3 {tr(framework.title)} (local version, v{framework.version})"
    return f"{tr(framework.title)} (v{framework.version})"


def lineage_text(framework: Framework) -> str:
    return " → ".join(f"{fid} {version}" for fid, version in framework.lineage)


def lineage_sentence(framework: Framework, catalog: FrameworkCatalog) -> str:
    """Where a framework comes from, in words (Markdown, escaped)."""
    if not framework.is_overlay:
        return f"Base framework, version {md(framework.version)}."
    parent = catalog.get(framework.lineage[-2][0])
    name = tr(parent.title) if parent else framework.lineage[-2][0]
    return f"Local version of *{md(name)}*: {md(lineage_text(framework))}."


def recommendation_words(
    recommendation: str | None, framework_id: str | None, catalog: FrameworkCatalog
) -> str:
    """A stored recommendation id in words, with the band labels of the framework it was scored with."""
    if not recommendation or recommendation == "nan":
        return "not scored"
    framework = catalog.get(framework_id) if framework_id else None
    if framework is None:
        return recommendation
    return recommendation_label(framework, recommendation, language())


def recommendation_badge(
    recommendation: str | None, framework_id: str | None, catalog: FrameworkCatalog
) -> str:
    """The recommendation as a Markdown badge: best band green, lowest and blocked red, else orange."""
    words = md(recommendation_words(recommendation, framework_id, catalog))
    framework = catalog.get(framework_id) if framework_id else None
    if recommendation == "blocked":
        return f":red-badge[:material/block: {words}]"
    bands = [band.id for band in framework.bands] if framework else []
    if recommendation not in bands:
        return f":gray-badge[{words}]"
    position = bands.index(recommendation)
    colour = "green" if position == 0 else "red" if position == len(bands) - 1 else "orange"
    return f":{colour}-badge[{words}]"
