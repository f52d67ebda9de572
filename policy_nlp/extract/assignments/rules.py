"""Rule ids and the patterns the three forms share (role words, item numbers, heads of tails)."""

from __future__ import annotations

import re

RULE_TABLE = "assignments.table_row.v1"


RULE_FIELDS = "assignments.fields.v1"


RULE_TAIL = "assignments.tail.v1"


RULE_SENTENCE = "assignments.sentence.v1"


_RULES = frozenset((RULE_TABLE, RULE_FIELDS, RULE_TAIL, RULE_SENTENCE))


_ROLES = frozenset(("task", "lead", "cooperate", "deadline", "lead_or_cooperate", "other"))


_OPEN = "(（"


_CLOSE = ")）"


_SPLIT_CHARS = frozenset("、,;，；")


_LEAD_MARK = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)")


_ROLE_WORD = re.compile(
    r"牵头负责|牵头|负总责|负责|按照?职责分工负责|按照?职责分工|按照?各自职责负责|按职责负责|分工负责|"
    r"配合|协助|协同|参与|共同负责|指导"
)


_LEAD_WORDS = ("牵头", "负总责", "负责")


_TAIL_CUE = re.compile(r"牵头|负责|配合|参与|指导|责任单位|牵头单位|责任部门")


#: an item number where a task starts: (一) anywhere; 一、 1. 1、 ① after a line start or a stop
_ITEM_MARK = re.compile(
    r"\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|[①-⑳]"
    r"|(?:(?<=^)|(?<=[\n。;:)\s]))(?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.(?!\d)|\.(?=\d{4}年)|、))",
    re.MULTILINE,
)


_HEAD = re.compile(
    r"[\s\u3000]*(?:\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.(?!\d)|\.(?=\d{4}年)|、))?[\s\u3000]*"
)


_BARE_LINE = re.compile(r"[^。;!?\n]{0,40}")


#: 由 at a line start or after 。 ; — the look-behind follows the 由 so that ``re`` scans for the
#: literal in C (a look-behind in front made it try every position: a tenth of assign_tasks)
_BY_SENTENCE = re.compile(
    r"由(?<![^\n。;]由)(?P<body>[^,;。\n]{2,80}?)(?:牵头|负责)[^,;。()\n]{0,8}"
    r"(?:,(?P<coop>[^,;。\n]{2,80}?)(?:配合|协助|参与|按照?职责分工负责)[^,;。()\n]{0,6})?(?=[。;\n]|$)",
    re.MULTILINE,
)

