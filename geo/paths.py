"""Where the project's files live, resolved from this package, never from the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = DATA_DIR / "datapackage.json"
GEOMETRY_DIR = DATA_DIR / "geometry"
GEOMETRY_FILE = GEOMETRY_DIR / "region.geojson"
TERRITORY_FILE = GEOMETRY_DIR / "territories.geojson"
LOCALE_DIR = ROOT / "geo" / "locale"
NAME_FORMS = LOCALE_DIR / "name_forms.csv"


def geometry_files(data_dir: Path) -> tuple[Path, Path]:
    """The states' and the territories' shapes of a data package (``data/geometry/``)."""
    return data_dir / "geometry" / GEOMETRY_FILE.name, data_dir / "geometry" / TERRITORY_FILE.name
