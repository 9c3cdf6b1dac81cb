"""Where projects live: a catalogue of project folders, each a repository."""
