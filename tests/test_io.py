"""Loading: encodings, HTML charsets, PDF text layers, and every LoadError / NeedsOCRError path.

All fixtures are generated in tmp_path; PDFs are written by hand (a few objects, Helvetica for
ASCII, the non-embedded Adobe-GB1 font STSong-Light for Chinese, which pdfminer maps to Unicode
through its bundled CMaps, so no CJK font file is needed).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import random
import time
from pathlib import Path

import pytest

from policy_nlp.errors import LoadError, NeedsOCRError, PolicyNLPWarning
from policy_nlp.io import load, load_html, load_pdf, load_text
from policy_nlp.io.text import decode_bytes

CHINESE = (
    "上海市总工会关于开展劳动竞赛的意见\n各区县局(产业)工会:\n到2015年,比重达到30%。\n二〇一一年二月十五日\n"
)


# -- a hand-written PDF ------------------------------------------------------------------------
def make_pdf(
    pages: list[list[str]], *, cjk: bool = False, encrypt: bool = False, unmapped: bool = False
) -> bytes:
    """A minimal valid PDF with one text line per list item (an empty page has a drawing only)."""
    objs: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    page_ids = [4 + 2 * k for k in range(len(pages))]
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objs[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages)
    if cjk:
        objs[3] = (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [100 0 R] >>"
        )
        objs[100] = (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
            b" << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 101 0 R /DW 1000 >>"
        )
        objs[101] = (
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        )
        if unmapped:  # Identity-H codes without a ToUnicode map: pdfminer can only say (cid:N)
            objs[3] = objs[3].replace(b"/UniGB-UCS2-H", b"/Identity-H")
            objs[100] = objs[100].replace(
                b"/Ordering (GB1) /Supplement 2", b"/Ordering (Identity) /Supplement 0"
            )
    else:
        objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for pid, lines in zip(page_ids, pages, strict=True):
        ops = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 760 Td"]
        for line in lines:
            if cjk:
                ops.append(b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*")
            else:
                esc = (
                    line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                )
                ops.append(b"(" + esc + b") Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops) if lines else b"0 0 m 100 100 l S"
        objs[pid] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (pid + 1)
        )
        objs[pid + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    trailer_extra = b""
    if encrypt:  # a standard security handler whose user password is not empty
        enc = max(objs) + 1
        objs[enc] = (
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> >>"
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s><%s>]" % (enc, b"0f" * 16, b"0f" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for oid in sorted(objs):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + objs[oid] + b"\nendobj\n"
    xref = len(out)
    size = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for oid in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[oid]) if oid in offsets else b"0000000000 65535 f \n"
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R" % size + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# -- text encodings ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("codec", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "gb18030",
        "gbk",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "utf16be-nobom",
    ],
)
def test_encodings_round_trip(tmp_path: Path, codec: str, bom: bytes, expected: str) -> None:
    data = bom + CHINESE.encode(codec)
    p = write(tmp_path, "doc.txt", data)
    raw = load(p)
    assert raw.text == CHINESE
    assert raw.encoding == expected
    assert raw.format == "txt"
    assert raw.path == os.fspath(p)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.pages == ()
    assert load_text(p) == raw


def test_python_utf16_codec_writes_a_bom(tmp_path: Path) -> None:
    p = write(tmp_path, "doc.txt", CHINESE.encode("utf-16"))
    assert load(p).text == CHINESE


@pytest.mark.parametrize(
    "text", ["通知", "关于印发", "意见", "第一条"], ids=["tongzhi", "guanyu", "yijian", "diyitiao"]
)
def test_short_gbk_that_is_also_valid_utf8(text: str) -> None:
    # "通知" in GBK is CD A8 D6 AA, which is valid UTF-8 for two Latin/Hebrew characters
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")


def test_markdown_and_text_extensions(tmp_path: Path) -> None:
    for name in ("a.md", "a.text", "a.markdown", "a"):
        assert load(write(tmp_path, name, CHINESE.encode())).format == "txt"


def test_lenient_decode_warns_on_a_few_bad_bytes(tmp_path: Path) -> None:
    good = (CHINESE * 200).encode("utf-8")
    data = good[:5000] + b"\xff" + good[5000:]
    with pytest.warns(PolicyNLPWarning, match="1 undecodable"):
        raw = load(write(tmp_path, "a.txt", data))
    assert raw.encoding == "utf-8"
    assert raw.text.count("\ufffd") == 1


# -- errors ------------------------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file") as err:
        load(tmp_path / "nope.txt")
    assert err.value.path == os.fspath(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory"):
        load(tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "secret.txt", CHINESE.encode())
    if os.geteuid() != 0:
        p.chmod(0)
    else:  # root reads anything: make the read itself fail as it would for another user

        def deny(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(LoadError, match=r"secret\.txt: permission denied"):
        load(p)


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(LoadError, match="cannot read: Input/output error"):
        load(tmp_path / "a.txt")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("nul.txt", bytes(range(256)) * 8, "binary content"),
        ("random.txt", random.Random(7).randbytes(4096), "binary content"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        ("word.txt", b"PK\x03\x04" + b"word/document.xml" * 10, "ZIP archive"),
        ("old.doc.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "OLE2"),
        ("ctrl.txt", ("正文" + "\x01\x02\x03\x04" * 50).encode(), "control characters"),
        ("bad.txt", b"\x80\x81\xff\xfe\x80" * 40, "undecodable bytes"),
        ("odd16.txt", "ab".encode("utf-16-le") + b"\x00", "binary content"),
        ("fake.pdf", CHINESE.encode(), "no %PDF- header"),
        ("badbom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfd", "byte-order mark says utf-8-sig"),
    ],
    ids=[
        "empty",
        "nul-bytes",
        "random-bytes",
        "png",
        "docx",
        "ole2",
        "controls",
        "undecodable",
        "odd-utf16",
        "fake-pdf",
        "bad-bom",
    ],
)
def test_load_errors(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = write(tmp_path, name, data)
    with pytest.raises(LoadError) as err:
        load(p)
    assert reason in err.value.reason
    assert str(err.value).startswith(os.fspath(p) + ": ")
    assert not isinstance(err.value, NeedsOCRError)


def test_load_pdf_rejects_non_pdf(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="not a PDF"):
        load_pdf(write(tmp_path, "a.txt", CHINESE.encode()))


def test_large_file_reads_in_reasonable_time(tmp_path: Path) -> None:
    data = (CHINESE * 120_000).encode("gb18030")  # ~5 MB of GB18030
    p = write(tmp_path, "big.txt", data)
    t0 = time.perf_counter()
    raw = load(p)
    assert time.perf_counter() - t0 < 5
    assert raw.encoding == "gb18030" and len(raw.text) == len(CHINESE) * 120_000


# -- HTML --------------------------------------------------------------------------------------
PAGE = (
    '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    "<title>通知</title></head><body><p>关于开展劳动竞赛的意见</p></body></html>"
)


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("a.html", PAGE.encode("gb18030"), "gb18030"),
        ("a.htm", PAGE.replace("gb2312", "utf-8").encode("utf-8"), "utf-8"),
        ("a.html", codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8-sig"),
        (
            "a.html",
            PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "").encode(
                "gbk"
            ),
            "gb18030",
        ),
        ("a.shtml", PAGE.replace("gb2312", "utf-8").replace("通知", "x").encode("gb18030"), "gb18030"),
        ("page.txt", PAGE.encode("gb18030"), "gb18030"),
    ],
    ids=["meta-gb2312", "meta-utf8", "bom", "no-meta-detect", "wrong-meta-falls-back", "html-named-txt"],
)
def test_html_charset(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    raw = load(write(tmp_path, name, data))
    assert raw.format == "html"
    assert raw.encoding == encoding
    assert "关于开展劳动竞赛的意见" in raw.text


def test_load_html_direct_and_meta_charset_attribute(tmp_path: Path) -> None:
    page = '<html><head><meta charset="GBK"></head><body>第一条 为了规范管理</body></html>'
    raw = load_html(write(tmp_path, "x.bin", page.encode("gbk")))
    assert raw.encoding == "gb18030" and raw.format == "html"


def test_html_named_file_without_tags_is_text(tmp_path: Path) -> None:
    raw = load(write(tmp_path, "saved.html", CHINESE.encode("gb18030")))
    assert raw.format == "txt" and raw.text == CHINESE


def test_markup_quoted_inside_text_stays_text(tmp_path: Path) -> None:
    text = "关于网页标签的说明\n正文中的<b>加粗</b>标签按原样保留。\n"
    raw = load(write(tmp_path, "a.txt", text.encode()))
    assert raw.format == "txt" and raw.text == text


# -- PDF ---------------------------------------------------------------------------------------
def test_pdf_pages_and_offsets(tmp_path: Path) -> None:
    data = make_pdf([["Notice on labour contests", "second line"], ["page two"]])
    raw = load(write(tmp_path, "a.pdf", data))
    assert raw.format == "pdf" and raw.encoding is None
    assert raw.text == "Notice on labour contests\nsecond line\npage two"
    assert raw.pages == (0, raw.text.index("page two"))
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert load_pdf(tmp_path / "a.pdf") == raw


def test_pdf_chinese_text_layer(tmp_path: Path) -> None:
    raw = load(
        write(
            tmp_path,
            "c.pdf",
            make_pdf([["上海市总工会关于开展", "劳动竞赛的意见"], ["二、目标任务"]], cjk=True),
        )
    )
    assert raw.text == "上海市总工会关于开展\n劳动竞赛的意见\n二、目标任务"
    assert raw.pages == (0, raw.text.index("二、"))


def test_pdf_renamed_txt_is_loaded_as_pdf(tmp_path: Path) -> None:
    raw = load(write(tmp_path, "a.txt", make_pdf([["Hello"]])))
    assert raw.format == "pdf" and raw.text == "Hello"


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    with pytest.raises(NeedsOCRError, match="no text layer on any of 2 page"):
        load(write(tmp_path, "scan.pdf", make_pdf([[], []])))


def test_pdf_without_unicode_map_needs_ocr(tmp_path: Path) -> None:
    with pytest.raises(NeedsOCRError, match=r"no Unicode mapping"):
        load(write(tmp_path, "cid.pdf", make_pdf([["上海市总工会关于开展"]], cjk=True, unmapped=True)))


def test_encrypted_pdf(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="encrypted PDF"):
        load(write(tmp_path, "locked.pdf", make_pdf([["secret"]], encrypt=True)))


@pytest.mark.parametrize("keep", [0.05, 0.3, 0.5, 0.95], ids=["5pct", "30pct", "half", "no-trailer"])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = make_pdf([["Hello world"]])
    with pytest.raises(LoadError, match="corrupt or truncated PDF"):
        load(write(tmp_path, "cut.pdf", data[: int(len(data) * keep)]))
