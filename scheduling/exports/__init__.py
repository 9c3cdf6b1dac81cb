"""Schedule exports: PDF for printing, CSV and XLSX for spreadsheets."""
