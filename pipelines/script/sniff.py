"""The one entry point for screenplay files: pick a reader, decode, sanity-check.

The reader is chosen by content first (a PDF renamed .fountain is still a
PDF) and by extension second. Every refusal is an `ImportProblem` that says
what is wrong with the file and what the person can do about it.
"""

from __future__ import annotations

import codecs
from pathlib import PurePath

from pipelines.script.blocks import ParsedScreenplay
from pipelines.script.limits import check_bytes, check_pages, estimate_pages
from studio.errors import ImportProblem
from studio.models import LineKind

_FOUNTAIN_EXTENSIONS = {".fountain", ".spmd"}
_XML_EXTENSIONS = {".fdx", ".xml"}
_EXPORT_HINT = "Export the screenplay from your writing app as Fountain, Final Draft (.fdx) or PDF and import that file."

# Above this share of control characters a "text" file is really binary data.
_MAX_CONTROL_SHARE = 0.02
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}


def read_screenplay_file(data: bytes, filename: str) -> ParsedScreenplay:
    name = PurePath(filename).name or "The file"
    ext = PurePath(filename).suffix.lower()
    if not data.strip():
        raise ImportProblem(
            f"{name} is empty ({len(data)} bytes).",
            "Choose the screenplay file itself; if it came from a download or a sync folder, let it finish first.",
        )
    if b"%PDF-" in data[:1024]:
        check_bytes(len(data), "pdf", name)
        from pipelines.script.pdf import parse_pdf  # pdf readers load slowly; only pay when needed

        return _require_headings(parse_pdf(data), name)
    _refuse_known_binaries(data, ext, name)
    if ext == ".pdf":
        raise ImportProblem(f"{name} is not a PDF (it has no PDF header); it may be damaged or renamed.", _EXPORT_HINT)

    text, warning = decode_text(data, name)
    head = text[:2048].lstrip()
    if head.startswith("<?xml") or "<FinalDraft" in head or ext in _XML_EXTENSIONS:
        # The XML parser decodes by the file's own declaration, so the guess
        # made here is not worth a warning.
        return _require_headings(_read_fdx(data, head, name), name)
    parsed = _read_fountain(text, ext, name)
    if warning:
        parsed.warnings.insert(0, warning)
    return _require_headings(parsed, name)


def decode_text(data: bytes, name: str = "The file") -> tuple[str, str | None]:
    """Text and, unless it was plain UTF-8, a warning naming the encoding used."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), None
        except UnicodeDecodeError:
            pass  # a BOM in front of non-UTF-8 bytes: fall through to the guesses below
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            text = data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise ImportProblem(f"{name} looks like UTF-16 text but does not decode as it.", _EXPORT_HINT) from exc
        _refuse_control_characters(text, name)
        return text, f"{name} is UTF-16 text; it was read as {utf16.upper()}."
    if b"\x00" in data:
        raise _binary(name)
    try:
        text = data.decode("utf-8")
        warning = None
    except UnicodeDecodeError:
        # Not UTF-8, so most likely an older Windows or Mac export; cp1252
        # is the common case, and its few undefined bytes become U+FFFD.
        text = data.decode("cp1252", errors="replace")
        warning = (
            f"{name} is not UTF-8; it was read as Windows-1252 (cp1252). "
            "Check accented letters and curly quotes, or save the file as UTF-8 and import it again."
        )
    _refuse_control_characters(text, name)
    return text, warning


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    # No BOM: Latin-script UTF-16 has a zero in nearly every other byte and
    # almost none in the other half; binary junk has zeros in both.
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _refuse_known_binaries(data: bytes, ext: str, name: str) -> None:
    if data.startswith(b"PK\x03\x04"):
        raise ImportProblem(
            f"{name} is a compressed (zip) file, such as a Word .docx or a Fade In / Highland document, "
            "which Slatebook cannot read directly.",
            _EXPORT_HINT,
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise ImportProblem(f"{name} is a Rich Text (RTF) document, which Slatebook cannot read directly.", _EXPORT_HINT)


def _refuse_control_characters(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(name)


def _binary(name: str) -> ImportProblem:
    return ImportProblem(f"{name} is not a text screenplay: it contains binary data.", _EXPORT_HINT)


def _read_fdx(data: bytes, head: str, name: str) -> ParsedScreenplay:
    if not head.startswith("<"):
        raise ImportProblem(f"{name} is not a Final Draft file: it does not contain XML.", _EXPORT_HINT)
    check_bytes(len(data), "fdx", name)
    from pipelines.script.fdx import parse_fdx

    parsed = parse_fdx(data)
    check_pages(estimate_pages(line for block in parsed.blocks for line in (*block.text.split("\n"), "")), name)
    return parsed


def _read_fountain(text: str, ext: str, name: str) -> ParsedScreenplay:
    check_bytes(len(text.encode("utf-8")), "text", name)
    # Judged on the raw lines, before parsing, so an enormous file is refused at once.
    check_pages(estimate_pages(text.splitlines()), name)
    from pipelines.script.fountain import parse_fountain

    # Plain-text scripts are read with the Fountain rules (made to match how
    # people already type scripts) but remembered as text.
    return parse_fountain(text, format="fountain" if ext in _FOUNTAIN_EXTENSIONS else "text")


def _require_headings(parsed: ParsedScreenplay, name: str) -> ParsedScreenplay:
    if not any(block.kind is LineKind.HEADING for block in parsed.blocks):
        raise ImportProblem(
            f"No scene headings were found in {name}.",
            "Scene headings start with INT. or EXT. (or a '.' to force one in Fountain); "
            "check that this is the screenplay and not a treatment or outline.",
        )
    return parsed
