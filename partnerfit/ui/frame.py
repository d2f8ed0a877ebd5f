"""The shared frame: navigation, sidebar (language, data folders), shared session state."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from partnerfit import i18n
from partnerfit.i18n import _, ngettext
from partnerfit.ui import common, data, partner_view, preferences, signin
from partnerfit.ui.common import code, shown_path

PAGES_DIR = Path(__file__).parent / "pages"
LANGUAGE_WIDGET = "sidebar_language"
LANGUAGE_NAMES = i18n.LANGUAGES
LANGUAGE_PARAM = "lang"

# The interface's wording follows the visitor's language (partnerfit.i18n asks this for every message).
i18n.set_language_provider(common.language)


def run_app() -> None:
    choose_language()
    if partner_view.requested():  # a partner's link: only its form, before sign-in and navigation
        partner_view.only_partner_form()
        return
    if not signin.gate():
        return
    pages = [
        st.Page(
            PAGES_DIR / "home.py", title=_("Home"), icon=":material/home:", default=True, url_path="home"
        ),
        st.Page(
            PAGES_DIR / "assess.py",
            title=_("Assess a partner"),
            icon=":material/checklist:",
            url_path="assess",
        ),
        st.Page(PAGES_DIR / "result.py", title=_("Result"), icon=":material/assessment:", url_path="result"),
        st.Page(
            PAGES_DIR / "compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"
        ),
        st.Page(
            PAGES_DIR / "frameworks.py",
            title=_("Frameworks"),
            icon=":material/account_tree:",
            url_path="frameworks",
        ),
    ]
    navigation = st.navigation(pages)
    _sidebar()
    signin.sidebar()
    navigation.run()


def available_languages() -> list[str]:
    """The interface languages, then any further language a framework is translated into (its texts switch,
    the interface stays English)."""
    extra = {lang for f in data.catalog().frameworks.values() for lang in f.languages} - set(LANGUAGE_NAMES)
    return [*LANGUAGE_NAMES, *sorted(extra)]


def choose_language() -> str:
    """The language of this run: ``?lang=`` in the URL, else the one chosen earlier in this session, else the one
    this person last chose with the sidebar switch, else the browser's, else English. It is written back to the
    URL so that a copied link keeps it."""
    available = available_languages()
    asked = st.query_params.get(LANGUAGE_PARAM)
    if asked in available:
        language = asked
    elif st.session_state.get("language") in available:
        language = st.session_state["language"]
    elif (last := preferences.remembered().language) in available:  # the one this person chose last time
        language = last
    else:
        language = i18n.negotiate(st.context.locale) or i18n.DEFAULT_LANGUAGE
    st.session_state["language"] = language
    if st.query_params.get(LANGUAGE_PARAM) != language:
        st.query_params[LANGUAGE_PARAM] = language
    return language


def _sidebar() -> None:
    catalog = data.catalog()
    languages = available_languages()
    # The choice lives in "language", the widget under its own key: st.switch_page (finalising, resuming a
    # draft, opening a sent file) drops widget values, which would silently switch back to English.
    st.session_state[LANGUAGE_WIDGET] = st.session_state["language"]
    with st.sidebar:
        st.selectbox(
            _("Language"),
            languages,
            key=LANGUAGE_WIDGET,
            on_change=_keep_language,
            format_func=lambda lang: LANGUAGE_NAMES.get(lang, lang),
            help=_("The whole interface and the framework texts switch to this language."),
        )
        config = data.settings()
        st.caption(
            _("Frameworks: {folder}").format(folder=code(shown_path(config.frameworks_dir)))
            + "  \n"
            + _("Assessments: {folder}").format(folder=code(shown_path(config.assessments_dir)))
        )
        if catalog.errors:
            count = len(catalog.errors)
            st.warning(
                ngettext(
                    "{count} framework file has problems: see Frameworks.",
                    "{count} framework files have problems: see Frameworks.",
                    count,
                ).format(count=count)
            )


def _keep_language() -> None:
    st.session_state["language"] = st.session_state[LANGUAGE_WIDGET]
    st.query_params[LANGUAGE_PARAM] = st.session_state[LANGUAGE_WIDGET]
    preferences.remember(language=st.session_state[LANGUAGE_WIDGET])  # a choice, unlike a link's ?lang=
