"""The document view: highlighted records, tooltips, escaping, sections, the CLI and a real browser."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from test_render import CHROMIUM_FLAGS, _chromium

from policy_nlp import analyze
from policy_nlp.cli import main
from policy_nlp.view import KINDS, render, write_html

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
HOSTILE = (
    "关于开展<script>alert(1)</script>职工培训的通知\n"
    "一、目标任务\n"
    '到2025年,培训职工1万人次以上,由市总工会牵头。"A&B"\n'
    "二、保障措施\n"
    "贯彻落实《上海市工会条例》。\n"
)


@pytest.fixture(scope="module")
def seed_page() -> str:
    return render(analyze(CORPORA / "shanghai_acftu_2011.txt"))


def _visible_text(page: str) -> str:
    body = re.sub(r"<style>.*?</style>|<span class=\"pn-count\">[^<]*</span>", "", page, flags=re.S)
    body = body.split('<div class="pn-text">', 1)[1]
    return html.unescape(re.sub(r"<br>\n", "\n", re.sub(r"<(?!br>)[^>]+>", "", body)))


def test_every_character_is_escaped_and_no_script_is_emitted() -> None:
    page = render(analyze(HOSTILE))
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;A&amp;B&quot;" in page


def test_the_text_survives_rendering_character_for_character() -> None:
    doc = analyze(HOSTILE)
    assert _visible_text(render(doc, open_sections=0)).rstrip() == doc.text.rstrip()


def test_records_are_marked_by_kind_with_their_fields_in_the_tooltip() -> None:
    doc = analyze(HOSTILE)
    page = render(doc)
    (t,) = doc.targets
    tips = [html.unescape(m) for m in re.findall(r'class="pn-m k-target" title="([^"]*)"', page)]
    assert tips and all(tip.startswith(f"{t.id} target: value 1 万人次") for tip in tips)
    assert "comparator ge" in tips[0] and "deadline_year 2025" in tips[0]
    assert re.search(r'class="pn-m k-citation" title="C\d+ citation: title 上海市工会条例', page)
    lead = next(b for b in doc.bodies if b.role == "lead")
    assert f'class="pn-m k-lead" title="{lead.id} body (lead): {lead.canonical}' in page


def test_legend_counts_every_kind(seed_page: str) -> None:
    doc = analyze(CORPORA / "shanghai_acftu_2011.txt")
    assert f'for="{_uid(seed_page)}-target">target ({len(doc.targets)})' in seed_page
    assert f">citation ({len(doc.citations)})" in seed_page
    for kind in KINDS:
        assert f'-{kind}" checked hidden>' in seed_page


def _uid(page: str) -> str:
    return re.search(r'<div id="(pn\d+)"', page).group(1)  # type: ignore[union-attr]


def test_sections_nest_and_count_their_records(seed_page: str) -> None:
    doc = analyze(CORPORA / "shanghai_acftu_2011.txt")
    tops = [s for s in doc.sections if s.level == 1]
    assert seed_page.count('class="pn-sec pn-l1"') == len(tops)
    assert seed_page.count("<details") == len(doc.sections)
    first = tops[1]
    n = sum(1 for t in doc.targets if first.start <= t.start < first.end)
    block = seed_page.split(f'data-section="{first.id}">', 1)[1].split("</summary>", 1)[0]
    assert f"{n} target" in block


def test_long_documents_open_only_the_first_sections() -> None:
    text = "关于X的意见\n" + "".join(f"{'一二三四五六七八九十'[i]}、第{i}部分\n" + "开展工作。" * 800 + "\n" for i in range(6))
    page = render(analyze(text))
    assert page.count("<details") == 6 and page.count(" open data-section") == 3


def test_notebook_display_and_standalone_page(tmp_path: Path) -> None:
    doc = analyze(HOSTILE)
    assert doc._repr_html_().startswith('<div id="pn')
    write_html(doc, tmp_path / "d.html")
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "http" not in page  # nothing fetched from anywhere


def test_cli_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "v.html"
    assert main(["view", str(CORPORA / "gov_notice_skills.txt"), "-o", str(out)]) == 0
    assert "k-target" in out.read_text(encoding="utf-8")
    assert main(["view", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert "no such file" in capsys.readouterr().err


_PROBE = """<script>
const uid = document.querySelector('.policy-nlp-doc').id;
const t = document.querySelector('.k-target');
const before = getComputedStyle(t).backgroundColor;
document.getElementById(uid + '-target').checked = false;
const after = getComputedStyle(t).backgroundColor;
document.body.setAttribute('data-before', before);
document.body.setAttribute('data-after', after);
document.body.setAttribute('data-tip', t.title);
document.body.setAttribute('data-alert', String(document.querySelectorAll('script').length));
</script>"""


@pytest.mark.browser
def test_highlights_tooltips_filter_and_escaping_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "doc.html"
    # the view itself has no script: the test appends a probe that reads computed styles
    page.write_text(render(analyze(HOSTILE), standalone=True).replace("</body>", _PROBE + "</body>"), "utf-8")
    common = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], check=True, capture_output=True, timeout=120, text=True
    ).stdout
    before = re.search(r'data-before="([^"]*)"', dom).group(1)  # type: ignore[union-attr]
    after = re.search(r'data-after="([^"]*)"', dom).group(1)  # type: ignore[union-attr]
    assert before.startswith("rgba(") and before != "rgba(0, 0, 0, 0)"  # highlighted
    assert after == "rgba(0, 0, 0, 0)"  # the legend's checkbox filters it out
    assert "value 1 万人次" in html.unescape(re.search(r'data-tip="([^"]*)"', dom).group(1))  # type: ignore[union-attr]
    assert 'data-alert="1"' in dom  # only the probe: the document's <script> stayed text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_instruments_show_in_the_action_tooltips_when_computed() -> None:
    doc = analyze("关于支持企业发展的意见\n一、措施\n设立产业发展专项资金。\n")
    labels = doc.instruments()
    assert len(labels) == len(doc.actions) >= 1
    page = render(doc, instruments=labels)
    first = labels[0]
    assert f"instrument {first.type}/{first.tool} ({first.score:.2f})" in html.unescape(page)
    assert "instrument " not in html.unescape(render(doc))


def test_instruments_the_actions_carry_show_without_being_passed() -> None:
    doc = analyze("关于促进消费的通知\n一、开展汽车以旧换新活动。二、建设县级综合性文化服务中心。", instruments=True)
    page = html.unescape(render(doc))
    assert len(doc.actions) == 2
    for a in doc.actions:
        assert f"{a.id} action: " in page
        assert f"instrument {a.instrument_type}/{a.instrument_tool} ({a.instrument_score:.2f})" in page
