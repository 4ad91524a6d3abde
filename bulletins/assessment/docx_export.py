"""A forwarded item as .docx (python-docx), in the form offices send upward:
A4 with GB/T 9704 margins, the sending office and date, the title in 小标宋
二号, the text in 仿宋 三号 with a two-character indent, the unit's attribution."""

import io

from bulletins.diffing import html_to_text
from bulletins.models import Publication


def _font(run, name, size):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def forwarding_docx(forwarding):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    item = forwarding.item
    bulletin = Publication.objects.filter(kind=Publication.Kind.BULLETIN).order_by("id").first()
    issuer = bulletin.issuing_line if bulletin else "中共上街区委办公室"
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = item.title
    document.core_properties.author = issuer

    def paragraph(text, font="仿宋_GB2312", size=16, align=None, indent=True, space_after=0):
        p = document.add_paragraph()
        p.paragraph_format.line_spacing = Pt(29)
        p.paragraph_format.space_after = Pt(space_after)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size)
        return p

    date = forwarding.forwarded_on
    paragraph(f"报送：{forwarding.target}", size=14, indent=False)
    paragraph(f"报送单位：{issuer}　　报送日期：{date.year}年{date.month}月{date.day}日", size=14, indent=False, space_after=12)
    paragraph(item.title, font="方正小标宋简体", size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=16)
    for text in [t.strip() for t in html_to_text(item.body).splitlines() if t.strip()]:
        paragraph(text)
    if item.printed_attribution:
        paragraph(item.printed_attribution, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
