"""Node labels cut to a fixed box before the layout places them, so that no two can overlap on the page.

A label is wrapped at word boundaries into at most ``lines`` lines no wider
than ``width`` pixels, and ends in an ellipsis when the text goes on; the full
text stays in the tooltip and the details panel. Widths are the advances of
DejaVu Sans (the browser's ``system-ui`` font on Debian), read by Pillow from
the copy matplotlib ships and summed without kerning: no narrower than the
text drawn in that font, nor than in the narrower fonts other systems use
for ``system-ui``. Importing matplotlib itself would cost half a second; its
package is found without running it.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from PIL import ImageFont

ELLIPSIS = "…"


@cache
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib, a dependency of kgraph, is installed"
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name), size)


@cache
def _advance(char: str, size: float, bold: bool) -> float:
    return _font(size, bold).getlength(char)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of ``text`` drawn at ``size`` pixels.

    >>> text_width("kyphoplasty", 12, bold=True) > text_width("kyphoplasty", 12) > text_width("kyphoplasty", 10) > 0
    True
    """
    return sum(_advance(char, size, bold) for char in text)


def _cut(text: str, width: float, size: float, bold: bool) -> tuple[str, str]:
    """The longest start of ``text`` that fits in ``width``, at a space if there is one, and the rest."""
    used, end, space = 0.0, 0, None
    for i, char in enumerate(text):
        used += _advance(char, size, bold)
        if used > width:
            break
        end = i + 1
        if char == " ":
            space = i
    else:
        return text, ""
    if space is not None and space > 0:
        return text[:space], text[space + 1 :]
    end = max(end, 1)
    return text[:end], text[end:]


def wrap(text: str, *, width: float, lines: int, size: float, bold: bool = False) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` pixels, the last ending in … when cut short.

    >>> wrap("kyphoplasty relieves back pain at 12 months", width=150, lines=2, size=12)
    ['kyphoplasty relieves', 'back pain at 12 months']
    >>> wrap("kyphoplasty relieves back pain at 12 months and for longer", width=150, lines=2, size=12)
    ['kyphoplasty relieves', 'back pain at 12…']
    """
    rest = " ".join(text.split())
    if not rest:
        return [text]
    out: list[str] = []
    while rest and len(out) < lines:
        line, rest = _cut(rest, width, size, bold)
        out.append(line)
    if rest:
        last = out[-1]
        while text_width(last + ELLIPSIS, size, bold) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last + ELLIPSIS
    return out
