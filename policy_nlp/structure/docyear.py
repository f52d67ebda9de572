"""The document's own year, worked out once: what 今年, 全年, 明年 and 年内 mean in its text.

:func:`document_year` tries, in order: the signature date (``Meta.date``), a work report's meeting
line (``——2026年1月27日在…人民代表大会…会议上``), and a year in the title (海拉尔区2016年政府工作报告,
2023年…任务分工方案). :func:`is_annual` tells whether a text plans one year only (a work report, a
year's 工作要点/任务分工/工作计划, a title naming its year): its targets that state no year are due in the
document year.

>>> from policy_nlp.model import Meta
>>> document_year("政府工作报告\\n——2026年1月27日在省第十四届人民代表大会第五次会议上\\n", Meta())
2026
>>> document_year("正文", Meta(title="海拉尔区2016年政府工作报告")), document_year("正文", Meta(date="2023-03-01"))
(2016, 2023)
>>> is_annual("正文", Meta(title="政 府 工 作 报 告")), is_annual("正文", Meta(title="关于加快发展体育产业的意见"))
(True, False)
"""

from __future__ import annotations

import re

from policy_nlp.model import Meta
from policy_nlp.numerals import fold_width, parse_year

__all__ = ["document_year", "is_annual"]

_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
#: ——2026年1月27日在…第五次会议上 (the line under a work report's title), also in brackets
_MEETING_LINE_RE = re.compile(
    rf"(?P<y>{_YEAR})\s?年\s?[\d〇一二三四五六七八九十]{{1,2}}\s?月\s?[\d〇一二三四五六七八九十]{{1,3}}\s?日\s?在[^\n]{{2,80}}?(?:会议|大会)上"
)
_TITLE_YEAR_RE = re.compile(rf"(?P<y>{_YEAR})\s?年(?:度)?(?!\d)")
#: titles of texts that plan one year: 政府工作报告, 2023年工作要点, 重点任务分工方案, 年度工作计划
_ANNUAL_TITLE_RE = re.compile(r"工作报告|工作要点|任务分工|分工方案|工作计划|工作安排|年度")


def document_year(text: str, meta: Meta | None = None) -> int | None:
    """The year the document speaks in: its signature date, its meeting line, else its title's year.

    Never raises; ``None`` when the text states none of them.

    >>> document_year("到2025年,建成10个基地。", Meta()) is None
    True
    """
    if meta is not None and meta.date:
        year = parse_year(meta.date[:4])
        if year:
            return year
    head = fold_width(text[:1500])
    m = _MEETING_LINE_RE.search(head)
    if m:
        return parse_year(m["y"])
    title = _title(text, meta)
    m = _TITLE_YEAR_RE.search(title)
    return parse_year(m["y"]) if m else None


def is_annual(text: str, meta: Meta | None = None, year: int | None = None) -> bool:
    """Whether the document plans one year (a work report, a year's 工作要点 or 任务分工方案, a title
    naming ``year``), so that a target stating no year of its own is due in the document year.

    >>> is_annual("", Meta(title="2023年推进农业现代化行动方案"), 2023)
    True
    """
    title = _title(text, meta)
    if _ANNUAL_TITLE_RE.search(title):
        return True
    if year is not None and _names_year(title, year):
        return True
    return bool(_MEETING_LINE_RE.search(fold_width(text[:1500])))


_AFTER_YEAR = re.compile(r"\s?年(?!\d)")


def _names_year(title: str, year: int) -> bool:
    """Whether ``title`` writes ``year`` followed by 年 and no digit (``2023年``, not ``2023年5月``): the
    same as searching ``{year}\\s?年(?!\\d)``, with one regex for every year (none compiled per year).

    >>> _names_year("2023年工作要点", 2023), _names_year("2023年5月工作要点", 2023)
    (True, False)
    """
    digits = str(year)
    at = title.find(digits)
    while at >= 0:
        if _AFTER_YEAR.match(title, at + len(digits)):
            return True
        at = title.find(digits, at + 1)
    return False


def _title(text: str, meta: Meta | None) -> str:
    """The title without spaces (政 府 工 作 报 告), else the first non-empty line of the text."""
    title = meta.title if meta is not None and meta.title else ""
    if not title:  # the first line, when it looks like a title (short, no sentence end)
        first = next((ln.strip() for ln in text[:400].splitlines() if ln.strip()), "")
        title = first if len(first) <= 40 and not re.search(r"[。;；,，]", first) else ""
    return re.sub(r"\s+", "", fold_width(title))
