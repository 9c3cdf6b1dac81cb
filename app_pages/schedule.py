"""Schedule: skeleton until its owner lands the page (replace this whole file)."""

import streamlit as st

st.title("Schedule")
st.info("This step is being built.")
