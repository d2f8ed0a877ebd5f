"""The Streamlit app: pages read state, call the core and render. Only this package imports streamlit."""
