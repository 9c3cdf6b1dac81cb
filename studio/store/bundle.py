"""A project as one file: a zip named `*.slatebook` holding ProjectData and its files.

Members: `manifest.json` (format, versions, sha256 of every other member),
`project.json` (ProjectData) and `files/<name>` for each stored file. That is
all a bundle can hold, which is why no key or setting of the app travels in it.
A bundle is checked completely before anything is written from it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pydantic import ValidationError

from studio.atomic import replacing
from studio.errors import StoreProblem
from studio.models import ProjectData
from studio.models.ids import utc_now
from studio.store.base import ProjectRepository
from studio.store.files import is_file_name
from studio.store.integrity import check_references

FORMAT = "slatebook-bundle"
FORMAT_VERSION = 1
SUFFIX = ".slatebook"
MANIFEST = "manifest.json"
PROJECT = "project.json"
FILES = "files/"
# A zip can claim to unpack to anything; these caps stop a crafted one from filling the disk or memory.
MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_MEMBERS = 100_000

_READ_CHUNK = 1 << 20
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same project zips to the same members
_PRECOMPRESSED = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".zip", ".mp4"}
_DAMAGED_HINT = "Export the project again and copy the whole file."


def bundle_path(out: Path, stem: str) -> Path:
    """Where to write: `out` itself (with the .slatebook extension), or `<stem>.slatebook` in a folder."""
    out = Path(out)
    if out.is_dir():
        return out / f"{stem}{SUFFIX}"
    return out if out.suffix == SUFFIX else out.with_name(out.name + SUFFIX)


def write_bundle(repo: ProjectRepository, out: Path) -> Path:
    """Write `repo` to the bundle file `out`, atomically; returns `out`."""
    data = repo.export_data()
    checksums: dict[str, str] = {}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with replacing(out) as tmp, zipfile.ZipFile(tmp, "w") as zf:
            checksums[PROJECT] = _add(zf, PROJECT, data.model_dump_json(indent=1).encode())
            for name in repo.list_files():
                checksums[FILES + name] = _add(zf, FILES + name, repo.read_file(name))
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": app_version(),
                "created_at": utc_now().isoformat(),
                "project": {"id": data.project.id, "name": data.project.name},
                "sha256": checksums,
            }
            _add(zf, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    except OSError as exc:
        raise StoreProblem(
            f"Could not write the bundle {out} ({exc.strerror or exc}).",
            "Choose a folder you can write to, with room for the project's files.",
        ) from exc
    return out


def app_version() -> str:
    try:
        return version("slatebook")
    except PackageNotFoundError:
        return "unknown"


def _add(zf: zipfile.ZipFile, name: str, blob: bytes) -> str:
    """Write one member; returns its sha256 for the manifest."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED if Path(name).suffix in _PRECOMPRESSED else zipfile.ZIP_DEFLATED
    zf.writestr(info, blob)
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class CheckedBundle:
    """A bundle that passed every check: its project, and the files still to copy."""

    path: Path
    data: ProjectData
    checksums: dict[str, str]
    unpacked_bytes: int

    @property
    def files(self) -> list[str]:
        return sorted(m[len(FILES):] for m in self.checksums if m.startswith(FILES))

    def copy_files(self, repo: ProjectRepository) -> None:
        """Store every file in `repo`; each is verified again, as the bundle may have changed since."""
        budget = _Budget(self.path, self.unpacked_bytes)
        with _open_zip(self.path) as zf, _reading(self.path):
            for name in self.files:
                blob = _read_member(zf, zf.getinfo(FILES + name), budget)
                if hashlib.sha256(blob).hexdigest() != self.checksums[FILES + name]:
                    raise StoreProblem(f"{self.path.name} changed while it was being imported.", "Import it again.")
                repo.put_file(blob, name[64:])


def check_bundle(path: Path, max_unpacked: int | None = None) -> CheckedBundle:
    """Read and verify the whole bundle at `path` without writing anything."""
    path = Path(path)
    max_unpacked = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    with _open_zip(path) as zf, _reading(path):
        infos = zf.infolist()
        _check_members(path, infos, max_unpacked)
        budget = _Budget(path, max_unpacked)
        checksums = _parse_manifest(path, _read_member(zf, zf.getinfo(MANIFEST), budget))
        present = {info.filename for info in infos} - {MANIFEST}
        if set(checksums) != present:
            odd = sorted(present ^ set(checksums))[0]
            raise StoreProblem(f"{path.name} does not match its manifest (at {odd}).", _DAMAGED_HINT)
        project_json = b""
        for info in infos:
            if info.filename == MANIFEST:
                continue
            blob = _read_member(zf, info, budget)
            digest = hashlib.sha256(blob).hexdigest()
            # A stored file's name is its own sha256: it must agree as well as the manifest.
            names_itself = not info.filename.startswith(FILES) or digest == info.filename[len(FILES):][:64]
            if digest != checksums[info.filename] or not names_itself:
                raise StoreProblem(f"{path.name} is damaged: {info.filename} fails its checksum.", _DAMAGED_HINT)
            if info.filename == PROJECT:
                project_json = blob
    return CheckedBundle(path, _parse_project(path, project_json), checksums, budget.used)


def _check_members(path: Path, infos: list[zipfile.ZipInfo], max_unpacked: int) -> None:
    names = [info.filename for info in infos]
    if len(names) > MAX_MEMBERS:
        raise StoreProblem(f"{path.name} holds {len(names)} entries, more than a project can.", "It is not a Slatebook bundle.")
    # Only these exact names are accepted, so no member can point outside the
    # project (../, absolute paths, drive letters, backslashes): no zip-slip.
    for name in names:
        if name not in (MANIFEST, PROJECT) and not (name.startswith(FILES) and is_file_name(name[len(FILES):])):
            raise StoreProblem(f"{path.name} holds an entry Slatebook does not write: {name!r}.", "It is not a Slatebook bundle, or it was altered; it was not imported.")
    if len(set(names)) != len(names):
        raise StoreProblem(f"{path.name} holds the same entry twice.", "It was altered; it was not imported.")
    for required in (MANIFEST, PROJECT):
        if required not in names:
            raise StoreProblem(f"{path.name} has no {required}, so it is not a Slatebook bundle.", "Choose a file exported by Slatebook.")
    if any(info.flag_bits & 0x1 for info in infos):
        raise StoreProblem(f"{path.name} is encrypted.", "Slatebook bundles are never encrypted; export the project again.")
    if sum(info.file_size for info in infos) > max_unpacked:
        raise _too_big(path, max_unpacked)


class _Budget:
    """Bytes actually unpacked, capped.

    Declared sizes are checked up front, but the zip is opened again to copy
    its files and may have been swapped meanwhile: what is read is capped too.
    """

    def __init__(self, path: Path, limit: int) -> None:
        self.path, self.limit, self.used = path, limit, 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise _too_big(self.path, self.limit)


def _too_big(path: Path, limit: int) -> StoreProblem:
    return StoreProblem(
        f"{path.name} unpacks to more than {limit // 1024**2} MiB.",
        "It is not a bundle Slatebook would write (or it is a zip bomb); it was not imported.",
    )


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    chunks = []
    with zf.open(info) as fh:
        while chunk := fh.read(_READ_CHUNK):
            budget.take(len(chunk))
            chunks.append(chunk)
    return b"".join(chunks)


def _parse_manifest(path: Path, raw: bytes) -> dict[str, str]:
    """The manifest's checksums, once its format is one this code reads."""
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise StoreProblem(f"{path.name} has no Slatebook manifest.", "Choose a file exported by Slatebook.")
    fmt = manifest.get("format_version")
    if not isinstance(fmt, int) or fmt < 1:
        raise StoreProblem(f"{path.name} has a damaged manifest (format_version {fmt!r}).", _DAMAGED_HINT)
    if fmt > FORMAT_VERSION:
        raise StoreProblem(
            f"{path.name} was made by a newer Slatebook (bundle format {fmt}; this one reads up to {FORMAT_VERSION}).",
            "Update Slatebook to import it.",
        )
    checksums = manifest.get("sha256")
    if not isinstance(checksums, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(v) == 64 for k, v in checksums.items()
    ):
        raise StoreProblem(f"{path.name} has a damaged manifest (checksums).", _DAMAGED_HINT)
    return checksums


def _parse_project(path: Path, raw: bytes) -> ProjectData:
    try:
        data = ProjectData.model_validate_json(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise StoreProblem(f"{path.name} holds a project Slatebook cannot read (at {where or 'the top'}).", _DAMAGED_HINT) from exc
    supported = ProjectData.model_fields["format_version"].default
    if data.format_version > supported:
        raise StoreProblem(
            f"{path.name} holds a project made by a newer Slatebook (project format {data.format_version}).",
            "Update Slatebook to import it.",
        )
    check_references(data)
    return data


@contextmanager
def _open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise StoreProblem(f"There is no bundle at {path}.", "Give the path of a .slatebook file.") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise StoreProblem(
            f"{path.name} is not a Slatebook bundle: it is not a zip file, or it was cut short.", _DAMAGED_HINT
        ) from exc
    with zf:
        yield zf


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turns what a damaged or truncated zip raises mid-read into a problem a person can act on."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise StoreProblem(f"{path.name} is damaged or incomplete ({exc}).", _DAMAGED_HINT) from exc
