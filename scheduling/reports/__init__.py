"""Schedule reports: stripboard, one-liner, Day Out of Days, cost breakdown, comparison."""
