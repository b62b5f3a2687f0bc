"""Streamlit's front end and Leaflet, served compressed from the app's own origin.

Streamlit leaves its static files uncompressed on purpose and expects a proxy or a CDN
in front to compress them (3.2 MB for a first visit); the atlas must be quick wherever
it runs, a bare ``streamlit run`` included. So the files are compressed once, into a
folder beside each original (``.br`` and ``.gz``), and ServeStatic (the ASGI successor
of WhiteNoise) serves the best form each browser accepts, with ``Vary``, and marks the
content-hashed bundles immutable.

The folder is made once per machine and version (a few seconds, brotli quality 5) in
the user's cache, or taken ready-made from ``ATLAS_STATIC_DIR`` (the container image
builds it at quality 11: ``python -m app.static DIR``). Nothing is written next to the
code.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit
import xstatic.pkg.leaflet as xleaflet
from servestatic import ServeStaticASGI
from servestatic.compress import Compressor
from streamlit import file_util

LEAFLET_URL = f"/assets/leaflet/{xleaflet.VERSION}/"
SERVED, DONE = "www", "complete"  # the served folder, and the mark of a finished build
# Streamlit's bundles carry an 8-character content hash (index.DormvYxC.js); Leaflet's
# folder carries its version. Both can be cached for good.
IMMUTABLE = re.compile(r"^/static/.+\.[A-Za-z0-9_-]{8}\.[a-z0-9]+$|^/assets/leaflet/")


class Quality(Compressor):
    """ServeStatic's compressor with a chosen brotli quality (its default, 11, takes
    about a minute for Streamlit's 25 MB; 5 takes a second and loses a few percent)."""

    def __init__(self, quality: int, **kwargs):
        super().__init__(use_zstd=False, quiet=True, **kwargs)
        self.quality = quality

    def compress_brotli(self, data: bytes) -> bytes:
        import brotli

        return brotli.compress(data, quality=self.quality)


def sources() -> dict[str, Path]:
    """URL prefix -> the folder served there."""
    return {"/": Path(file_util.get_static_dir()), LEAFLET_URL: Path(xleaflet.BASE_DIR)}


def fingerprint() -> str:
    """What the served files are: Streamlit's and Leaflet's versions and file lists."""
    digest = hashlib.sha256(f"{streamlit.__version__}|{xleaflet.VERSION}".encode())
    for prefix, folder in sources().items():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"{prefix}{path.relative_to(folder)}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def build(target: Path, quality: int) -> Path:
    """Copy the served folders into ``target`` and compress every file worth it."""
    for prefix, folder in sources().items():
        shutil.copytree(folder, target / SERVED / prefix.strip("/"), dirs_exist_ok=True)
    compressor = Quality(quality)
    served = (target / SERVED).rglob("*")
    files = [p for p in served if p.is_file() and compressor.should_compress(p.name)]
    with ThreadPoolExecutor() as pool:
        list(pool.map(compressor.compress, files))
    (target / DONE).write_text(fingerprint())
    return target


def folder(quality: int = 5) -> Path:
    """The compressed copy's served folder (see ``build``)."""
    return prepared(quality) / SERVED


def prepared(quality: int) -> Path:
    """``ATLAS_STATIC_DIR`` if it is complete, else a copy in the user's cache (made now
    if missing; a half-made one is never used)."""
    given = os.environ.get("ATLAS_STATIC_DIR")
    if given and (Path(given) / DONE).exists():
        return Path(given)
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "atlas-static"
    target = home / fingerprint()
    if (target / DONE).exists():
        return target
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        work = Path(tempfile.mkdtemp(dir=home, prefix=".building-"))
    except OSError:  # no writable cache: a private folder for this process alone
        return build(Path(tempfile.mkdtemp(prefix="atlas-static-")), quality)
    build(work, quality)
    try:
        work.rename(target)
    except OSError:  # another process finished first: use its copy
        shutil.rmtree(work, ignore_errors=True)
    return target


def middleware(app, root: Path):
    """ServeStatic in front of ``app``: compressed files from ``root``, the rest passed on."""
    return ServeStaticASGI(
        app,
        root=root,
        prefix="/",
        max_age=0,  # index.html and manifest.json: always revalidated
        immutable_file_test=lambda path, url: bool(IMMUTABLE.match(url)),
        allow_all_origins=False,
    )


if __name__ == "__main__":  # python -m app.static DIR: the container's build step
    out = Path(sys.argv[1])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    print(f"built {build(out, quality=11)}")
