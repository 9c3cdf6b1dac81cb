"""Moodboards and storyboards: image generators, frames and their provenance."""
