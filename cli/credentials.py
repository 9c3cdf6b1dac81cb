"""`slatebook credentials FILE...`: check the Content Credentials of frames and exports."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import AddCommand, emit, read_input


def register(add: AddCommand) -> None:
    p = add(
        "credentials",
        cmd_credentials,
        "Check the Content Credentials (C2PA) of images, animatics and PDFs: whether they verify, "
        "who signed them and whether AI made them. Exits 1 when any file has none or they do not verify.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true")


def cmd_credentials(args: argparse.Namespace) -> int:
    from pipelines.provenance.verify import read_credentials

    documents, lines = [], []
    for name in args.files:
        path = Path(name)
        creds = read_credentials(read_input(path), path.name)
        documents.append({"file": str(path), **creds.model_dump()})
        lines.append(f"{path}: {creds.summary()}")
        for record in creds.records:
            seed = f", seed {record.seed}" if record.seed is not None else ""
            lines.append(f"  {record.provider} {record.model} {record.model_version}{seed}".rstrip())
        lines += [f"  problem: {problem}" for problem in creds.problems if creds.present]
    emit(args, documents, "\n".join(lines))
    return 0 if all(d["present"] and d["valid"] for d in documents) else 1
