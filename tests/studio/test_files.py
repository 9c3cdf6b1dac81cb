import hashlib
import os

import pytest

from studio.errors import StoreProblem
from studio.store.files import FileStore, content_name


def test_name_is_sha256_and_suffix(tmp_path):
    store = FileStore(tmp_path / "files")
    name = store.put(b"frame", ".png")
    assert name == hashlib.sha256(b"frame").hexdigest() + ".png"
    assert (tmp_path / "files" / name).read_bytes() == b"frame"
    assert store.path(name) == tmp_path / "files" / name
    assert store.path("0" * 64) is None


def test_same_bytes_are_stored_once(tmp_path):
    store = FileStore(tmp_path)
    assert store.put(b"x") == store.put(bytearray(b"x"))
    assert store.names() == [content_name(b"x")]


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    store = FileStore(tmp_path)

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StoreProblem) as err:
        store.put(b"big frame", ".png")
    assert "disk" in err.value.hint
    assert list(tmp_path.iterdir()) == []


def test_stray_files_are_not_listed(tmp_path):
    store = FileStore(tmp_path)
    name = store.put(b"a")
    (tmp_path / ".tmp-123").write_bytes(b"half")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert store.names() == [name]


@pytest.mark.parametrize(
    "name",
    ["../project.sqlite", "..", "/etc/passwd", "a" * 63, "a" * 65, "A" * 64, "a" * 64 + "/../../x",
     "a" * 64 + ".png\n", "a" * 64 + "\\..\\x", "", "a" * 64 + "."],
)
def test_unsafe_or_malformed_names_are_refused(tmp_path, name):
    store = FileStore(tmp_path)
    with pytest.raises(StoreProblem):
        store.read(name)
    with pytest.raises(StoreProblem):
        store.path(name)


def test_a_damaged_file_is_refused_on_read(tmp_path):
    store = FileStore(tmp_path)
    name = store.put(b"pixels")
    (tmp_path / name).write_bytes(b"pixelz")
    with pytest.raises(StoreProblem, match="damaged"):
        store.read(name)


def test_bad_suffix(tmp_path):
    with pytest.raises(StoreProblem):
        FileStore(tmp_path).put(b"x", "png")
    with pytest.raises(StoreProblem):
        FileStore(tmp_path).put(b"x", ".p/ng")
