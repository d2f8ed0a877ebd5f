"""Helpers the pages share: the chosen language, safe text, errors at the page edge, links between pages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import PartnerfitError, ValidationError, message_of, translated
from partnerfit.framework import Framework
from partnerfit.i18n import N_, _, ngettext
from partnerfit.report import escape_markdown, recommendation_label
from partnerfit.text import pick
from partnerfit.ui import data

PAGES_DIR = Path(__file__).parent / "pages"
HOME_PAGE = PAGES_DIR / "home.py"
ASSESS_PAGE = PAGES_DIR / "assess.py"
RESULT_PAGE = PAGES_DIR / "result.py"
FRAMEWORKS_PAGE = PAGES_DIR / "frameworks.py"
COMPARE_PAGE = PAGES_DIR / "compare.py"
SHARING_LABELS = {
    "affiliate": N_("Its affiliate only (and admins)"),
    "liaisons": N_("Its affiliate and the liaisons of its region"),
    "movement": N_("Everyone signed in, read-only"),
}
"""Who may read an assessment, in words (English: translate with ``sharing_label`` where shown)."""


def sharing_label(sharing: str) -> str:
    return _(SHARING_LABELS[sharing]) if sharing in SHARING_LABELS else sharing


def language() -> str:
    """The visitor's language (the frame sets it on every run from ``?lang=``, the session or the browser)."""
    if get_script_run_ctx(suppress_warning=True) is None:  # outside a script run there is no visitor
        return "en"
    return st.session_state.get("language", "en")


def tr(text: str | dict[str, str] | None) -> str:
    """A framework text in the sidebar's language, falling back to English (then to any language it has)."""
    return pick(text, language(), "en")


def md(text: str | None) -> str:
    """Text from a file or a user as literal Markdown: nothing in it becomes a link, emphasis or HTML."""
    return escape_markdown(text or "")


def server_paths_allowed() -> bool:
    """Whether this viewer may see absolute paths on the server. No one for now; admins once sign-in lands."""
    return False


def data_folders() -> list[Path]:
    config = data.settings()
    return [config.assessments_dir, config.frameworks_dir]


def shown_path(path: str | Path, *, absolute: bool = False) -> str:
    """A file or folder as the app shows it: relative to its data folder, starting with that folder's name
    ('assessments/x.yaml'); only its name if it is outside both. ``absolute=True`` gives the full path."""
    path = Path(path)
    if absolute:
        return str(path.absolute())
    for folder in data_folders():
        try:
            inside = path.absolute().relative_to(folder.absolute())
        except ValueError:
            continue
        return (Path(folder.absolute().name) / inside).as_posix()
    return path.name


def without_server_paths(text: str, *, absolute: bool = False) -> str:
    """``text`` (an error message, a list of problems) with each data folder's absolute location cut to the
    folder's name, so the app does not tell viewers where the data lives on the server."""
    if absolute:
        return text
    for folder in data_folders():
        spellings = {str(folder.absolute()), str(folder.resolve()), os.path.normpath(folder.absolute())}
        for spelling in sorted(spellings, key=len, reverse=True):
            if os.path.isabs(spelling) and spelling != os.sep:
                text = text.replace(spelling, folder.absolute().name)
    return text


def message_text(text: str) -> str:
    """An error or status message for a Markdown box: server paths cut, everything else literal."""
    return md(without_server_paths(text, absolute=server_paths_allowed()))


def code(text: str | None) -> str:
    """Text as a Markdown code span, shown literally (backticks inside are replaced so it stays closed)."""
    return "`" + (text or "").replace("`", "\u02cb") + "`"


def show_error(error: PartnerfitError, summary: str) -> None:
    """An error at the page edge: a one-line summary and, for a validation error, every problem it lists."""
    st.error(summary, icon=":material/error:")
    if isinstance(error, ValidationError):
        count = len(error.problems)
        title = ngettext("{count} problem in detail", "{count} problems in detail", count).format(count=count)
        with st.expander(title, expanded=True):
            problem_lines([error])
    else:
        text = translated(message_of(error))
        st.code(without_server_paths(text, absolute=server_paths_allowed()), language=None, wrap_lines=True)


def problem_lines(errors: Iterable[ValidationError]) -> None:
    """Every problem of each file, one line each (file, place, message), in a literal code block per file."""
    for error in errors:
        text = "\n".join(error.lines())
        st.code(without_server_paths(text, absolute=server_paths_allowed()), language=None, wrap_lines=True)


def show_file_problems(errors: Iterable[ValidationError], what: str) -> None:
    """Files that could not be read, each with every problem (file, place, message), inside an expander.
    ``what`` says which files: "framework file(s)" or (anything else) "assessment file(s)"."""
    errors = list(errors)
    if not errors:
        return
    count = len(errors)
    if "framework" in what:
        title = ngettext(
            "{count} framework file could not be read (the app uses the rest)",
            "{count} framework files could not be read (the app uses the rest)",
            count,
        )
    else:
        title = ngettext(
            "{count} assessment file could not be read (the app uses the rest)",
            "{count} assessment files could not be read (the app uses the rest)",
            count,
        )
    with st.expander(":material/warning: " + title.format(count=count)):
        problem_lines(errors)


def show_unscored(problems: list[tuple[str, str]], what: str) -> None:
    """Assessments that could not be scored, each with its file and the reason, inside an expander. ``what``
    is "" or " (left out)" (they are left out of what the page shows)."""
    if not problems:
        return
    count = len(problems)
    if what.strip():
        title = ngettext(
            "{count} assessment could not be scored (left out)",
            "{count} assessments could not be scored (left out)",
            count,
        )
    else:
        title = ngettext(
            "{count} assessment could not be scored", "{count} assessments could not be scored", count
        )
    with st.expander(":material/warning: " + title.format(count=count)):
        text = "\n".join(f"{path}: {translated(message)}" for path, message in problems)
        st.code(without_server_paths(text, absolute=server_paths_allowed()), language=None, wrap_lines=True)


def framework_choice_label(framework: Framework) -> str:
    """How a framework is named in a list: its title and version; a local version (overlay) is marked."""
    if framework.is_overlay:
        return "\u21b3 " + _("{title} (local version, v{version})").format(
            title=tr(framework.title), version=framework.version
        )
    return _("{title} (v{version})").format(title=tr(framework.title), version=framework.version)


def lineage_text(framework: Framework) -> str:
    return " → ".join(f"{fid} {version}" for fid, version in framework.lineage)


def lineage_sentence(framework: Framework, catalog: FrameworkCatalog) -> str:
    """Where a framework comes from, in words (Markdown, escaped)."""
    if not framework.is_overlay:
        return _("Base framework, version {version}.").format(version=md(framework.version))
    parent = catalog.get(framework.lineage[-2][0])
    name = tr(parent.title) if parent else framework.lineage[-2][0]
    return _("Local version of *{name}*: {lineage}.").format(
        name=md(name), lineage=md(lineage_text(framework))
    )


def recommendation_words(
    recommendation: str | None, framework_id: str | None, catalog: FrameworkCatalog
) -> str:
    """A stored recommendation id in words, with the band labels of the framework it was scored with."""
    if not recommendation or recommendation == "nan":
        return _("not scored")
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
    if recommendation == "refer":
        return f":blue-badge[:material/forward: {words}]"
    bands = [band.id for band in framework.bands] if framework else []
    if recommendation not in bands:
        return f":gray-badge[{words}]"
    position = bands.index(recommendation)
    colour = "green" if position == 0 else "red" if position == len(bands) - 1 else "orange"
    return f":{colour}-badge[{words}]"
