"""Where the project's files live, resolved from this package, never from the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = DATA_DIR / "datapackage.json"
GEOMETRY_FILE = DATA_DIR / "geometry" / "region.geojson"
STATIC_DIR = ROOT / "static"
