"""Bulletin issues that probe the layout's hard cases (text written for the project).

Each builder makes a drafting 上街信息 issue on top of the specimen's units
and people (``specimen.make_specimen_issue``), for a test database or a
transaction rolled back afterwards. ``check_bulletin`` prints the fidelity
figures of all of them; the print tests use them one by one.

Lengths are counted in lines of the 28-character grid: a paragraph of
``paragraph_of(lines)`` characters of filler fills exactly that many lines
(the first one indented two characters).
"""

from .specimen import make_specimen_issue

FILLER = "全区上下统筹推进各项重点工作确保取得实效"  # no punctuation: a break is allowed anywhere

CHARS_PER_LINE = 28


def filler(count, offset=0):
    text = FILLER * (count // len(FILLER) + 2)
    return text[offset:offset + count]


def paragraph_of(lines):
    """Filler that fills ``lines`` lines exactly, ending with 。."""
    return filler(CHARS_PER_LINE * lines - 2 - 1) + "。"


def _bare_issue(number, lead_paragraphs, runins=()):
    """The specimen's header with one lead item of ``lead_paragraphs`` and the given run-in items."""
    issue = make_specimen_issue(number=number)
    items = list(issue.ordered_items())
    lead, run_ins = items[0], items[1:]
    lead.body = "".join(f"<p>{p}</p>" for p in lead_paragraphs)
    lead.save()
    for item, spec in zip(run_ins, list(runins) + [None] * len(run_ins)):
        if spec is None:
            item.issue = None
            item.save()
            continue
        title, body = spec
        item.title, item.body = title, body
        item.save()
    return issue


def first_page_lines(number=90):
    """How many body lines page 1 holds under the masthead, series title, note and lead title."""
    from .bulletin import typeset_bulletin

    issue = _bare_issue(number, [paragraph_of(40)])
    layout = typeset_bulletin(issue, final=True).layout
    count = sum(1 for line in layout.lines if line.page == 1)
    issue.items.all().delete()
    issue.delete()
    return count


def text_ending_on_line(page, line, page_one, number=91):
    """One lead item whose text ends on ``line`` of ``page`` (1 or 2): the 版记 must fit or move."""
    lines = page_one - (22 - line) if page == 1 else page_one + line
    return _bare_issue(number, [paragraph_of(lines)])


def runin_title_on_last_line(page_one, number=92):
    """A run-in item whose title would fall on page 1's last line."""
    body = "<p>" + filler(200) + "。</p>"
    return _bare_issue(number, [paragraph_of(page_one - 1)], [("区发改委扎实推进重点项目建设", body)])


def heading_on_last_line(page_one, number=93):
    """A sub-heading (h3) inside the lead that would fall on page 1's last line."""
    return _bare_issue(number, [paragraph_of(page_one - 1), "<h3>二、下一步工作打算</h3>", filler(120) + "。"])


def long_paragraph(number=94):
    """A 3,300-character paragraph."""
    text = "".join(
        filler(60, i % len(FILLER)) + ("，" if i % 3 else "。") for i in range(54)
    )[:3300]
    return _bare_issue(number, [text])


def tables_and_lists(number=95):
    """A list at the start of a run-in item, nested lists, a table mid-item and an item that is only a table."""
    table = (
        "<table><tr><th>指标</th><th>数值</th><th>增长</th></tr>"
        "<tr><td>地区生产总值</td><td>86.5亿元</td><td>6.2%</td></tr>"
        "<tr><td>固定资产投资</td><td>41.3亿元</td><td>8.9%</td></tr></table>"
    )
    listed = (
        "<ol><li>强化组织领导，成立工作专班，明确责任分工。</li>"
        "<li>压实工作责任：<ul><li>建立周调度机制；</li><li>实行月通报制度。</li></ul></li>"
        "<li>加强督导检查，确保各项措施落地见效。</li></ol>"
    )
    return _bare_issue(number, [paragraph_of(3)], [
        ("区发改委三项举措推动项目落地", listed),
        ("全区一季度主要经济指标", f"<p>一季度，全区经济运行稳中有进。</p>{table}<p>各项指标均好于预期。</p>"),
        ("区统计局发布主要指标", table),
    ])


def loose_before_attribution(number=96):
    """A run-in item whose last line leaves four characters for an eight-character attribution."""
    title = "区市场监管局开展专项检查"  # 12 characters: the first line holds 13 of the body
    body = filler(13 + 28 + 23) + "。"
    issue = _bare_issue(number, [paragraph_of(2)], [(title, f"<p>{body}</p>")])
    item = issue.ordered_items()[1]
    item.attribution = "区市场监管局"
    item.save()
    return issue


def runin_title_just_fits(number=97):
    """A run-in title of 26 characters: with the indent it fills the first line exactly."""
    title = "区发改委聚焦重点项目建设持续优化营商环境推动发展"
    assert len(title) == 24
    title += "提速"
    return _bare_issue(number, [paragraph_of(2)], [(title, "<p>" + filler(80) + "。</p>")])


EDGE_ISSUES = {
    "3,300 字长段落": lambda page_one: long_paragraph(),
    "表格与列表": lambda page_one: tables_and_lists(),
    "署名前一行过松": lambda page_one: loose_before_attribution(),
    "接排标题恰好一行": lambda page_one: runin_title_just_fits(),
    "正文止于第2页第20行": lambda page_one: text_ending_on_line(2, 20, page_one),
    "正文止于第2页第21行": lambda page_one: text_ending_on_line(2, 21, page_one, number=98),
    "正文止于第1页末行": lambda page_one: text_ending_on_line(1, 22, page_one, number=99),
    "接排标题落在页末": runin_title_on_last_line,
    "小标题落在页末": heading_on_last_line,
}
