"""The reference terms' embeddings are computed once and read from disk after."""

import numpy as np

from pipelines.breakdown.offline import embeddings


def test_reference_embeddings_are_kept_on_disk_and_reused(monkeypatch, tmp_path):
    monkeypatch.setenv("SLATEBOOK_HOME", str(tmp_path))
    calls: list[list[str]] = []

    def fake_embed(texts):
        calls.append(list(texts))
        return np.arange(len(texts) * 4, dtype=np.float32).reshape(len(texts), 4)

    monkeypatch.setattr(embeddings, "embed", fake_embed)
    first = embeddings._cached_matrix(["flare gun", "rowing boat"])
    again = embeddings._cached_matrix(["flare gun", "rowing boat"])
    assert len(calls) == 1 and np.array_equal(first, again)
    assert len(list((tmp_path / "cache").glob("minilm-references-*.npy"))) == 1

    changed = embeddings._cached_matrix(["flare gun", "rowing boat", "lantern"])
    assert len(calls) == 2 and changed.shape == (3, 4)


def test_a_damaged_cache_file_is_embedded_again(monkeypatch, tmp_path):
    monkeypatch.setenv("SLATEBOOK_HOME", str(tmp_path))
    monkeypatch.setattr(embeddings, "embed", lambda texts: np.ones((len(texts), 2), dtype=np.float32))
    embeddings._cached_matrix(["oar"])
    for path in (tmp_path / "cache").glob("*.npy"):
        path.write_bytes(b"not an array")
    assert embeddings._cached_matrix(["oar"]).shape == (1, 2)
