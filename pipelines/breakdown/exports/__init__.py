"""Breakdown exports: sheets as PDF, the element list as CSV and XLSX."""
