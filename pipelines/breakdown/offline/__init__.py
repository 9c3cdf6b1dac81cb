"""The offline breakdown engine: no key, no network, the same answer every time.

Screenplay grammar finds the cast and the extras, lexicons the things an AD
tags on sight, and the local MiniLM sentence-embedding model places the
phrases the lexicons do not know.
"""

from pipelines.breakdown.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
