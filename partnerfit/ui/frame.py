"""The shared frame: navigation, sidebar (language, data folders), shared session state."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from partnerfit.ui import data, signin
from partnerfit.ui.common import code, shown_path

PAGES_DIR = Path(__file__).parent / "pages"
LANGUAGE_WIDGET = "sidebar_language"
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "de": "Deutsch"}


def run_app() -> None:
    st.session_state.setdefault("language", "en")
    if not signin.gate():
        return
    pages = [
        st.Page(PAGES_DIR / "home.py", title="Home", icon=":material/home:", default=True, url_path="home"),
        st.Page(
            PAGES_DIR / "assess.py", title="Assess a partner", icon=":material/checklist:", url_path="assess"
        ),
        st.Page(PAGES_DIR / "result.py", title="Result", icon=":material/assessment:", url_path="result"),
        st.Page(
            PAGES_DIR / "compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"
        ),
        st.Page(
            PAGES_DIR / "frameworks.py",
            title="Frameworks",
            icon=":material/account_tree:",
            url_path="frameworks",
        ),
    ]
    navigation = st.navigation(pages)
    _sidebar()
    signin.sidebar()
    navigation.run()


def _sidebar() -> None:
    catalog = data.catalog()
    languages = sorted(
        {lang for f in catalog.frameworks.values() for lang in f.languages} | {"en"},
        key=lambda lang: (lang != "en", lang),
    )
    # The choice lives in "language", the widget under its own key: st.switch_page (finalising, resuming a
    # draft, opening a sent file) drops widget values, which would silently switch back to English.
    st.session_state[LANGUAGE_WIDGET] = st.session_state["language"]
    with st.sidebar:
        st.selectbox(
            "Language",
            languages,
            key=LANGUAGE_WIDGET,
            on_change=_keep_language,
            format_func=lambda lang: LANGUAGE_NAMES.get(lang, lang),
            help="Framework texts switch to this language where translated, else English.",
        )
        config = data.settings()
        st.caption(
            f"Frameworks: {code(shown_path(config.frameworks_dir))}  \n"
            f"Assessments: {code(shown_path(config.assessments_dir))}"
        )
        if catalog.errors:
            st.warning(f"{len(catalog.errors)} framework file(s) have problems: see Frameworks.")


def _keep_language() -> None:
    st.session_state["language"] = st.session_state[LANGUAGE_WIDGET]
