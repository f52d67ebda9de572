"""Patterns of the names that citations and citation keys are made of: organization names and lists of
issuers, 发文字号 and order numbers (令号). Both :mod:`policy_nlp.extract.citations` (which finds them) and
:mod:`policy_nlp.resolve` (which keys them) read them from here. Also :func:`word_alternation`, the
pattern of a word list that the extractors build from their resource tables.

>>> import re
>>> m = re.search(DOC_NUMBER, "国发〔2010〕12号")
>>> m["code"], m["year"], m["seq"]
('国发', '2010', '12')
>>> re.search(ORDER_NUMBER, "国务院令第375号")["oseq"]
'375'
>>> re.fullmatch(ORG_SEQ, "中共中央办公厅、国务院办公厅") is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["CJK", "DOC_NUMBER", "NOT_DATE_DAY", "ORDER_NUMBER", "ORG", "ORG_SEQ", "ORG_SUFFIX", "SELF_KEY", "word_alternation"]

#: the key of a back-reference to the citing document itself (本意见, 本办法)
SELF_KEY = "self"

#: the CJK unified ideographs, for character classes
CJK = r"\u4e00-\u9fff"
#: no name starts with the 日 of a date before it (2021年9月28日上海市人民代表大会…), but 日照市 does
NOT_DATE_DAY = r"(?!(?<=[\d〇零一二三四五六七八九十])日)"
#: endings of the name of an organ, party body or people's organization
ORG_SUFFIX = (
    r"(?:总工会|工会|人民政府|政府|办公厅|办公室|常务委员会|常委会|委员会|党组|联合会|协会|"
    r"中央|市委|省委|区委|县委|部委|部门|全总|市总|部|厅|局|委|署|院|会|办|府)"
)
#: one organization name (2–20 characters ending in an organ suffix)
ORG = rf"{NOT_DATE_DAY}[{CJK}]{{0,18}}?{ORG_SUFFIX}"
#: several issuers: 全总等四部委, 中共中央 国务院, 中共中央办公厅、国务院办公厅
ORG_SEQ = (
    rf"{ORG}(?:[ 、和及与]{{1,2}}{ORG})*"
    rf"(?:等(?:[一二三四五六七八九十0-9]{{1,3}}个?)?(?:部委|部门|单位|家单位))?"
)
_BRACKET_OPEN = r"〔\[［(（【"
_BRACKET_CLOSE = r"〕\]］)）】"
#: a 发文字号: issuer code, year in any bracket variant, sequence number, 号
DOC_NUMBER = (
    rf"(?P<code>[{CJK}]{{1,8}})\s*[{_BRACKET_OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*[{_BRACKET_CLOSE}]"
    r"\s*第?(?P<seq>\d{1,5})\s*号"
)
#: an order number (令号) of a State Council, presidential or ministerial order: 国务院令第375号,
#: 中华人民共和国主席令第十号, 人力资源社会保障部令第43号
ORDER_NUMBER = (
    rf"(?P<ocode>(?:中华人民共和国)?(?:国务院|主席|[{CJK}]{{1,10}}?(?:部|委员会|委|总局|局|署|银行|院)))"
    r"令\s*[(（]?\s*第\s*(?P<oseq>\d{1,5}|[〇零一二三四五六七八九十百千]{1,8})\s*号"
)


def word_alternation(words: Iterable[str]) -> str:
    """Alternation of literal words as a character trie (same matches as longest-first alternation).

    At each position the words that match are prefixes of one another, so a trie with greedy optional
    tails tries them longest first, as a longest-first alternation does, also on backtracking. Each
    branch starts with a literal, so ``re`` scans for the first characters in C (a pattern that starts
    with a look-ahead loses that scan and is tried at every position: twice as slow here).

    >>> word_alternation(["工会", "总工会", "工会组织"])
    '(?:工会(?:组织)?|总工会)'
    """
    root: dict[str, dict[str, Any]] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        kids = sorted((c, n) for c, n in node.items() if c)
        if not kids:
            return ""
        parts = [re.escape(c) + emit(n) for c, n in kids]
        if len(parts) == 1 and "" not in node:
            return parts[0]
        return "(?:" + "|".join(parts) + ")" + ("?" if "" in node else "")

    trie = emit(root)
    if not trie.startswith("(?:"):
        trie = f"(?:{trie})"
    return trie
