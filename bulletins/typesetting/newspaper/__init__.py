"""上街时讯 layout: a newspaper issue in, PDF bytes out (see README.md)."""

from .draw import Typeset, render_newspaper, typeset_newspaper

__all__ = ["Typeset", "render_newspaper", "typeset_newspaper"]
