"""A data release: one version, the same in the descriptor, CITATION.cff and the
changelog (``python -m geo release --version 0.3.0``).

Semantic versions for data, as the changelog explains: a correction of existing rows is
a patch, new rows or columns a minor release, a change of meaning (a column renamed, a
code removed) a major one.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from geo.load import DESCRIPTOR_NAME, load_dataset
from geo.paths import ROOT

VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")
CITATION = ROOT / "CITATION.cff"
CHANGELOG = "CHANGELOG.md"


class ReleaseError(ValueError):
    """The release cannot be made; the message says why."""


def parse(version: str) -> tuple[int, int, int]:
    found = VERSION.fullmatch(version)
    if not found:
        raise ReleaseError(f"version {version!r} is not X.Y.Z")
    return tuple(int(n) for n in found.groups())


def citation_version(text: str) -> str | None:
    found = re.search(r"^version: *['\"]?([^'\"\s]+)", text, re.M)
    return found.group(1) if found else None


def release(version: str, data_dir: Path, citation: Path = CITATION, today: date | None = None):
    """Check the data, then write ``version`` and today into the descriptor, CITATION.cff
    and a new heading of the changelog. Returns the files written."""
    today = today or date.today()
    load_dataset(data_dir)  # raises DataError: no release of data that does not validate
    path = data_dir / DESCRIPTOR_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    current = descriptor.get("version", "0.0.0")
    if parse(version) <= parse(current):
        raise ReleaseError(f"version {version} is not after the current {current}")
    log = data_dir / CHANGELOG
    history = log.read_text(encoding="utf-8") if log.exists() else "# Changelog\n"
    heading = f"## {version} ({today.isoformat()})"
    title, _, rest = history.partition("\n## ")
    entry = f"{heading}\n\n### Added\n\n### Corrected\n\n"
    descriptor["version"], descriptor["created"] = version, f"{today.isoformat()}T00:00:00Z"
    cff = citation.read_text(encoding="utf-8")
    cff = re.sub(r"^version: .*$", f"version: {version}", cff, flags=re.M)
    cff = re.sub(r"^date-released: .*$", f"date-released: {today.isoformat()}", cff, flags=re.M)
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    citation.write_text(cff, encoding="utf-8")
    log.write_text(title.rstrip() + "\n\n" + entry + ("## " + rest if rest else ""), "utf-8")
    return [path, citation, log]
