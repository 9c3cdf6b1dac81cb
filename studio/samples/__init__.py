"""The bundled sample screenplay, written for Slatebook, opened on first start."""

from pathlib import Path

SAMPLE_SCREENPLAY = Path(__file__).with_name("night_ferry.fountain")
