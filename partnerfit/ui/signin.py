"""Sign-in (on exactly when ``[auth]`` is in the secrets): the gate before any page, and who is signed in.

Signed-out visitors see only the sign-in page; a signed-in person the access file does not list sees whom to
ask; with a missing or invalid access file the app shows why and does not start open.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import streamlit as st

from partnerfit.access import describe
from partnerfit.errors import ValidationError
from partnerfit.i18n import _
from partnerfit.ui import data
from partnerfit.ui.common import md


def gate() -> bool:
    """True when the pages may run: sign-in is off, or the visitor is signed in and in the access file."""
    if not data.signin_configured():
        return True
    try:
        rules = data.access_list()
    except ValidationError as error:
        _only_page(functools.partial(_access_file_broken, error), _("Not available"))
        return False
    if not st.user.is_logged_in:
        _only_page(_sign_in_page, _("Sign in"))
        return False
    viewer = data.current_viewer()
    if viewer is None or not viewer.listed:
        _only_page(functools.partial(_not_listed, rules.admins()), _("No access yet"))
        return False
    return True


URL_PATHS = ("home", "assess", "result", "compare", "frameworks")


def _only_page(render, title: str) -> None:
    """``render`` under every page's address, so a link to any page shows it (not "page not found")."""
    pages = [
        st.Page(functools.partial(render), title=title, url_path=path, default=path == URL_PATHS[0])
        for path in URL_PATHS
    ]
    st.navigation(pages, position="hidden").run()


def _providers() -> list[str | None]:
    """The named providers (``[auth.NAME]``), else the one configured directly under ``[auth]``."""
    named = [name for name, value in st.secrets["auth"].items() if isinstance(value, Mapping)]
    return named or [None]


def _sign_in_page() -> None:
    st.title("partnerfit")
    st.write(
        _(
            "Assessments of prospective partners are shared between Wikimedia affiliates on this site. "
            "Sign in to see the ones shared with you."
        )
    )
    for provider in _providers():
        label = _("Sign in") if provider is None else _("Sign in with {provider}").format(provider=provider)
        args = () if provider is None else (provider,)
        st.button(label, key=f"signin_{provider or 'default'}", type="primary", on_click=st.login, args=args)


def _not_listed(admins: list[str]) -> None:
    st.title(_("No access yet"), anchor=False)
    email = st.user.get("email") or _("this account")
    st.warning(
        _(
            "You are signed in as **{email}**, but this partnerfit is not shared with you yet. "
            "Ask one of its admins to add you to the access file: {admins}."
        ).format(email=md(str(email)), admins=", ".join(md(a) for a in admins)),
        icon=":material/lock:",
    )
    st.button(_("Sign out"), key="signin_logout", on_click=st.logout)


def _access_file_broken(error: ValidationError) -> None:
    st.title(_("partnerfit is not available"), anchor=False)
    st.error(
        _(
            "Sign-in is configured, but the access file that says who may see what is missing or invalid, so "
            "the app does not start: it never runs open. An admin must fix the access file; the problems are:"
        ),
        icon=":material/error:",
    )
    st.code("\n".join(error.lines()), language=None, wrap_lines=True)


def sidebar() -> None:
    """Who is signed in, with which roles, and signing out (nothing with sign-in off)."""
    viewer = data.current_viewer()
    if viewer is None:
        return
    with st.sidebar:
        st.caption(
            _("Signed in as **{email}**").format(email=md(viewer.email)) + "  \n" + md(describe(viewer))
        )
        st.button(_("Sign out"), key="sidebar_logout", on_click=st.logout, icon=":material/logout:")
