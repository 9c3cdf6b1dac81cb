import hashlib
import json
import os
import warnings
import zipfile
from pathlib import Path

import pytest

from studio.errors import StoreProblem
from studio.models import Element, Frame
from studio.store import bundle
from studio.store.catalog import ProjectCatalog

from store_builders import populated_data

KEY = "fake-test-key-THIS-IS-NOT-REAL-0123456789"


@pytest.fixture
def catalog(tmp_path):
    return ProjectCatalog(tmp_path / "projects")


@pytest.fixture
def full_project(catalog):
    """A project with every kind of record and two stored files."""
    repo = catalog.create("Populated")
    still = repo.put_file(bytes(range(256)) * 40, ".png")
    sketch = repo.put_file(b"%PDF-1.7 board", ".pdf")
    data = populated_data(files=[still, sketch])
    repo.replace_data(data.model_copy(update={"project": data.project.model_copy(update={"id": repo.get_project().id})}))
    repo.put_file(b"unreferenced but kept")
    return repo


def members(path):
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def rezip(src, dst, change, fix_manifest=True):
    """A copy of bundle `src` with its members changed by `change(dict)`; the manifest re-signed unless told not to."""
    items = members(src)
    items.pop("manifest.json")
    manifest = json.loads(members(src)["manifest.json"])
    change(items)
    if fix_manifest:
        manifest["sha256"] = {n: hashlib.sha256(b).hexdigest() for n, b in items.items()}
    with zipfile.ZipFile(dst, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for name, blob in items.items():
            zf.writestr(name, blob)
    return dst


def test_export_import_export_is_identical(full_project, catalog, tmp_path):
    first = catalog.export_bundle("Populated", tmp_path / "out")
    assert first == tmp_path / "out.slatebook"
    other = ProjectCatalog(tmp_path / "elsewhere")
    imported = other.import_bundle(first)
    assert imported.get_project().name == "Populated"
    second = other.export_bundle("Populated", tmp_path / "again.slatebook")

    original = full_project.export_data()
    assert imported.export_data() == original  # ids, times, everything
    assert set(imported.list_files()) == set(full_project.list_files()) and len(original.frames) == 2
    for name in full_project.list_files():
        assert imported.read_file(name) == full_project.read_file(name)
    a, b = members(first), members(second)
    assert set(a) == set(b)
    assert all(a[n] == b[n] for n in a if n != "manifest.json")  # only created_at may differ


def test_every_model_type_is_in_the_bundle(full_project, catalog, tmp_path):
    data = json.loads(members(catalog.export_bundle("Populated", tmp_path))["project.json"])
    for field in ("scripts", "scenes", "elements", "characters", "shots", "frames", "schedules", "budgets", "ai_records", "jobs"):
        assert data[field], field
    assert data["scenes"][0]["lines"]


def test_manifest_lists_every_member_with_its_checksum(full_project, catalog, tmp_path):
    path = catalog.export_bundle("Populated", tmp_path)
    assert path.name == "populated.slatebook"
    items = members(path)
    manifest = json.loads(items.pop("manifest.json"))
    assert manifest["format"] == bundle.FORMAT and manifest["format_version"] == bundle.FORMAT_VERSION
    assert manifest["app_version"] and manifest["created_at"]
    assert manifest["sha256"] == {n: hashlib.sha256(b).hexdigest() for n, b in items.items()}
    assert {n for n in items if n.startswith("files/")} == {"files/" + n for n in full_project.list_files()}


def test_importing_a_name_that_exists_numbers_it(full_project, catalog, tmp_path):
    path = catalog.export_bundle("Populated", tmp_path)
    assert catalog.import_bundle(path).get_project().name == "Populated (2)"
    assert catalog.import_bundle(path).get_project().name == "Populated (3)"
    copy = catalog.import_bundle(path, name="Copy")
    assert copy.get_project().name == "Copy"
    assert copy.export_data().model_copy(update={"project": None}) == full_project.export_data().model_copy(update={"project": None})
    with pytest.raises(StoreProblem, match="already"):
        catalog.import_bundle(path, name="copy")


def test_the_bundle_never_carries_the_api_key(full_project, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    full_project.save_project(full_project.get_project())  # write something while the key is set
    path = catalog.export_bundle("Populated", tmp_path)
    assert KEY.encode() not in path.read_bytes()
    for blob in members(path).values():
        assert KEY.encode() not in blob
    for file in full_project.folder.rglob("*"):
        if file.is_file():
            assert KEY.encode() not in file.read_bytes()


def test_export_leaves_no_temp_file_when_it_fails(full_project, catalog, tmp_path, monkeypatch):
    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreProblem):
        catalog.export_bundle("Populated", tmp_path / "out")
    assert not list(tmp_path.glob("*out*"))


# --- bundles that must be refused, with nothing written


@pytest.fixture
def good_bundle(full_project, catalog, tmp_path):
    return catalog.export_bundle("Populated", tmp_path / "good")


def refused(catalog, path, match=None):
    before = sorted(p.name for p in catalog.home.iterdir())
    with pytest.raises(StoreProblem, match=match) as err:
        catalog.import_bundle(path)
    assert err.value.hint
    assert sorted(p.name for p in catalog.home.iterdir()) == before  # no project, no staging folder
    return err.value


def test_not_a_zip(catalog, tmp_path):
    path = tmp_path / "x.slatebook"
    path.write_text("INT. KITCHEN - DAY")
    refused(catalog, path, "not a zip")


def test_missing_file(catalog, tmp_path):
    refused(catalog, tmp_path / "nowhere.slatebook", "no bundle")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated(catalog, good_bundle, tmp_path, keep):
    blob = good_bundle.read_bytes()
    cut = tmp_path / "cut.slatebook"
    cut.write_bytes(blob[: int(len(blob) * keep)])
    refused(catalog, cut)


def test_a_flipped_byte_inside_a_member(catalog, good_bundle, tmp_path):
    blob = bytearray(good_bundle.read_bytes())
    offset = blob.index(b"%PDF-1.7 board")  # stored uncompressed: flip a byte of its data
    blob[offset] ^= 0xFF
    bad = tmp_path / "flipped.slatebook"
    bad.write_bytes(bytes(blob))
    refused(catalog, bad)


def test_checksum_mismatch(catalog, good_bundle, tmp_path):
    def tamper(items):
        items["project.json"] = items["project.json"].replace(b"Populated", b"Tampered!")

    refused(catalog, rezip(good_bundle, tmp_path / "t.slatebook", tamper, fix_manifest=False), "checksum")


def test_a_file_whose_name_is_not_its_hash(catalog, good_bundle, tmp_path):
    def swap(items):
        name = next(n for n in items if n.endswith(".pdf"))
        items[name] = b"other bytes"

    refused(catalog, rezip(good_bundle, tmp_path / "s.slatebook", swap), "checksum")


def test_member_not_in_manifest(catalog, good_bundle, tmp_path):
    def add(items):
        items["files/" + "a" * 64] = b"x"

    refused(catalog, rezip(good_bundle, tmp_path / "m.slatebook", add, fix_manifest=False), "manifest")


@pytest.mark.parametrize("evil", ["../evil.sh", "/etc/cron.d/x", "files/../../x", "files/evil.sh", "C:\\x",
                                  "files/" + "a" * 64 + "/../../x", "project.json/../x", "files/"])
def test_unsafe_member_names(catalog, good_bundle, tmp_path, evil):
    def add(items):
        items[evil] = b"payload"

    refused(catalog, rezip(good_bundle, tmp_path / "z.slatebook", add), "entry")
    assert not (tmp_path / "evil.sh").exists() and not (catalog.home.parent / "x").exists()


def test_duplicate_members(catalog, good_bundle, tmp_path):
    bad = tmp_path / "d.slatebook"
    bad.write_bytes(good_bundle.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("project.json", b"{}")
    refused(catalog, bad, "twice")


def test_zip_bomb(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024)
    zeros = b"\0" * (64 * 1024 * 1024)
    name = "files/" + hashlib.sha256(zeros).hexdigest()
    path = tmp_path / "bomb.slatebook"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps({"format": bundle.FORMAT, "format_version": 1, "sha256": {}}))
        zf.writestr("project.json", b"{}")
        zf.writestr(name, zeros)
    assert path.stat().st_size < 1024 * 1024
    refused(catalog, path, "MiB")


def test_missing_or_foreign_manifest(catalog, good_bundle, tmp_path):
    path = tmp_path / "nm.slatebook"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", members(good_bundle)["project.json"])
    refused(catalog, path, "manifest.json")
    path2 = tmp_path / "fm.slatebook"
    items = members(good_bundle)
    with zipfile.ZipFile(path2, "w") as zf:
        for name, blob in items.items():
            zf.writestr(name, b'{"format": "something-else"}' if name == "manifest.json" else blob)
    refused(catalog, path2, "manifest")


def test_newer_bundle_format(catalog, good_bundle, tmp_path):
    items = members(good_bundle)
    manifest = json.loads(items["manifest.json"])
    manifest["format_version"] = bundle.FORMAT_VERSION + 1
    path = tmp_path / "new.slatebook"
    with zipfile.ZipFile(path, "w") as zf:
        for name, blob in items.items():
            zf.writestr(name, json.dumps(manifest) if name == "manifest.json" else blob)
    err = refused(catalog, path, "newer Slatebook")
    assert "Update" in err.hint


def test_newer_project_format(catalog, good_bundle, tmp_path):
    def bump(items):
        data = json.loads(items["project.json"])
        data["format_version"] = 99
        items["project.json"] = json.dumps(data).encode()

    refused(catalog, rezip(good_bundle, tmp_path / "p.slatebook", bump), "newer Slatebook")


def test_project_json_that_is_not_a_project(catalog, good_bundle, tmp_path):
    def garble(items):
        items["project.json"] = b'{"project": {"name": 5}}'

    refused(catalog, rezip(good_bundle, tmp_path / "g.slatebook", garble), "cannot read")


def test_project_with_broken_links(catalog, good_bundle, tmp_path):
    def orphan(items):
        data = json.loads(items["project.json"])
        data["elements"].append(Element(scene_id="gone", category="props", name="x").model_dump(mode="json"))
        data["frames"].append(Frame(shot_id="gone", file="a" * 64, width=1, height=1, backend="s").model_dump(mode="json"))
        items["project.json"] = json.dumps(data).encode()

    refused(catalog, rezip(good_bundle, tmp_path / "o.slatebook", orphan), "not in the project")


def test_bundle_path(tmp_path):
    assert bundle.bundle_path(tmp_path, "slug") == tmp_path / "slug.slatebook"
    assert bundle.bundle_path(Path("/tmp/x"), "slug") == Path("/tmp/x.slatebook")
    assert bundle.bundle_path(Path("/tmp/x.slatebook"), "slug") == Path("/tmp/x.slatebook")
