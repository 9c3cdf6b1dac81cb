import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SLATEBOOK_SHARED", ROOT.parent / "shared"))
TALENT = SHARED / "benchmarks" / "talent-scheduling"


@pytest.fixture
def talent_folder() -> Path:
    if not (TALENT / "optima.json").is_file():
        pytest.skip(f"the talent-scheduling instances are not at {TALENT} (set SLATEBOOK_SHARED)")
    return TALENT


@pytest.fixture
def optima(talent_folder) -> dict[str, dict]:
    data = json.loads((talent_folder / "optima.json").read_text())
    return {name: entry for name, entry in data.items() if name != "_doc"}
