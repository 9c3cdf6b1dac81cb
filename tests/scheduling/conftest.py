import json
from pathlib import Path

import pytest

from shared_data import TALENT


@pytest.fixture
def talent_folder() -> Path:
    if not (TALENT / "optima.json").is_file():
        pytest.skip(f"the talent-scheduling instances are not at {TALENT} (set SLATEBOOK_SHARED)")
    return TALENT


@pytest.fixture
def optima(talent_folder) -> dict[str, dict]:
    data = json.loads((talent_folder / "optima.json").read_text())
    return {name: entry for name, entry in data.items() if name != "_doc"}
