"""partnerfit: the Streamlit entry point (router and shared frame only)."""

import streamlit as st

from partnerfit.ui.frame import run_app

st.set_page_config(page_title="partnerfit", page_icon="🤝", layout="wide")
run_app()
