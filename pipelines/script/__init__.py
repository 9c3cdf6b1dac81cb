"""Screenplay import: files in, scenes out.

Each reader turns one format into a `ParsedScreenplay` (a flat list of
`Block`s); `scenes.build_scenes` turns blocks into `Scene`s the same way for
every format, so the twins of one script agree.
"""
