"""The 版记 (footer block) of a bulletin: one description for the PDF and the reading edition.

GB/T 9704 puts the distribution lines (报 / 送 / 发 / 抄送), the responsible
editors and the print run at the end of the last page. Both the print
template and the web's reading edition draw them from ``describe``, so the
two never disagree on where "本期" goes, which separator joins names, or how
names are spaced:

- names of recipients are joined with "、";
- "本期" opens the line the publication chooses (``Publication.this_issue_line``):
  the 送 line (the first line when there is no 送 line) or the first line;
- responsible editors' two-character names fill three-character cells
  (郝　婕) and names are separated by an ideographic space;
- the print run, when set, closes the last line at the right: （共印80份）.

``describe`` takes plain data (it works on a stored publication snapshot as
well as on a live issue); ``for_issue`` reads an issue.
"""

from dataclasses import dataclass

IDEOGRAPHIC_SPACE = "\u3000"
NAME_SEPARATOR = "、"
THIS_ISSUE = "本期"


@dataclass(frozen=True)
class FooterLine:
    label: str  # "本期送：", "发：", "责任编辑："
    text: str  # the names as printed

    @property
    def full(self):
        return self.label + self.text


@dataclass(frozen=True)
class FooterBlock:
    distribution: tuple  # FooterLine, in print order
    editors: FooterLine | None
    print_run: str  # "（共印80份）" or ""

    @property
    def lines(self):
        """Every line in print order (the print run goes at the right of the last)."""
        return self.distribution + ((self.editors,) if self.editors else ())


def describe(distribution, editors, print_run=None, this_issue_line="send"):
    """The 版记 of ``distribution`` ([(label, [names])] in print order), ``editors``
    ([names]) and ``print_run`` (copies, or None)."""
    distribution = [(label, list(names)) for label, names in distribution if names]
    labels = [label for label, _ in distribution]
    if this_issue_line == "first" or "送" not in labels:
        this_issue_at = labels[0] if labels else None
    else:
        this_issue_at = "送"
    lines = tuple(
        FooterLine(f"{THIS_ISSUE if label == this_issue_at else ''}{label}：", NAME_SEPARATOR.join(names))
        for label, names in distribution
    )
    editor_line = None
    if editors:
        editor_line = FooterLine("责任编辑：", IDEOGRAPHIC_SPACE.join(_cell(name) for name in editors))
    run = f"（共印{print_run}份）" if print_run else ""
    return FooterBlock(distribution=lines, editors=editor_line, print_run=run)


def for_issue(issue):
    """The 版记 of an issue as it stands."""
    from .models import person_name

    return describe(
        issue.distribution_lines(),
        [person_name(user) for user in issue.ordered_editors()],
        issue.print_run,
        issue.publication.this_issue_line,
    )


def _cell(name):
    """A two-character name set in a three-character cell: 郝　婕."""
    return name[0] + IDEOGRAPHIC_SPACE + name[1] if len(name) == 2 else name
