"""The SQLite schema and its forward migrations.

The schema version lives in PRAGMA user_version. `MIGRATIONS[k]` takes a
database from version k to k+1; the schema version is their count. Never edit
a migration that has shipped: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from studio.errors import StoreProblem

Migration = Callable[[sqlite3.Connection], None]

# Every table keeps the model's JSON dump in `data` and copies into real
# columns only what keys, orders or joins need. `seq` is an explicit rowid
# alias so insertion order survives VACUUM; `id` is the model's id.
_V1 = [
    """CREATE TABLE scripts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        revision INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE project (
        id TEXT PRIMARY KEY,
        current_script_id TEXT REFERENCES scripts(id),
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE scenes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        script_id TEXT NOT NULL REFERENCES scripts(id),
        ordinal INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    "CREATE INDEX scenes_by_ordinal ON scenes(ordinal)",
    """CREATE TABLE elements (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        scene_id TEXT NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    "CREATE INDEX elements_by_scene ON elements(scene_id)",
    """CREATE TABLE characters (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE shots (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        scene_id TEXT NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    "CREATE INDEX shots_by_scene ON shots(scene_id)",
    """CREATE TABLE frames (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        shot_id TEXT REFERENCES shots(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    "CREATE INDEX frames_by_shot ON frames(shot_id)",
    """CREATE TABLE schedules (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE budgets (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        schedule_id TEXT,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE ai_records (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    """CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)))""",
    "CREATE INDEX jobs_by_kind ON jobs(kind)",
]


def _initial_schema(con: sqlite3.Connection) -> None:
    for statement in _V1:
        con.execute(statement)


MIGRATIONS: list[Migration] = [_initial_schema]


def schema_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def migrate(con: sqlite3.Connection) -> None:
    """Bring the database on `con` (autocommit mode) up to the code's schema, all or nothing."""
    target = len(MIGRATIONS)
    if _check_not_newer(schema_version(con), target) == target:
        return
    # Table rebuilds in later migrations need foreign keys off, which SQLite
    # only allows outside a transaction; foreign_key_check below stands in.
    con.execute("PRAGMA foreign_keys=OFF")
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            for version in range(_check_not_newer(schema_version(con), target), target):
                MIGRATIONS[version](con)
            if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise StoreProblem(
                    "Updating this project's database would break links between its records.",
                    "Keep using the previous Slatebook version and report this project.",
                )
            con.execute(f"PRAGMA user_version = {target}")
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    finally:
        con.execute("PRAGMA foreign_keys=ON")


def _check_not_newer(version: int, target: int) -> int:
    if version > target:
        raise StoreProblem(
            f"This project was made by a newer Slatebook (store version {version}; this one reads up to {target}).",
            "Update Slatebook to open it.",
        )
    return version
