"""Finding model weights on this machine, and fetching them when (only when) the user asks.

Everything here looks in a local folder or the Hugging Face cache with
`local_files_only=True`; the one function that touches the network is
`download_weights`, called from an explicit "download" action.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipelines.imaging.generators.registry import ModelEntry
from studio.errors import SlatebookError

Progress = Callable[[float, str], None]  # (fraction done, message)


@dataclass(frozen=True)
class LocalWeights:
    folder: Path  # a diffusers folder (model_index.json at its root)
    revision: str  # the cache snapshot's commit, or "local" for a folder the user pointed at
    unet_file: Path | None = None
    lora_file: Path | None = None


def _snapshot(repo_id: str, cache_dir: str | None, allow_patterns: list[str] | None = None) -> Path | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id, cache_dir=cache_dir, local_files_only=True,
                                      allow_patterns=allow_patterns))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError):
        return None


def _cached_file(repo_id: str, filename: str, cache_dir: str | None) -> Path | None:
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(hf_hub_download(repo_id, filename, cache_dir=cache_dir, local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError):
        return None


def _has_weights(folder: Path) -> bool:
    if not (folder / "model_index.json").is_file():
        return False
    return any(folder.glob("*/*.safetensors")) or any(folder.glob("*/*.bin"))


def find_weights(entry: ModelEntry, cache_dir: str | None = None) -> LocalWeights | None:
    """The model's weights on this machine, or None. Cheap: reads no tensors."""
    as_folder = Path(entry.repo_id).expanduser()
    if as_folder.is_dir():
        return LocalWeights(as_folder, "local") if (as_folder / "model_index.json").is_file() else None
    folder = _snapshot(entry.repo_id, cache_dir)
    if folder is None or not (folder / "model_index.json").is_file():
        return None
    # Lightning replaces the UNet, so the base's own UNet weights need not be there.
    if not entry.unet_file and not _has_weights(folder):
        return None
    unet = _cached_file(entry.unet_repo, entry.unet_file, cache_dir) if entry.unet_file else None
    lora = _cached_file(entry.lora_repo, entry.lora_file, cache_dir) if entry.lora_file else None
    if (entry.unet_file and unet is None) or (entry.lora_file and lora is None):
        return None
    revision = folder.name
    if unet is not None:
        revision += f"+unet:{unet.parent.name}"
    if lora is not None:
        revision += f"+lora:{lora.parent.name}"
    return LocalWeights(folder, revision, unet, lora)


def missing_weights_reason(entry: ModelEntry, cache_dir: str | None = None) -> str:
    if find_weights(entry, cache_dir):
        return ""
    size = f" (about {entry.weights_gb:g} GB)" if entry.weights_gb else ""
    return f"weights not on this machine{size}"


def weights_not_here(entry: ModelEntry) -> SlatebookError:
    where = f"huggingface.co/{entry.repo_id}"
    if entry.unet_repo:
        where += f" and huggingface.co/{entry.unet_repo}"
    if entry.lora_repo:
        where += f" and huggingface.co/{entry.lora_repo}"
    size = f" (about {entry.weights_gb:g} GB)" if entry.weights_gb else ""
    return SlatebookError(
        f"The weights for {entry.label} are not on this machine.",
        f"Download them from the Settings page{size}, fetch {where} into the Hugging Face cache on "
        "a connected machine (`hf download REPO`), or choose a local diffusers folder as the model. "
        "Until then Slatebook draws layout sketches.",
    )


def find_or_explain(entry: ModelEntry, cache_dir: str | None = None) -> LocalWeights:
    found = find_weights(entry, cache_dir)
    if found is None:
        raise weights_not_here(entry)
    return found


def _progress_bar_class(progress: Progress, label: str):
    """A tqdm class that reports bytes fetched across every file to `progress`."""
    from tqdm.auto import tqdm

    class Reporter(tqdm):
        def __init__(self, *args, **kwargs):
            kwargs["disable"] = True  # no console bars in a job thread; a disabled bar counts nothing, so we do
            super().__init__(*args, **kwargs)
            self._done = 0
            self._name = kwargs.get("desc") or ""

        def update(self, n=1):
            self._done += n or 0
            if self.total:
                progress(min(1.0, self._done / self.total), f"Downloading {label}: {self._name}".strip(": "))

    return Reporter


def download_weights(entry: ModelEntry, progress: Progress | None = None, cache_dir: str | None = None) -> LocalWeights:
    """Fetch the model into the Hugging Face cache. Call this only from an
    explicit user action: it moves gigabytes."""
    from huggingface_hub import hf_hub_download, snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    report = progress or (lambda fraction, message: None)
    bar = _progress_bar_class(report, entry.label)
    pieces: list[tuple[str, Callable[[], object]]] = [
        (entry.repo_id, lambda: snapshot_download(entry.repo_id, cache_dir=cache_dir, tqdm_class=bar,
                                                  allow_patterns=entry.allow_patterns or None)),
    ]
    if entry.unet_file:
        pieces.append((entry.unet_repo, lambda: hf_hub_download(entry.unet_repo, entry.unet_file,
                                                                cache_dir=cache_dir, tqdm_class=bar)))
    if entry.lora_file:
        pieces.append((entry.lora_repo, lambda: hf_hub_download(entry.lora_repo, entry.lora_file,
                                                                cache_dir=cache_dir, tqdm_class=bar)))
    for index, (repo, fetch) in enumerate(pieces):
        report(index / len(pieces), f"Downloading {repo}")
        try:
            fetch()
        except (LocalEntryNotFoundError, HfHubHTTPError, OSError) as exc:
            raise SlatebookError(
                f"Could not download {repo}: {_download_problem(exc)}.",
                "Check the internet connection (and, for gated models, that you accepted the licence "
                "on huggingface.co and ran `hf auth login`), then try again; finished files are kept.",
            ) from exc
    report(1.0, f"{entry.label} is ready")
    return find_or_explain(entry, cache_dir)


def _download_problem(exc: Exception) -> str:
    """The reason a download failed, in words (the library's class names mean nothing to a user)."""
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    if isinstance(exc, LocalEntryNotFoundError):
        return "this machine cannot reach huggingface.co (offline, or HF_HUB_OFFLINE is set)"
    if isinstance(exc, HfHubHTTPError):
        status = getattr(getattr(exc, "response", None), "status_code", None)
        if status in (401, 403):
            return "huggingface.co refused access (a gated model: accept its licence and log in)"
        return f"huggingface.co answered with an error{f' ({status})' if status else ''}"
    return f"the files could not be written ({exc.strerror or exc})" if isinstance(exc, OSError) else str(exc)
