import streamlit as st

st.title("Result")
st.info("This page is being built.")
