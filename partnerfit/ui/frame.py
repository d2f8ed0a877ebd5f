"""Shared frame: data folders, navigation. Minimal until the app pages land."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from partnerfit.catalog import load_frameworks


def run_app() -> None:
    frameworks_dir = Path(os.environ.get("PARTNERFIT_FRAMEWORKS", "frameworks"))
    st.title("partnerfit")
    catalog = load_frameworks(frameworks_dir)
    for framework in catalog.frameworks.values():
        st.write(f"{framework.label(framework.title)} ({framework.id} {framework.version})")
    for line in catalog.problem_lines():
        st.error(line)
