"""The short summary paragraph of a 信息工作通报, written from its figures."""

from decimal import Decimal


def _percent(part, whole):
    if not whole:
        return "—"
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'))}%"


def summary_text(report):
    totals = report.totals
    label = report.period.label
    by_publication = "，".join(
        f"《{p.name}》采用{totals.adopted.get(p.pk, 0)}条" for p in report.publications if totals.adopted.get(p.pk, 0)
    )
    parts = [
        f"{label}，全区各单位共报送信息{totals.submitted}条，区级刊物采用{totals.adopted_total}条"
        + (f"（其中{by_publication}）" if by_publication else "")
        + f"，采用率{_percent(totals.adopted_total, totals.submitted)}。"
    ]
    upward = f"向上级报送信息{totals.forwarded}条，被上级刊物采用{totals.adopted_up_total}条"
    instructed = totals.instructions_total
    parts.append(upward + (f"；各级领导批示{instructed}次。" if instructed else "。"))
    leaders = []
    for label_, lines in report.by_category():
        top = [l for l in lines if l.rank == 1 and l.total > 0]
        if top:
            leaders.append(f"{label_}类单位中{'、'.join(l.unit.short_name for l in top)}")
    if leaders:
        parts.append("按类别排名，" + "；".join(leaders) + "得分居首。")
    missed = sum(l.comm_missed for l in report.lines)
    if missed:
        parts.append(f"约稿未按要求报送{missed}次。")
    zero = [l.unit.short_name for l in report.lines if l.zero_adoption]
    if zero:
        parts.append(f"{'、'.join(zero)}等{len(zero)}个单位{report.period.short_label}无信息被采用，请加强信息报送工作。")
    else:
        parts.append("各单位均有信息被采用。")
    return "".join(parts)
