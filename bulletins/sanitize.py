"""The one HTML allowlist for stored rich text (nh3)."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "blockquote",
    "ul", "ol", "li",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
# Content of these is dropped, not kept as text.
CLEAN_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "embed", "noscript"}


def clean_html(html: str) -> str:
    """Strip everything not on the allowlist; javascript: URLs, handlers, styles go."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    ).strip()


def text_to_html(text: str) -> str:
    """Plain paragraphs (one per non-empty line) to safe HTML."""
    from django.utils.html import escape

    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
