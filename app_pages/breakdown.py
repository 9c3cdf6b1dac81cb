"""Breakdown: skeleton until its owner lands the page (replace this whole file)."""

import streamlit as st

st.title("Breakdown")
st.info("This step is being built.")
