"""Chinese and Arabic numerals: parse, normalize and find them with exact spans.

Usable on its own. :func:`parse_number` reads one numeral (Arabic with full-width digits, decimals and
thousands separators; Chinese with 〇/零, 两, 十/百/千/万/亿 compounds; mixed forms such as 1.5亿);
:func:`find_quantities` finds numbers with what follows them (%, ‰, 个百分点, 倍, a measure word from
``resources/units.tsv``), fractions and percents written out (三分之一, 百分之三十, 千分之五), ranges
(40%-45%, 3至5年) and multiples (翻一番); :func:`parse_year` and :func:`plan_period` read years and
five-year-plan names.

>>> parse_number("三万亿")
3000000000000.0
>>> [(q.text, q.value, q.value_max, q.unit) for q in find_quantities("降低40%-45%,新增1万名")]
[('40%-45%', 40.0, 45.0, '%'), ('1万名', 10000.0, None, '名')]
>>> plan_period("十四五")
(2021, 2025)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from policy_nlp.resources import read_tsv

__all__ = [
    "CN_NUMERAL",
    "NUMBER",
    "Quantity",
    "QuantityKind",
    "cn_int",
    "find_quantities",
    "find_quantities_in",
    "fold_width",
    "parse_chinese_int",
    "parse_number",
    "parse_year",
    "plan_period",
    "replace_chars",
    "unit_kind",
]

QuantityKind = Literal[
    "number", "percent", "permille", "points", "multiple", "count", "money", "measure", "time", "year"
]

# -- width folding (1:1, so offsets are kept) --------------------------------------------------------
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20})
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms to ASCII, one character for one (offsets are unchanged).

    A document's text is folded once however many extractors ask: the last two documents and their
    folded texts are remembered (by identity, so a folded text is not scanned again either).

    >>> fold_width("３０％")
    '30%'
    """
    if len(text) <= 2000:
        return _fold(text)
    for seen, folded in _FOLDED:
        if text is seen or text is folded:
            return folded
    folded = _fold(text)
    _FOLDED[:] = [(text, folded), *_FOLDED[:1]]
    return folded


#: (text, folded text) of the last two documents folded, the latest first
_FOLDED: list[tuple[str, str]] = []


_FOLD_TO = {chr(a): chr(b) for a, b in _FOLD.items()}


def _fold(text: str) -> str:
    return replace_chars(text, _WIDE_RE, _FOLD_TO)


def replace_chars(text: str, chars: re.Pattern[str], to: Mapping[str, str]) -> str:
    """``text`` with each character that ``chars`` matches replaced by ``to[char]`` (width folding:
    the same as ``str.translate``, several times faster, since it makes one ``str.replace`` per
    distinct character instead of a dict look-up per character; each search for the next one starts
    where the last was found, everything before it being replaced already).

    >>> replace_chars("３０％，", re.compile("[３０％]"), {"３": "3", "０": "0", "％": "%"})
    '30%，'
    """
    if text.isascii():
        return text
    pos = 0
    while (m := chars.search(text, pos)) is not None:
        ch = m.group()
        text = text.replace(ch, to[ch])
        pos = m.start() + 1
    return text


# -- Chinese integers ----------------------------------------------------------------------------------
_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_BIG = {"万": 10**4, "亿": 10**8}

CN_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG)
#: A run of Chinese numeral characters (validated by :func:`parse_chinese_int`).
CN_NUMERAL = f"[{CN_CHARS}]+"
#: An Arabic number: thousands groups or plain digits, optional decimals (after :func:`fold_width`).
ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
#: Any numeral: Arabic with optional magnitude characters (1.5亿, 5000万, 3万亿) or a Chinese run.
NUMBER = rf"(?:{ARABIC}[十百千万亿]*|{CN_NUMERAL})"


def _section(s: str) -> int | None:
    """Value of a Chinese numeral below 10000 (digits, 十百千, 零); None when ill-formed."""
    value, digit, last_unit, zero = 0, None, 10**5, False
    for ch in s:
        if ch in _DIGITS:
            d = _DIGITS[ch]
            if digit is not None:
                return None
            if d == 0:
                zero = True
                continue
            digit = d
        elif ch in _SMALL:
            unit = _SMALL[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if value or zero:
                    if unit != 10:
                        return None
                digit = 1
            value += digit * unit
            digit, last_unit, zero = None, unit, False
        else:
            return None
    if digit is not None:
        # 一万五 / 三百五 (colloquial) mean 15000 / 350; 一百零五 means 105.
        value += digit * (last_unit // 10) if last_unit <= 1000 and not zero else digit
    return value


def parse_chinese_int(s: str) -> int | None:
    """Value of a Chinese integer numeral, or None when ``s`` is not one.

    Handles 〇/零, 两, 十/百/千/万/亿 compounds (万亿 too) and digit-by-digit forms (二〇二〇).

    >>> [parse_chinese_int(s) for s in ("十", "十五", "两千", "一千零五", "九十九亿", "二〇二〇", "十百千万")]
    [10, 15, 2000, 1005, 9900000000, 2020, None]
    """
    if not s:
        return None
    if len(s) >= 2 and all(ch in _DIGITS for ch in s):
        return int("".join(str(_DIGITS[ch]) for ch in s))
    for ch in ("亿", "万"):
        i = s.rfind(ch)
        if i >= 0:
            head, raw_tail = s[:i], s[i + 1 :]
            tail = raw_tail.lstrip("〇零○")
            if head == "" and tail != "":
                return None  # 亿万, 万五: not a number
            left = 1 if head == "" else parse_chinese_int(head)
            right = 0 if tail == "" else parse_chinese_int(tail)
            if right is not None and tail == raw_tail and len(tail) == 1 and tail in _DIGITS:
                right *= _BIG[ch] // 10  # 一万五 is 15000 (一万零五 is 10005)
            if left is None or right is None or right >= _BIG[ch] or left == 0:
                return None
            return left * _BIG[ch] + right
    return _section(s)


_ARABIC_MAG = re.compile(rf"(?P<num>{ARABIC})(?P<mag>[十百千万亿]*)")


def parse_number(s: str) -> float | None:
    """Value of one numeral (Arabic, full-width, Chinese or mixed), or None.

    >>> [parse_number(s) for s in ("1,500", "１２.５", "1.5亿", "5000万", "两百", "百万", "二点五", "一二三x")]
    [1500.0, 12.5, 150000000.0, 50000000.0, 200.0, 1000000.0, 2.5, None]
    """
    s = fold_width(s).strip()
    m = _ARABIC_MAG.fullmatch(s)
    if m:
        value = float(m["num"].replace(",", ""))
        for ch in m["mag"]:
            value *= _SMALL.get(ch) or _BIG[ch]
        return value
    if "点" in s:  # 二点五, 三点零五
        whole, _, frac = s.partition("点")
        w = parse_chinese_int(whole)
        if w is None or not frac or any(ch not in _DIGITS or ch == "两" for ch in frac):
            return None
        return float(f"{w}.{''.join(str(_DIGITS[ch]) for ch in frac)}")
    n = parse_chinese_int(s)
    return None if n is None else float(n)


# -- years and five-year plans ------------------------------------------------------------------------
_YEAR = re.compile(
    rf"(?P<y>\d{{4}}|[{''.join(k for k, v in _DIGITS.items() if k not in '两壹贰叁肆伍陆柒捌玖')}]{{4}})年?"
)


def parse_year(s: str) -> int | None:
    """A calendar year written as 2015, 2015年 or 二〇二〇年 (1900–2100), else None.

    >>> parse_year("二〇二〇年"), parse_year("2015年"), parse_year("3000")
    (2020, 2015, None)
    """
    m = _YEAR.fullmatch(fold_width(s).strip())
    if not m:
        return None
    y = int(m["y"]) if m["y"].isascii() else parse_chinese_int(m["y"])
    return y if y is not None and 1900 <= y <= 2100 else None


_PLAN = re.compile(r"第?(?P<n>[一二三四五六七八九十]{1,3})(?:个)?五(?:年规划|年计划)?")


def plan_period(s: str) -> tuple[int, int] | None:
    """Years of a five-year plan named 十四五 / 第十四个五年规划 (first 1953–57, second 1958–62, third from 1966).

    >>> plan_period("第十二个五年规划"), plan_period("十三五"), plan_period("五年")
    ((2011, 2015), (2016, 2020), None)
    """
    m = _PLAN.fullmatch(s.strip().strip("“”\"'"))
    if not m:
        return None
    n = parse_chinese_int(m["n"])
    if n is None or not 1 <= n <= 20:
        return None
    start = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
    return start, start + 4


# -- quantities ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text: span, value (``value_max`` for a range), ``unit`` as written
    (``%``, ``个百分点``, ``倍``, ``名``, ``万元`` …, None for a bare number) and its ``kind``;
    ``chinese`` when written in Chinese numerals; ``modifier`` 余/多 when written (100余家).
    A fraction (三分之一) is reported as a percent (33.33…, ``%``); 翻一番 as 2 ``倍``."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    kind: QuantityKind = "number"
    chinese: bool = False
    modifier: str | None = None


@cache
def _units() -> dict[str, str]:
    return {row["unit"]: row["kind"] for row in read_tsv("units.tsv")}


def unit_kind(unit: str | None) -> QuantityKind:
    """Kind of a unit from ``units.tsv`` (``number`` for None or an unknown unit).

    >>> unit_kind("亿元"), unit_kind("个百分点"), unit_kind(None)
    ('money', 'points', 'number')
    """
    if unit is None:
        return "number"
    kind = _units().get(unit, "number")
    return kind  # type: ignore[return-value]


@cache
def _unit_alt() -> str:
    units = sorted((u for u in _units() if u not in "%‰"), key=len, reverse=True)
    return "|".join(re.escape(u) for u in units)


_SEP = r"(?:-|－|—{1,2}|~|～|〜|至|到)"
_CN_ONLY = f"[{CN_CHARS}]+(?:点[〇零○一二三四五六七八九]+)?"


@cache
def _quantity_re() -> re.Pattern[str]:
    unit = rf"(?:%|‰|{_unit_alt()})"
    # the magnitude may not swallow the start of a unit: 300万千瓦 is 300 万千瓦, 1万名 is 1万 名
    mag = rf"(?:[十百千万亿]*?(?={unit})|[十百千万亿]*)"
    # 5000 万元, 2 亿元: a space before the magnitude (PDF text) belongs to the number
    num = rf"(?<![\d.])(?:{ARABIC}(?:[ ](?=[万亿]))?{mag}(?![\d])|{_CN_ONLY})"
    parts = [
        rf"(?P<pct>(?P<pk>百|千)分之(?P<p1>{_CN_ONLY}|{ARABIC})(?:点(?P<pd>[{CN_CHARS}]+))?"
        rf"(?:{_SEP}(?:(?P=pk)分之)?(?P<p2>{_CN_ONLY}|{ARABIC}))?)",
        rf"(?P<frac>(?P<den>{_CN_ONLY}|\d+)分之(?P<nom>{_CN_ONLY}|\d+))",
        r"(?P<fan>翻(?P<fn>[一两二三四五]?)番)",
        rf"(?P<gen>(?P<n1>{num})(?:(?P<m1>余|多)(?={unit}))?(?P<u1>{unit})?"
        rf"(?:(?P<sep>{_SEP})(?P<n2>{num})(?P<u2>{unit})?)?)",  # a second unit only after a range
    ]
    return re.compile(rf"(?=[\d{CN_CHARS}翻])(?:" + "|".join(parts) + ")")


@lru_cache(maxsize=4096)
def _value(s: str) -> float | None:
    """:func:`parse_number`, remembered: a text repeats the same few numerals (一, 十二, 2015 …)."""
    return parse_number(s)


def find_quantities(text: str, *, skip: Callable[[int], bool] | None = None) -> list[Quantity]:
    """Numbers in ``text`` with their units, ranges and forms, in order, with exact spans.

    A Chinese numeral is reported only when a unit follows it or it is part of a percent, fraction
    or multiple (so 统一 and 一流 give nothing); a year (2015年, 二〇二〇年) has kind ``year``.
    ``skip`` leaves out, unread, each number whose start offset it is true of (for callers that rule
    such numbers out anyway).

    >>> [(q.text, q.value, q.unit, q.kind) for q in find_quantities("百分之三十以上,三分之一,翻两番,提高2个百分点")]
    [('百分之三十', 30.0, '%', 'percent'), ('三分之一', 33.333333333333336, '%', 'percent'), ('翻两番', 4.0, '倍', 'multiple'), ('2个百分点', 2.0, '个百分点', 'points')]
    >>> text = "第三条 建设3个基地"
    >>> [q.text for q in find_quantities(text)], [q.text for q in find_quantities(text, skip=lambda i: text[i - 1] == "第")]
    (['三条', '3个'], ['3个'])
    """
    return _quantities(_quantity_re().finditer(fold_width(text)), text, skip)


def find_quantities_in(
    text: str, lines: Iterable[tuple[int, int]], *, skip: Callable[[int], bool] | None = None
) -> list[Quantity]:
    """:func:`find_quantities` of ``text`` within ``lines`` only: ``(start, end)`` of whole lines
    (``end`` at the line break or the end of the text), in order. No quantity holds a line break, so a
    line gives the quantities the whole text gives there, and the other lines are not read.

    >>> text = "第一条 建设3个基地\\n第二条 新增2万人\\n第三条 投资5亿元"
    >>> [q.text for q in find_quantities_in(text, [(11, 20)])] == [q.text for q in find_quantities(text)[2:4]]
    True
    """
    folded = fold_width(text)
    pattern = _quantity_re()
    out: list[Quantity] = []
    for start, end in lines:
        out.extend(_quantities(pattern.finditer(folded, start, min(end + 1, len(folded))), text, skip))
    return out


def _quantities(
    matches: Iterable[re.Match[str]], text: str, skip: Callable[[int], bool] | None
) -> list[Quantity]:
    out: list[Quantity] = []
    for m in matches:
        if m["u1"] is None and m["u2"] is None and m["n1"] is not None and not m["n1"][0].isdigit():
            continue  # a Chinese numeral without a unit (统一, 一流): _from_match would say None
        if skip is not None and skip(m.start()):
            continue
        q = _from_match(m, text)
        if q is not None:
            out.append(q)
    return out


def _from_match(m: re.Match[str], text: str) -> Quantity | None:
    start, end = m.span()
    if m["pct"]:
        v1 = _value(m["p1"])
        if v1 is None:
            return None
        if m["pd"]:
            frac = "".join(str(_DIGITS.get(ch, "")) for ch in m["pd"])
            v1 = float(f"{int(v1)}.{frac}") if frac.isdigit() else v1
        v2 = _value(m["p2"]) if m["p2"] else None
        if m["pk"] == "百":
            return Quantity(start, end, text[start:end], v1, v2, "%", "percent", True)
        return Quantity(start, end, text[start:end], v1, v2, "‰", "permille", True)
    if m["frac"]:
        den, nom = _value(m["den"]), _value(m["nom"])
        if not den or nom is None:
            return None
        return Quantity(start, end, text[start:end], nom * 100 / den, None, "%", "percent", True)
    if m["fan"]:
        n = parse_chinese_int(m["fn"]) if m["fn"] else 1
        if not n:
            return None
        return Quantity(start, end, text[start:end], float(2**n), None, "倍", "multiple", True)
    n1: str = m["n1"].replace(" ", "")
    n2: str | None = m["n2"].replace(" ", "") if m["n2"] else None
    u1: str | None = m["u1"]
    u2: str | None = m["u2"]
    unit: str | None
    chinese = not n1[0].isdigit()  # an Arabic numeral starts with a digit, a Chinese one has none
    if n2 is None:
        unit = u1
    elif u1 is not None and u2 is not None and u1 != u2:
        n2, unit, end = None, u1, m.end("u1")  # 3年至5万元 is not a range
    elif u1 is None and u2 is None and (m["sep"] in "至到" or chinese):
        n2, unit, end = None, None, m.end("n1")  # 2至3 without a unit is too vague to be a range
    else:
        unit = u2 or u1
    if n2 is not None and unit and unit[0] in "万亿" and n1.endswith(unit[0]) and not n2.endswith(unit[0]):
        n1 = n1[:-1]  # 2万-3万人: both ends in 万人
    n1, unit1 = _shift_magnitude(n1, unit)
    if n2 is not None:
        n2, _ = _shift_magnitude(n2, unit)
    unit = unit1
    v1 = _value(n1)
    v2 = _value(n2) if n2 is not None else None
    if v1 is None:
        return None
    if n2 is not None and (v2 is None or v2 <= v1):
        # the second half is not a number, or not above the first (a date 2011-03-04): first number alone
        v2, end = None, m.end("u1") if u1 else m.end("n1")
        n1, unit = _shift_magnitude(m["n1"].replace(" ", ""), u1)
    if chinese and unit is None:
        return None
    # A 4-digit number followed by 年 is a year, not a duration.
    if unit == "年" and (len(n1) == 4) and (y := parse_year(n1)) is not None:
        y2 = parse_year(n2) if n2 and v2 is not None else None
        return Quantity(
            start, end, text[start:end], float(y), float(y2) if y2 else None, "年", "year", chinese
        )
    qkind: QuantityKind
    if unit == "%":
        qkind = "percent"
    elif unit == "‰":
        qkind = "permille"
    else:
        qkind = unit_kind(unit)
    return Quantity(start, end, text[start:end], v1, v2, unit, qkind, chinese, m["m1"])


def _shift_magnitude(num: str, unit: str | None) -> tuple[str, str | None]:
    """Move trailing 万/亿 of a numeral into the unit when the result is a listed unit (5000万+元 → 万元)."""
    if not unit or num[-1] not in "万亿":
        return num, unit
    units = _units()
    for k in range(1, len(num)):
        mag = num[k:]
        if all(ch in "万亿" for ch in mag) and mag + unit in units:
            return num[:k], mag + unit
    return num, unit


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "Ｏ": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_int(s: str) -> int | None:
    """Value of a Chinese (or Arabic) numeral; None when ``s`` is not one.

    >>> [cn_int(x) for x in ("三", "十二", "二十", "一百零五", "二〇一一", "15", "", "甲")]
    [3, 12, 20, 105, 2011, 15, None, None]
    """
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS or c.isdigit() for c in s):  # digit by digit: 二〇一一
        n = 0
        for c in s:
            n = n * 10 + (_CN_DIGITS[c] if c in _CN_DIGITS else int(c))
        return n
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[c]
            cur = 0
        else:
            return None
    return total + cur
