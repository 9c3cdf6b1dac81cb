"""Breakdown: categories, evidence checks and the cast list.

Elements come from a person or a model; none reaches the schedule or the
budget until its evidence is checked against the scene and a person accepts it.
"""
