import streamlit as st

st.title("Frameworks")
st.info("This page is being built.")
