"""The 版记 stays on the last text page when it can; alone, it is numbered as GB/T 9704 §7.5 says and the editor is told."""

from bulletins.typesetting import edge_issues, render_issue_pdf
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_edge_layout import page_one, typeset  # noqa: F401  (fixture)
from .bulletin_pdf_reading import TEXT_BOTTOM, open_pdf


def _page_numbers(data):
    with open_pdf(data) as pdf:
        return ["".join(c["text"] for c in page.chars if c["top"] > TEXT_BOTTOM).replace(" ", "") for page in pdf.pages]


def test_text_ending_on_line_20_keeps_the_footer_block_on_its_page(db):
    issue = make_specimen_issue()  # its text ends on line 20 of page 3
    result = typeset(issue)
    assert result.layout.footer_only_pages == []
    assert result.layout.footer_page == result.layout.lines[-1].page
    assert any("版记" in note for note in result.pdf.notes)


def test_a_footer_block_alone_goes_on_an_even_page_unnumbered_with_the_blank_page_before_it(page_one):
    issue = edge_issues.text_ending_on_line(2, 22, page_one)
    result = typeset(issue)
    assert result.layout.lines[-1].page == 2
    assert result.layout.footer_page == 4 and result.layout.footer_only_pages == [4]
    assert _page_numbers(result.pdf) == ["—1—", "—2—", "", ""]
    assert any("第4页" in note and "7.5" in note for note in result.pdf.notes)


def test_the_layout_notes_reach_the_render_job(db):
    notes = render_issue_pdf(make_specimen_issue()).notes
    assert notes and all(isinstance(note, str) and note for note in notes)
