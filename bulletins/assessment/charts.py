"""Charts as server-rendered SVG (no script, no CDN): works on an intranet."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe


def ranking_bars(lines, width=560):
    """A horizontal bar per unit (period total), highest first."""
    lines = sorted(lines, key=lambda l: (-l.total, l.unit.order))
    if not lines:
        return ""
    bar_h, gap, label_w, value_w = 18, 6, 110, 48
    height = len(lines) * (bar_h + gap) + gap
    top = max([Decimal(1), *[abs(l.total) for l in lines]])
    plot = width - label_w - value_w
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">']
    for n, line in enumerate(lines):
        y = gap + n * (bar_h + gap)
        w = float(abs(line.total) / top) * plot
        colour = "#c8102e" if line.total >= 0 else "#777"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 4}" text-anchor="end" font-size="13">{escape(line.unit.short_name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"><title>{escape(line.unit.short_name)} {line.total:.1f}分</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 4}" font-size="12">{line.total:.1f}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_line(months, width=560, height=200):
    """Submitted and adopted per month of the year (two lines with dots)."""
    if not months:
        return ""
    pad_l, pad_r, pad_t, pad_b = 36, 12, 14, 28
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    top = max([1, *[m["submitted"] for _, m in months], *[m["adopted"] for _, m in months]])
    step = plot_w / max(1, len(months) - 1) if len(months) > 1 else 0

    def point(n, value):
        return pad_l + n * step, pad_t + plot_h - value / top * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - pad_r}" y2="{pad_t + plot_h}" stroke="#999"/>',
             f'<text x="{pad_l - 4}" y="{pad_t + 4}" text-anchor="end" font-size="11">{top}</text>',
             f'<text x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end" font-size="11">0</text>']
    for key, colour, label in (("submitted", "#1f5fa8", "报送"), ("adopted", "#c8102e", "采用")):
        coords = [point(n, m[key]) for n, (_, m) in enumerate(months)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}"/>')
        for (x, y), (month, m) in zip(coords, months):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{month.month}月{label}{m[key]}条</title></circle>')
    for n, (month, _) in enumerate(months):
        x, _ = point(n, 0)
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" font-size="11">{month.month}月</text>')
    parts.append(f'<text x="{width - pad_r}" y="{pad_t}" text-anchor="end" font-size="12"><tspan fill="#1f5fa8">— 报送</tspan> <tspan fill="#c8102e">— 采用</tspan></text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
