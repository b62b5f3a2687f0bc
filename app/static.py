"""Streamlit's front end and Leaflet, served compressed from the app's own origin.

Streamlit leaves its static files uncompressed on purpose and expects a proxy or a CDN
in front to compress them (3.2 MB for a first visit); the atlas must be quick wherever
it runs, a bare ``streamlit run`` included. So the files are compressed once, into a
folder beside each original (``.br`` and ``.gz``), and ServeStatic (the ASGI successor
of WhiteNoise) serves the best form each browser accepts, with ``Vary``, and marks the
content-hashed bundles immutable.

Streamlit's icon font holds 4,000 Material Symbols (366 KB) of which a page can show
about ninety: the ones Streamlit's bundles name and the ones the atlas passes. The copy
keeps only those (10 KB). Its text font (166 KB, loaded first) keeps the scripts the
atlas writes in: Latin, Cyrillic, punctuation (97 KB; anything else falls back to the
reader's own fonts). Both keep their upstream names and are revalidated daily rather
than kept for good, since their content can change while their names do not. The files
every first visit loads (those ``index.html`` names) are compressed at brotli's best.

The folder is made once per machine and version (a few seconds, brotli quality 5) in
the user's cache, or taken ready-made from ``ATLAS_STATIC_DIR`` (the container image
builds it at quality 11: ``python -m app.static DIR``). Nothing is written next to the
code.
"""

from __future__ import annotations

import ast
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit
import streamlit_folium
import xstatic.pkg.leaflet as xleaflet
from servestatic import ServeStaticASGI
from servestatic.compress import Compressor
from streamlit import file_util

from app import icon

APP = Path(__file__).resolve().parent
LEAFLET_URL = f"/assets/leaflet/{xleaflet.VERSION}/"
FOLIUM_URL = "/component/streamlit_folium.st_folium/"  # the map's iframe (streamlit-folium)
FOLIUM_DIR = Path(streamlit_folium.__file__).parent / "frontend" / "build"
CUT_FONTS = re.compile(r"^/static/media/(MaterialSymbols|SourceSansVF)-[^/]+\.woff2$")
TEXT = [  # code point ranges the text font keeps: Latin, Cyrillic, punctuation, signs
    (0x20, 0x7E), (0xA0, 0x24F), (0x259, 0x259), (0x2BB, 0x2BC), (0x2C6, 0x2DD),
    (0x300, 0x30F), (0x400, 0x4FF), (0x2000, 0x206F), (0x20AC, 0x20BD), (0x2116, 0x2116),
    (0x2122, 0x2122), (0x2190, 0x2193), (0x2212, 0x2212),
]  # fmt: skip
ICON = re.compile(r":material/([a-z0-9_]+):")
SERVED, DONE = "www", "complete"  # the served folder, and the mark of a finished build
# Streamlit's bundles carry an 8-character content hash (index.DormvYxC.js); Leaflet's
# folder carries its version. Both can be cached for good.
IMMUTABLE = re.compile(
    r"^/static/.+\.[A-Za-z0-9_-]{8}\.[a-z0-9]+$|^/assets/leaflet/|"
    r"^/component/streamlit_folium\.st_folium/static/.+\.[0-9a-f]{8}\.[a-z]+$"
)
DAY = 24 * 3600


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
    return {
        "/": Path(file_util.get_static_dir()),
        LEAFLET_URL: Path(xleaflet.BASE_DIR),
        FOLIUM_URL: FOLIUM_DIR,
    }


def icon_names() -> set[str]:
    """Every Material Symbol a page can show: those Streamlit's bundles name and those
    the atlas passes (``:material/...:`` in its code, and the menu's icons)."""
    names = set()
    for bundle in (Path(file_util.get_static_dir()) / "static" / "js").glob("*.js"):
        names |= set(ICON.findall(bundle.read_text(encoding="utf-8", errors="ignore")))
    for module in [*APP.rglob("*.py"), APP.parent / "dashboard.py"]:
        names |= set(ICON.findall(module.read_text(encoding="utf-8")))
    menu = ast.parse((APP / "menu.py").read_text(encoding="utf-8"))
    for node in ast.walk(menu):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ICONS":
            names |= set(ast.literal_eval(node.value).values())
    return names


def subset_icons(path: Path, names: set[str]) -> None:
    """Keep only the glyphs of ``names`` (and the letters their ligatures are made of)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap = font.getBestCmap()
    ligatures = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, sequences in getattr(table, "ligatures", {}).items():
                for seq in sequences:
                    ligatures[(first, *seq.Component)] = seq.LigGlyph
    letters = set("".join(names))
    wanted = {ligatures.get(tuple(cmap.get(ord(c)) for c in name)) for name in names}
    glyphs = (wanted - {None}) | {cmap[ord(c)] for c in letters if ord(c) in cmap}
    cut(font, path, glyphs=sorted(glyphs), unicodes=[ord(c) for c in letters], closure=False)


def subset_text(path: Path) -> None:
    """Keep the text font's Latin, Cyrillic and punctuation (all its weights)."""
    from fontTools.ttLib import TTFont

    cut(TTFont(path), path, unicodes=[c for low, high in TEXT for c in range(low, high + 1)])


def cut(font, path: Path, glyphs=(), unicodes=(), closure: bool = True) -> None:
    """Write ``font`` back to ``path`` with only these glyphs and characters (WOFF2);
    without ``closure`` no glyph comes in through a ligature nobody asked for."""
    from fontTools import subset

    options = subset.Options()
    options.layout_closure = closure
    options.layout_features, options.name_IDs, options.flavor = ["*"], ["*"], "woff2"
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=list(glyphs), unicodes=list(unicodes))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    path.write_bytes(out.getvalue())


def map_files() -> list[str]:
    """Site paths of what the map's iframe loads (its script, Leaflet), for preloading."""
    page = (FOLIUM_DIR / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'src="\./(static/js/[^"]+\.js)"', page)
    return [
        *(FOLIUM_URL + s for s in scripts),
        f"{LEAFLET_URL}leaflet.js",
        f"{LEAFLET_URL}leaflet.css",
    ]


def first_visit(root: Path) -> set[Path]:
    """The scripts and styles ``index.html`` loads on every first visit."""
    page = (root / "index.html").read_text(encoding="utf-8")
    return {root / name for name in re.findall(r'(?:src|href)="\./(static/[^"]+)"', page)}


def fingerprint() -> str:
    """What the served files are: Streamlit's and Leaflet's versions and file lists, and
    the icons the pages use."""
    digest = hashlib.sha256(f"{streamlit.__version__}|{xleaflet.VERSION}".encode())
    digest.update(" ".join(sorted(icon_names())).encode())
    digest.update(Path(__file__).read_bytes())  # how the copy is made
    for prefix, folder in sources().items():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"{prefix}{path.relative_to(folder)}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def build(target: Path, quality: int) -> Path:
    """Copy the served folders into ``target`` and compress every file worth it."""
    for prefix, folder in sources().items():
        shutil.copytree(folder, target / SERVED / prefix.strip("/"), dirs_exist_ok=True)
    (target / SERVED / "favicon.png").write_bytes(icon.png())  # the atlas's own tab icon
    media = target / SERVED / "static" / "media"
    names = icon_names()
    with ThreadPoolExecutor() as pool:
        cuts = [
            pool.submit(subset_icons, font, names) for font in media.glob("MaterialSymbols-*.woff2")
        ]
        cuts += [pool.submit(subset_text, font) for font in media.glob("SourceSansVF-*.woff2")]
        first = first_visit(target / SERVED)
        best, rest = Quality(11), Quality(quality)
        served = (target / SERVED).rglob("*")
        files = [p for p in served if p.is_file() and rest.should_compress(p.name)]
        jobs = [pool.submit((best if p in first else rest).compress, p) for p in files]
        for job in [*cuts, *jobs]:
            job.result()
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


def daily(headers, path: str, url: str) -> None:
    """The cut fonts keep their upstream names while their content may change: revalidated
    daily, never kept for good."""
    if CUT_FONTS.match(url):
        headers["Cache-Control"] = f"public, max-age={DAY}"


def middleware(app, root: Path):
    """ServeStatic in front of ``app``: compressed files from ``root``, the rest passed on."""
    return ServeStaticASGI(
        app,
        root=root,
        prefix="/",
        max_age=0,  # index.html and manifest.json: always revalidated
        immutable_file_test=lambda path, url: (
            bool(IMMUTABLE.match(url)) and not CUT_FONTS.match(url)
        ),
        allow_all_origins=False,
        add_headers_function=daily,
    )


if __name__ == "__main__":  # python -m app.static DIR: the container's build step
    out = Path(sys.argv[1])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    print(f"built {build(out, quality=11)}")
