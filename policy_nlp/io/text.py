"""Plain-text files: read the bytes once, detect the encoding, refuse binary content.

Detection order: a byte-order mark (UTF-8, UTF-16 LE/BE); a NUL-byte pattern that says BOM-less
UTF-16; strict UTF-8; strict GB18030 (a superset of GBK and GB2312); finally a lenient decode when
only a handful of bytes are bad (a :class:`~policy_nlp.errors.PolicyNLPWarning` says how many).
The encoding recorded in :class:`~policy_nlp.model.RawText` is the Python codec name that was used.

>>> decode_bytes("通知".encode("gb18030"), "a.txt")
('通知', 'gb18030')
>>> decode_bytes(b"\\xef\\xbb\\xbf" + "通知".encode("utf-8"), "a.txt")
('通知', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import warnings
from pathlib import Path

from policy_nlp.errors import LoadError, PolicyNLPWarning
from policy_nlp.model import RawText

__all__ = ["decode_bytes", "load_text", "read_bytes", "sniff_binary"]

#: bytes inspected when sniffing for NULs and control characters
SAMPLE = 1 << 16
#: at most this share of bad bytes (and this many) is repaired with U+FFFD instead of failing
LENIENT_MAX_SHARE = 0.001
LENIENT_MAX_COUNT = 64
#: share of C0 control characters (other than tab, newline, CR, FF, VT, ESC) that marks binary data
CONTROL_MAX_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: magic numbers of common binary formats people mistake for text, with a name for the message
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx/.zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (.doc/.xls/.wps)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x7fELF", "an ELF executable"),
    (b"{\\rtf", "an RTF document"),
)

_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


def read_bytes(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """The path as a string and the file's bytes, read once.

    Raises :class:`LoadError` for a missing file, a directory, no permission or an empty file.
    """
    p = os.fspath(path)
    try:
        data = Path(p).read_bytes()
    except FileNotFoundError as exc:
        raise LoadError(p, "no such file") from exc
    except IsADirectoryError as exc:
        raise LoadError(p, "is a directory, not a file") from exc
    except PermissionError as exc:
        raise LoadError(p, "permission denied") from exc
    except OSError as exc:
        raise LoadError(p, f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise LoadError(p, "empty file")
    return p, data


def sniff_binary(data: bytes) -> str | None:
    """Name of a known binary format when ``data`` starts with its magic number, else None.

    >>> sniff_binary(b"PK\\x03\\x04rest")
    'a ZIP archive (.docx/.xlsx/.zip)'
    >>> sniff_binary("正文".encode()) is None
    True
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NULs sit on one parity (ASCII or Latin-1 code units)."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd == 0:
        return None
    units = len(sample) // 2
    # newlines, digits and ASCII punctuation give NULs in the high byte of their code unit; the
    # few CJK characters with a 00 low byte (开 U+5F00) give some on the other parity; a binary
    # file has NULs on both parities alike
    if odd >= max(2, 0.005 * units) and even * 3 <= odd:
        return "utf-16-le"
    if even >= max(2, 0.005 * units) and odd * 3 <= even:
        return "utf-16-be"
    return None


_TWO_BYTE = re.compile("[\u0080-\u07ff]")
_CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")


def _gb_in_disguise(text: str) -> bool:
    """True when valid UTF-8 looks like GBK bytes (Latin/Greek/Hebrew letters, no CJK): short GBK
    strings are often valid UTF-8 by accident."""
    sample = text[:SAMPLE]
    odd = len(_TWO_BYTE.findall(sample))
    return odd > 0 and odd > len(_CJK.findall(sample))


def _check_controls(text: str, path: str) -> None:
    sample = text[:SAMPLE]
    if not sample:
        return
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if bad > CONTROL_MAX_SHARE * len(sample):
        raise LoadError(path, f"binary content ({bad} control characters in the first {len(sample)})")


def _lenient(data: bytes, path: str) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, text, codec)
    assert best is not None
    bad, text, codec = best
    if bad <= min(LENIENT_MAX_COUNT, LENIENT_MAX_SHARE * len(text)):
        warnings.warn(
            f"{path}: {bad} undecodable byte sequence(s) replaced with U+FFFD ({codec})",
            PolicyNLPWarning,
            stacklevel=3,
        )
        return text, codec
    return None


def decode_bytes(data: bytes, path: str = "<bytes>", *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns the text and the codec name used.

    ``declared`` is an encoding named by the file itself (an HTML ``<meta charset>``); it is tried
    after a BOM and before detection. Raises :class:`LoadError` for binary or undecodable content.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise LoadError(
                    path, f"byte-order mark says {codec} but the bytes do not decode: {exc.reason}"
                ) from exc
            _check_controls(text, path)
            return text, codec
    magic = sniff_binary(data)
    if magic:
        raise LoadError(path, f"binary content: looks like {magic}, not text")
    sample = data[:SAMPLE]
    if 0 in sample:
        codec16 = _utf16_without_bom(sample[: len(sample) - len(sample) % 2])
        if codec16 is None or len(data) % 2:
            raise LoadError(path, "binary content (NUL bytes)")
        try:
            text = data.decode(codec16)
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"binary content (NUL bytes; not {codec16}: {exc.reason})") from exc
        _check_controls(text, path)
        return text, codec16
    candidates = ["utf-8", "gb18030"]
    if declared:
        candidates.insert(0, declared)
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec == "utf-8" and declared is None and _gb_in_disguise(text):
            try:
                return data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                pass
        _check_controls(text, path)
        return text, codec
    repaired = _lenient(data, path)
    if repaired is None:
        raise LoadError(path, "undecodable bytes: not UTF-8, GB18030 or UTF-16")
    _check_controls(repaired[0], path)
    return repaired


def load_text(path: str | os.PathLike[str]) -> RawText:
    """Load a plain-text (or Markdown) file, detecting its encoding.

    Raises :class:`~policy_nlp.errors.LoadError` naming the file and the reason (missing, directory,
    permission denied, empty, binary, undecodable).

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.txt")
    >>> _ = open(p, "wb").write("关于印发方案的通知".encode("gbk"))
    >>> raw = load_text(p)
    >>> raw.text, raw.encoding, raw.format
    ('关于印发方案的通知', 'gb18030', 'txt')
    """
    p, data = read_bytes(path)
    text, codec = decode_bytes(data, p)
    return RawText(text=text, path=p, sha256=hashlib.sha256(data).hexdigest(), format="txt", encoding=codec)
