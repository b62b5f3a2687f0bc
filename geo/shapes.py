"""The committed country shapes, read at run time with the standard library only.

Building them (``geo.geometry``) needs shapely and pyshp, which are development
requirements; the app only reads the result.
"""

import json
from pathlib import Path

from geo.paths import GEOMETRY_FILE


def load(path: Path = GEOMETRY_FILE) -> dict:
    """Read the committed GeoJSON FeatureCollection."""
    return json.loads(path.read_text(encoding="utf-8"))
