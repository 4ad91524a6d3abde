"""No run-in title or heading ends a page, and no page opens with a paragraph's short last line."""

from bulletins.typesetting import edge_issues

from .bulletin_edge_layout import page_one, typeset  # noqa: F401  (fixture)


def test_a_run_in_title_that_would_end_page_one_moves_to_page_two_with_its_text(page_one):
    layout = typeset(edge_issues.runin_title_on_last_line(page_one)).layout
    title_line = next(line for line in layout.lines if "runin" in line.kinds and line.first)
    following = layout.lines[layout.lines.index(title_line) + 1]
    assert following.page == title_line.page
    assert layout.stranded() == []


def test_a_heading_that_would_end_page_one_moves_to_page_two_with_its_text(page_one):
    layout = typeset(edge_issues.heading_on_last_line(page_one)).layout
    heading = next(line for line in layout.lines if "heading" in line.kinds)
    following = layout.lines[layout.lines.index(heading) + 1]
    assert following.page == heading.page == 2


def test_no_page_opens_with_a_short_last_line_of_a_paragraph(page_one):
    # The lead fills page 1 and leaves two characters for page 2.
    issue = edge_issues.text_ending_on_line(1, 22, page_one)
    lead = issue.ordered_items()[0]
    lead.body = lead.body.replace("。</p>", "再抓落实。</p>")
    lead.save()
    layout = typeset(issue).layout
    assert layout.widows() == []
    opening = next(line for line in layout.lines if line.page == 2)
    assert opening.right - opening.left > layout.measure / 3
