"""The browser tab's icon, drawn here: Streamlit fetches a Material or emoji icon from a
font server, and no request may leave the machine."""

from __future__ import annotations

import base64
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
def tab_icon() -> str:
    """The icon as a data URL, encoded once: given an image, Streamlit would encode it
    again and store it in its media files on every rerun."""
    out = io.BytesIO()
    drawn().save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
