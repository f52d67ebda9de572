"""Make the PDF fixtures of ``corpora/pdf/`` from their ``.txt`` sources with LibreOffice.

Each ``NAME.txt`` here is a short official document written for the tests (modeled on real ones, in
our own words). This script lays it out as GB/T 9704 requires and as office suites print it, writes
flat ODT (``NAME.fodt``, in a temporary directory) and converts it with
``soffice --headless --convert-to pdf`` into ``NAME.pdf`` beside the text. The PDFs are committed; the
test suite reads them with pdfplumber and never needs LibreOffice.

Layout, read from the text by position and by pattern:

* line 1, the 版头 (``临江市人民政府文件``): red, 36 pt, letter-spaced;
* line 2, the 发文字号 (``临政发〔2024〕12号``): centered, over a red rule;
* line 3, the title: 22 pt, centered, wrapped by LibreOffice over two or three lines;
* the body in 3号 (16 pt) at 28 characters a line, first lines indented two characters, justified;
  digits and Latin letters in a Latin font (Liberation Serif when installed, else DejaVu Serif) and
  Chinese in WenQuanYi Zen Hei; headings ``一、`` in the same font;
* the signature (an organization line followed by a date-only line) right-aligned;
* ``附件`` on a new page, its title centered, then the task table (lines with tabs; the first is
  the header row, repeated on every page the table runs over), ruled, 14 pt, cells wrapping, a row never split over two pages;
* the 版记: the ``抄送：`` line and the ``… 印发`` line (two spaces in the text become a right tab),
  between black rules;
* a footer page number ``— 3 —`` on every page;
* no punctuation hung into the margin (LibreOffice 7.4 leaves a hanging ``，`` out of the PDF);
* with ``FAKE_BOLD``: the lead phrase of ``（一）…。`` sub-headings drawn with a text shadow, which
  LibreOffice exports as the same glyphs drawn twice, slightly offset (the "fake bold" of office
  suites).

Requirements (fixture-making only): ``apt-get install -y libreoffice-writer-nogui fonts-wqy-zenhei``.

    python corpora/pdf/make_pdfs.py            # every NAME.txt in this directory
    python corpora/pdf/make_pdfs.py NAME.txt   # one
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
#: documents whose （一） lead phrases are drawn twice (fake bold)
FAKE_BOLD = {"linjiang_smes_2024"}
CJK_FONT = "WenQuanYi Zen Hei"
RED = "#e00000"

_DOC_NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
_DATE_ONLY = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_SUB = re.compile(r"^（[一二三四五六七八九十]+）[^。]{1,20}。")

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def latin_font() -> str:
    out = subprocess.run(["fc-list", ":family"], capture_output=True, text=True, check=False).stdout
    return "Liberation Serif" if "Liberation Serif" in out else "DejaVu Serif"


def _para_style(name: str, para: str = "", text: str = "") -> str:
    return (
        f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard">'
        f"<style:paragraph-properties {para}/><style:text-properties {text}/></style:style>"
    )


def _size(pt: float) -> str:
    return f'fo:font-size="{pt}pt" style:font-size-asian="{pt}pt"'


def styles(latin: str) -> str:
    body = 'fo:line-height="28.9pt" fo:margin-top="0mm" fo:margin-bottom="0mm"'
    rule = "0.75pt solid #000000"
    autos = [
        _para_style(
            "Banner",
            f'fo:text-align="center" fo:margin-top="0mm" fo:margin-bottom="6mm"',
            f'{_size(36)} fo:color="{RED}" fo:letter-spacing="2.5mm"',
        ),
        *(
            _para_style(
                f"Banner{size}",
                'fo:text-align="center" fo:margin-top="0mm" fo:margin-bottom="6mm"',
                f'{_size(size)} fo:color="{RED}" fo:letter-spacing="1.5mm"',
            )
            for size in range(20, 36)
        ),
        _para_style(
            "DocNo",
            f'fo:text-align="center" fo:padding-bottom="4mm" fo:margin-bottom="10mm" '
            f'fo:border-bottom="1.5pt solid {RED}" fo:border-top="none" fo:border-left="none" fo:border-right="none"',
            _size(16),
        ),
        _para_style("Title", 'fo:text-align="center" fo:line-height="33pt" fo:margin-bottom="8mm"', _size(22)),
        _para_style("Addressee", body, _size(16)),
        _para_style("Body", f'{body} fo:text-indent="32pt" fo:text-align="justify"', _size(16)),
        _para_style("Heading", f'{body} fo:text-indent="32pt"', _size(16)),
        _para_style("Sign", f'{body} fo:text-align="end" fo:margin-right="64pt"', _size(16)),
        _para_style(
            "SignFirst",
            'fo:line-height="28.9pt" fo:margin-top="20mm" fo:margin-bottom="0mm" fo:text-align="end" fo:margin-right="64pt"',
            _size(16),
        ),
        _para_style("Annex", f'{body} fo:break-before="page"', _size(16)),
        _para_style("AnnexTitle", 'fo:text-align="center" fo:margin-top="4mm" fo:margin-bottom="6mm"', _size(20)),
        _para_style("Cell", 'fo:line-height="19pt" fo:text-align="center"', _size(14)),
        _para_style("CellLeft", 'fo:line-height="19pt" fo:text-align="justify"', _size(14)),
        _para_style(
            "CopyTo",
            f'fo:margin-top="20mm" fo:padding-top="2mm" fo:padding-bottom="2mm" fo:margin-left="0mm" '
            f'fo:border-top="{rule}" fo:border-bottom="{rule}" fo:border-left="none" fo:border-right="none"',
            _size(14),
        ),
        (
            '<style:style style:name="Printed" style:family="paragraph" style:parent-style-name="Standard">'
            f'<style:paragraph-properties fo:padding-top="2mm" fo:padding-bottom="2mm" fo:border-bottom="{rule}" '
            'fo:border-top="none" fo:border-left="none" fo:border-right="none">'
            '<style:tab-stops><style:tab-stop style:position="156mm" style:type="right"/></style:tab-stops>'
            f"</style:paragraph-properties><style:text-properties {_size(14)}/></style:style>"
        ),
        _para_style("Footer", 'fo:text-align="center"', _size(14)),
        '<style:style style:name="Shadow" style:family="text">'
        '<style:text-properties fo:text-shadow="0.2pt 0.2pt"/></style:style>',
        '<style:style style:name="Tasks" style:family="table"><style:table-properties style:width="156mm" '
        'table:align="left"/></style:style>',
        '<style:style style:name="R" style:family="table-row"><style:table-row-properties fo:keep-together="always"/>'
        "</style:style>",
        '<style:style style:name="C" style:family="table-cell"><style:table-cell-properties '
        f'fo:border="{rule}" fo:padding="1mm" style:vertical-align="middle"/></style:style>',
    ]
    widths = (13, 55, 32, 34, 22)
    autos += [
        f'<style:style style:name="W{k}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}mm"/></style:style>'
        for k, w in enumerate(widths)
    ]
    return f"""<office:font-face-decls>
<style:font-face style:name="{CJK_FONT}" svg:font-family="'{CJK_FONT}'"/>
<style:font-face style:name="{latin}" svg:font-family="'{latin}'"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties style:line-break="strict" style:punctuation-wrap="simple"/>
<style:text-properties style:font-name="{latin}" style:font-name-asian="{CJK_FONT}" {_size(16)}
 fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
 fo:margin-top="37mm" fo:margin-bottom="18mm" fo:margin-left="28mm" fo:margin-right="26mm"/>
<style:footer-style><style:header-footer-properties fo:min-height="10mm" fo:margin-top="7mm"/></style:footer-style>
</style:page-layout>
{"".join(autos)}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
</style:master-page></office:master-styles>"""


def _p(style: str, content: str) -> str:
    return f'<text:p text:style-name="{style}">{content}</text:p>'


def _cell(text: str, *, left: bool) -> str:
    return f'<table:table-cell table:style-name="C" office:value-type="string">{_p("CellLeft" if left else "Cell", escape(text))}</table:table-cell>'


def _table(rows: list[list[str]]) -> str:
    n = len(rows[0])
    cols = "".join(f'<table:table-column table:style-name="W{k}"/>' for k in range(n))

    def row(cells: list[str], header: bool) -> str:
        return '<table:table-row table:style-name="R">' + "".join(_cell(c, left=k == 1 and not header) for k, c in enumerate(cells)) + "</table:table-row>"

    head = f"<table:table-header-rows>{row(rows[0], True)}</table:table-header-rows>"
    return f'<table:table table:name="Tasks" table:style-name="Tasks">{cols}{head}{"".join(row(r, False) for r in rows[1:])}</table:table>'


def body(lines: list[str], *, fake_bold: bool) -> str:
    out: list[str] = []
    k = 0
    table: list[list[str]] = []
    after_annex = False
    while k < len(lines):
        line = lines[k]
        esc = escape(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if "\t" in line:
            table.append(line.split("\t"))
            if "\t" not in nxt:
                out.append(_table(table))
                table = []
        elif k == 0:
            size = min(36, round(420 / len(line) / 1.2))  # a long issuer name is set smaller, on one line
            out.append(_p("Banner" if size == 36 else f"Banner{size}", esc))
        elif k == 1 and _DOC_NUMBER.match(line):
            out.append(_p("DocNo", esc))
        elif k == 2:
            out.append(_p("Title", esc))
        elif k == 3 and line.endswith("："):
            out.append(_p("Addressee", esc))
        elif _DATE_ONLY.match(nxt) and not after_annex:
            out.append(_p("SignFirst", esc))
            out.append(_p("Sign", escape(nxt)))
            k += 1
        elif line == "附件":
            after_annex = True
            out.append(_p("Annex", esc))
        elif after_annex and k > 0 and lines[k - 1] == "附件":
            out.append(_p("AnnexTitle", esc))
        elif line.startswith("抄送："):
            out.append(_p("CopyTo", esc))
        elif line.endswith("印发") and "  " in line:
            left, right = line.split("  ", 1)
            out.append(_p("Printed", f"{escape(left)}<text:tab/>{escape(right.strip())}"))
        elif _HEADING.match(line):
            out.append(_p("Heading", esc))
        else:
            m = _SUB.match(line) if fake_bold else None
            if m:
                lead = escape(line[: m.end()])
                esc = f'<text:span text:style-name="Shadow">{lead}</text:span>{escape(line[m.end():])}'
            out.append(_p("Body", esc))
        k += 1
    return "\n".join(out)


def fodt(text: str, *, fake_bold: bool, latin: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">\n{styles(latin)}\n'
        f"<office:body><office:text>\n{body(lines, fake_bold=fake_bold)}\n</office:text></office:body></office:document>\n"
    )


def make(txt: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-wqy-zenhei")
    latin = latin_font()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{txt.stem}.fodt"
        src.write_text(fodt(txt.read_text(encoding="utf-8"), fake_bold=txt.stem in FAKE_BOLD, latin=latin), encoding="utf-8")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True,
            capture_output=True,
        )
        out = txt.with_suffix(".pdf")
        shutil.copyfile(Path(tmp) / f"{txt.stem}.pdf", out)
    return out


def main(argv: list[str]) -> int:
    paths = [HERE / a for a in argv] if argv else sorted(HERE.glob("*.txt"))
    for p in paths:
        out = make(p)
        print(f"{out.name}: {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
