"""The browser tab's icon, drawn here: Streamlit fetches a Material or emoji icon from a
font server, and no request may leave the machine. It is served as the site's
``favicon.png`` (``app.static``), so no page has to send it with every rerun."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from geo import palette


def drawn() -> Image.Image:
    """A small map-blue disc with a pale meridian and equator."""
    size = 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=palette.STATUS_COLOURS["member"])
    pale = palette.CONTEXT_FILL
    draw.ellipse((22, 4, size - 22, size - 4), outline=pale, width=3)
    draw.line((4, size // 2, size - 4, size // 2), fill=pale, width=3)
    return image


@lru_cache(maxsize=1)
def png() -> bytes:
    out = io.BytesIO()
    drawn().save(out, format="PNG")
    return out.getvalue()
