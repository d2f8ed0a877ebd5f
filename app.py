"""partnerfit: the Streamlit entry point, a router and shared frame (pages live in partnerfit/ui/pages)."""

import streamlit as st

from partnerfit.ui.frame import run_app

st.set_page_config(page_title="partnerfit", page_icon=":handshake:", layout="wide")
run_app()
