"""Where the shared test data lives: ../shared beside the repo, or $SLATEBOOK_SHARED."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "screenplays"
TALENT = SHARED / "benchmarks" / "talent-scheduling"
