"""The first board is the same in every process: nothing may depend on Python's hash seed."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_ORDER = """
from scheduling.generator import generate_problem
from scheduling.sequencer import running_sequence
problem = generate_problem(seed=3, scenes=60)
print([strip.id for strip in running_sequence(problem, horizon=40, seed=0)])
"""


def _first_order(hash_seed: str) -> str:
    done = subprocess.run([sys.executable, "-c", FIRST_ORDER], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_running_order_does_not_depend_on_the_hash_seed():
    assert _first_order("1") == _first_order("2") == _first_order("12345")
