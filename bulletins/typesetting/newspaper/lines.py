"""The body lines of the final pass: a column's measured lines as HTML.

Every line prints where the packer counted it, one line pitch below the one
before. The fewest boxes that do so make the fastest render: the lines of a
paragraph that are justified to both edges and set in the body face alone
share one block, broken by newlines (WeasyPrint justifies a line that ends in
a newline by ``text-align-last``). The others keep a box of their own, one
pitch tall: a paragraph's last line (not justified), section subheads, and
lines mixing faces (黑体/楷体 runs), whose line box may outgrow the pitch and
must not push the lines below.

``lines_as_planned`` checks a rendered document: a shared block that broke
or grew differently from the plan is reported, and the caller draws again
with one box per line (``merge=False``), which is what was measured.
"""

from .measure import runs_html
from .plan import Unit

SHARED = "lines"  # the class of a block of shared lines
PLAIN = "text"  # the run class of body text in the body face


def column_html(units, merge=True):
    """HTML of one column's ``units`` (plan.Unit), top to bottom."""
    if not merge:
        return "".join(_unit_html(unit) for unit in units)
    out, group = [], []

    def flush():
        if group:
            first = " first" if group[0].first else ""
            out.append(f'<div class="{SHARED} {group[0].kind}{first}" data-lines="{len(group)}">{_joined_runs(group)}</div>')
            group.clear()

    for unit in units:
        if unit.kind in ("subhead", "table"):
            flush()
            out.append(_unit_html(unit))
            continue
        for line in unit.lines:
            if group and (line.first or line.kind != group[0].kind):
                flush()
            if line.last or any(cls != PLAIN for cls, _ in line.runs):
                flush()
                out.append(_unit_html(Unit(unit.kind, unit.block, [line])))
            else:
                group.append(line)
    flush()
    return "".join(out)


def _joined_runs(lines):
    runs = []
    for number, line in enumerate(lines):
        for index, (cls, text) in enumerate(line.runs):
            if number and index == 0:
                text = "\n" + text
            if runs and runs[-1][0] == cls:
                runs[-1] = (cls, runs[-1][1] + text)
            else:
                runs.append((cls, text))
    return runs_html(runs)


def _unit_html(unit):
    if unit.kind == "table":
        return unit.html  # the box measured, as tall as its slots
    out = []
    if unit.kind == "subhead":
        out.append('<div class="line spacer"></div>')  # a blank line above a section subhead
    for line in unit.lines:
        classes = ["line", line.kind]
        if line.first:
            classes.append("first")
        if line.last:
            classes.append("last")
        out.append(f'<div class="{" ".join(classes)}">{runs_html(line.runs)}</div>')
    return "".join(out)


PX_PER_PT = 4 / 3  # WeasyPrint's boxes measure in CSS px


def lines_as_planned(document, pitch_pt):
    """Whether every shared block of ``document`` holds the lines it was given,
    each one ``pitch_pt`` tall."""
    return all(_shared_ok(page._page_box, pitch_pt * PX_PER_PT) for page in document.pages)


def _shared_ok(box, pitch):
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None) == "div" and element.get("data-lines"):
        expected = int(element.get("data-lines"))
        lines = [child for child in box.children if type(child).__name__ == "LineBox"]
        return len(lines) == expected and abs(box.height - expected * pitch) < 0.01
    return all(_shared_ok(child, pitch) for child in getattr(box, "children", ()))
