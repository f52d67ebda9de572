"""The numbering styles of official-document headings (一、 （一） 1. （1） ① 第X章 第X条 …), built from
named parts, shared by the outline (:mod:`policy_nlp.structure.outline`) and the header reader
(:mod:`policy_nlp.structure.meta`).

>>> HEADING_RE.match("（二）加强组织领导").lastgroup
'paren_cn'
>>> [name for name in STYLES][:4]
['part', 'chapter', 'section', 'article']
"""

from __future__ import annotations

import re

__all__ = [
    "ANY_NUM",
    "CIRCLED_CHARS",
    "CLOSE",
    "CN_NUM",
    "FIXED_RANK",
    "GLOBAL_COUNT",
    "HEADING_RE",
    "LEAD_SKIP",
    "OPEN",
    "PAREN_CN_CHARS",
    "PAREN_NUM_CHARS",
    "STYLES",
]

CN_NUM = "[一二三四五六七八九十百零〇两]+"
ANY_NUM = rf"(?:{CN_NUM}|\d{{1,3}})"
OPEN = "[(（]"
CLOSE = "[)）]"
PAREN_CN_CHARS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
PAREN_NUM_CHARS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
CIRCLED_CHARS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: style name -> pattern of the number as written (group ``n`` holds the numeral)
STYLES: dict[str, str] = {
    "part": rf"第(?P<n_part>{ANY_NUM})部分",
    "chapter": rf"第(?P<n_chapter>{ANY_NUM})章",
    "section": rf"第(?P<n_section>{ANY_NUM})节",
    "article": rf"第(?P<n_article>{ANY_NUM})条(?!例)",
    "cn": rf"(?P<n_cn>{CN_NUM})\s*[、.．](?![一二三四五六七八九十]、)",
    "paren_cn": rf"(?:{OPEN}\s*(?P<n_paren_cn>{CN_NUM})\s*{CLOSE}|(?P<c_paren_cn>[{PAREN_CN_CHARS}]))",
    "arabic": r"(?P<n_arabic>\d{1,2})(?:\s*[、．]|\.(?!\d))",
    "paren_num": rf"(?:{OPEN}\s*(?P<n_paren_num>\d{{1,2}})\s*{CLOSE}|(?P<c_paren_num>[{PAREN_NUM_CHARS}]))",
    "circled": rf"(?P<c_circled>[{CIRCLED_CHARS}])",
}
FIXED_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3}
GLOBAL_COUNT = frozenset({"part", "chapter", "article"})
#: what may stand before a heading's number on its line (spaces, a markdown #)
LEAD_SKIP = re.compile(r"[ \t\u3000\u00a0\ufeff]*(?:#+[ \t\u3000]*)?")
HEADING_RE = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in STYLES.items()))
