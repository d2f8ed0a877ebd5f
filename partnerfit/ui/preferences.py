"""The visitor's remembered affiliate, region and language (``partnerfit.preferences``), read once per session.

The owner is the signed-in person (their e-mail), or the single local user with sign-in off; while the gate has
not let a person in (signed out, not listed, broken access file) nothing is read or written.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from partnerfit.errors import ValidationError
from partnerfit.preferences import (
    LOCAL_USER,
    Preferences,
    load_preferences,
    preferences_folder,
    save_preferences,
)
from partnerfit.ui import data

KEY = "preferences"  # (owner, Preferences) of this session
log = logging.getLogger(__name__)


def _folder() -> Path:
    return preferences_folder(data.settings().assessments_dir)


def _owner() -> str | None:
    if not data.signin_configured():
        return LOCAL_USER
    try:
        viewer = data.current_viewer()
    except ValidationError:  # the access file is broken: the gate says so; remember nothing meanwhile
        return None
    return viewer.email if viewer is not None and viewer.listed and viewer.email else None


def remembered() -> Preferences:
    """What this person used last (empty when nothing is remembered or nobody is let in yet)."""
    owner = _owner()
    if owner is None:
        return Preferences()
    cached = st.session_state.get(KEY)
    if cached is None or cached[0] != owner:
        cached = (owner, load_preferences(_folder(), owner))
        st.session_state[KEY] = cached
    return cached[1]


def remember(**changes: str | None) -> None:
    """Keep ``changes`` (affiliate, region, language) for next time; written only when something changed."""
    owner = _owner()
    if owner is None:
        return
    current = remembered()
    updated = current.updated(**changes)
    if updated == current:
        return
    try:
        save_preferences(_folder(), owner, updated)
    except OSError as error:  # a read-only data folder: the app works on, it just does not remember
        log.warning("preferences not saved: %s", error)
    st.session_state[KEY] = (owner, updated)


def prefill_new_assessment() -> None:
    """A new assessment starts with the affiliate and region this person used last."""
    preferences = remembered()
    if preferences.affiliate:
        st.session_state["assess_affiliate"] = preferences.affiliate
    if preferences.region:
        st.session_state["assess_region"] = preferences.region
