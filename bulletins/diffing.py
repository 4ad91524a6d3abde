"""A readable diff of two versions of an item's text, character by character.

Chinese has no spaces between words, so a word diff is meaningless: the text is
taken out of the HTML (one line per paragraph) and compared by character with
diff-match-patch, then tidied so the changes read as whole phrases.
"""

import html
import re

from diff_match_patch import diff_match_patch
from django.utils.html import escape
from django.utils.safestring import mark_safe

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|figcaption|caption)\s*>|<br\s*/?>", re.I)
_CELL_END = re.compile(r"</t[dh]\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(fragment):
    """The visible text of stored HTML: one line per paragraph, cells separated by tabs."""
    text = _BLOCK_END.sub("\n", fragment or "")
    text = _CELL_END.sub("\t", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.replace("\xa0", " ").splitlines()]
    return "\n".join(line for line in lines if line)


def diff_segments(old, new):
    """[(op, text)] with op in {"equal", "insert", "delete"} between two plain texts."""
    engine = diff_match_patch()
    engine.Diff_Timeout = 2.0
    diffs = engine.diff_main(old, new)
    engine.diff_cleanupSemantic(diffs)
    names = {0: "equal", 1: "insert", -1: "delete"}
    return [(names[op], text) for op, text in diffs]


def diff_html(old_html, new_html):
    """Safe HTML showing deletions as <del> and insertions as <ins>, paragraphs kept."""
    segments = diff_segments(html_to_text(old_html), html_to_text(new_html))
    out = []
    for op, text in segments:
        piece = escape(text).replace("\n", "¶<br>" if op != "equal" else "<br>")
        if op == "insert":
            out.append(f'<ins class="diff-ins">{piece}</ins>')
        elif op == "delete":
            out.append(f'<del class="diff-del">{piece}</del>')
        else:
            out.append(piece)
    return mark_safe("".join(out))


def diff_stats(old_html, new_html):
    """Characters inserted and deleted (for a one-line summary)."""
    inserted = deleted = 0
    for op, text in diff_segments(html_to_text(old_html), html_to_text(new_html)):
        if op == "insert":
            inserted += len(text)
        elif op == "delete":
            deleted += len(text)
    return {"inserted": inserted, "deleted": deleted, "changed": bool(inserted or deleted)}
