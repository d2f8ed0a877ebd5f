import streamlit as st

st.title("Assess")
st.info("This page is being built.")
