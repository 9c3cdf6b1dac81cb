"""Plain-text tables for benchmark output, shared by every script in this folder."""

from __future__ import annotations

import json


def print_table(rows: list[dict]) -> None:
    headers = list(rows[0])
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in headers]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(r[h]).ljust(w) for h, w in zip(headers, widths)))


def print_rows(rows: list[dict], as_json: bool, title: str = "") -> None:
    """The rows as one JSON document (--json), or as a titled table."""
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    if title:
        print(title)
    print_table(rows)
