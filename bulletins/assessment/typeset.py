"""The 信息工作通报 and the 约稿通知 as PDFs, set by the project's typesetting engine
(its fonts, its one WeasyPrint set-up) in the 上街信息 house style.

Print templates reference nothing outside themselves: no URL is fetched.
"""

from django.template.loader import render_to_string

from bulletins.models import Publication
from bulletins.typesetting import cjk, engine
from bulletins.typesetting.fonts import font_set

from . import table

DEFAULT_ISSUER = "中共上街区委办公室"


def _issuer():
    bulletin = Publication.objects.filter(kind=Publication.Kind.BULLETIN).order_by("id").first()
    return bulletin.issuing_line if bulletin else DEFAULT_ISSUER


def _css():
    fonts = font_set()
    stack = {role: fonts.stack(role) for role in fonts.roles}
    weight = {role: fonts.weight(role) for role in fonts.roles}
    return render_to_string("print/assessment.css", {"fonts_css": fonts.css(), "stack": stack, "weight": weight})


def _pdf(template, context, identifier):
    html = render_to_string(template, context)
    document = engine.render_html(html, stylesheets=[engine.stylesheet(_css())])
    return engine.write_pdf(document, identifier)


#: 小标宋 二号 (22 pt) characters across the 156 mm text block.
TITLE_CAPACITY = 156 * 72 / 25.4 / 22


def _title_lines(title):
    return cjk.balance_lines(title, TITLE_CAPACITY)


def _date_label(date):
    return f"{date.year}年{date.month}月{date.day}日"


def report_tables(report):
    """Per category: the columns the 通报 prints and each line's printed values."""
    cols = {c.key: c for c in table.columns(report)}
    publication_cols = [cols[f"adopted_{p.pk}"] for p in report.publications]
    chosen = [cols["rank"], cols["unit"], cols["submitted"], *publication_cols, cols["rate"],
              cols["adopted_up"], cols["comm_answered"], cols["comm_missed"], cols["total"], cols["running"]]
    headers = ["排名", "单位", "报送", *[c.label for c in publication_cols], "采用率", "上级采用",
               "应约", "未应约", "得分", "累计"]
    groups = []
    for label, lines in report.by_category():
        groups.append({"label": label, "rows": [
            {"cells": [table.display(c, c.value(line)) for c in chosen], "zero": line.zero_adoption} for line in lines
        ]})
    total = report.totals
    total_cells = ["", "合计", str(total.submitted), *[str(total.adopted.get(p.pk, 0)) for p in report.publications],
                   table.display(cols["rate"], total.adoption_rate), str(total.adopted_up_total),
                   str(total.comm_answered), str(total.comm_missed), f"{total.total:.1f}", f"{total.running_total:.1f}"]
    return {"headers": headers, "groups": groups, "total": total_cells}


def render_report_pdf(report, *, number, summary, issued_on):
    issuer = _issuer()
    context = {
        "title": f"关于{report.period.label}全区信息工作情况的通报",
        "title_lines": _title_lines(f"关于{report.period.label}全区信息工作情况的通报"),
        "name": "信息工作通报",
        "number": number,  # None: a draft (样稿) before the 通报 is issued
        "issuer": issuer,
        "date_label": _date_label(issued_on),
        "summary": summary,
        "tables": report_tables(report),
        "period_label": report.period.label,
        "distribution": "各镇人民政府、街道办事处，区直各单位",
    }
    return _pdf("print/assessment_report.html", context, b"newsroom-assessment-report")


def render_commission_pdf(commission):
    context = {
        "name": "上街信息",
        "title": f"关于报送“{commission.topic}”相关信息的约稿通知",
        "title_lines": _title_lines(f"关于报送“{commission.topic}”相关信息的约稿通知"),
        "commission": commission,
        "issuer": _issuer(),
        "date_label": _date_label(commission.issued_on),
        "deadline_label": _date_label(commission.deadline),
        "targets_label": commission.targets_label(),
        "requirements": [p.strip() for p in commission.requirements.splitlines() if p.strip()],
    }
    return _pdf("print/assessment_commission.html", context, b"newsroom-commission")
