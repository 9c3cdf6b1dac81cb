"""Core of Slatebook: domain models, project store, provenance ledger, jobs, settings.

Nothing in here imports streamlit or an AI provider.
"""
