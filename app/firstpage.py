"""The first response of every page: Streamlit's own HTML, plus what a reader and a link
preview need before any script has run.

- The view's title, a one-line description and Open Graph / Twitter tags (a PNG of the
  map at a stable address), in the link's language.
- The scripts every page shares (downloads, the menu on phones), sent once with it.
- For a map link, a picture of exactly that map (``geo.svgmap``) laid out where the map
  will be, with its key and credit; a small script removes it once the live map has
  drawn (or the page turns out to have no map), so there is no blank moment.

Everything is built from validated values only (``urlstate.parse_view``, as the pages
read a link), so a hostile link gets the default view's words and picture, escaped. Each
distinct view's HTML is built and compressed once and kept in a bounded cache.
"""

from __future__ import annotations

import html
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from streamlit import file_util

from app import api, data, hashed, shell, static
from geo import i18n, palette, svgmap, urlstate, views
from geo.vocabulary import N_

PATHS = {  # the page's path (without the leading slash) -> its view
    "": "membership",
    "summit": "summit",
    "attendance": "attendance",
    "overlap": "overlap",
    "country": "country",
    "changes": "changes",
    "data": "data",
}
MAPS = ("membership", "summit")
ATLAS = N_("Atlas of post-Soviet blocs")
TITLE = N_("{what} — {atlas}")
ABOUT = N_(
    "Which former Soviet republics belonged to which regional organisation on any date "
    "since 1991, who came to each summit, and where the contested territories stood."
)
PAGES = api.Bodies(16 * 1024 * 1024)
STYLE = """<style>
#atlas-first { position: fixed; inset: 0; z-index: 1000; background: #fff; overflow: hidden;
  pointer-events: none;
  font-family: "Source Sans", "Source Sans Pro", sans-serif; color: rgb(49, 51, 63);
  transition: opacity .25s; }
#atlas-first .side { position: absolute; left: 0; top: 0; bottom: 0; width: 300px;
  background: #F0F2F6; }
#atlas-first .main { position: absolute; left: 300px; right: 0; top: 0; padding: 96px 80px 0; }
#atlas-first .caption { font-size: 14px; line-height: 22px; color: rgba(49, 51, 63, .6);
  margin: 0; }
#atlas-first h1 { font-size: 28px; font-weight: 600; margin: 26px 0 0; line-height: 34px; }
#atlas-first .box { height: MAP_HEIGHTpx; margin-top: var(--top); display: flex;
  flex-direction: column; }
#atlas-first .atlas-first-frame { position: relative; flex: 1 1 auto; min-height: 180px;
  background: SEA; }
#atlas-first .atlas-first-map { width: 100%; height: 100%; display: block; }
.atlas-first-legend b { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); }
.atlas-first-legend ul { list-style: none; margin: 0; padding: 6px 2px 0; display: flex;
  flex-wrap: wrap; gap: 1px 14px; font: 12.5px/1.35 "Source Sans", sans-serif; }
.atlas-first-legend li { display: flex; gap: 6px; align-items: center; }
.atlas-first-legend svg { flex: none; }
.atlas-first-credit { position: absolute; right: 0; bottom: 0; margin: 0; padding: 1px 5px;
  font: 11px/1.4 sans-serif; background: rgba(255,255,255,.8); }
#atlas-first.embed .main { left: 0; padding: 16px 16px 0; }
#atlas-first.embed .caption { display: none; }
#atlas-first.embed h1 { font-size: 16px; margin: 0; }
#atlas-first.embed .box { margin-top: 43px; }
@media (max-width: 640px) {
  #atlas-first .side { display: none; }
  #atlas-first .main { left: 0; padding: 72px 16px 0; }
  #atlas-first .box { height: PHONE_HEIGHTpx; margin-top: var(--phone-top); }
  #atlas-first.embed .box { margin-top: 69px; }
}
</style>"""
STYLE = (
    STYLE.replace("SEA", palette.SEA)
    .replace("MAP_HEIGHT", str(shell.MAP_HEIGHT))
    .replace("PHONE_HEIGHT", str(shell.PHONE_MAP_HEIGHT))
)
# Where the live page puts the map under its heading and pickers (measured in Chromium at
# 1400 and 390 pixels wide), so that the picture stands where the map will.
MAP_TOP = {"membership": ("242px", "390px"), "summit": ("258px", "400px")}
# Gone once the live map has drawn its layer; or once the app has run without a map
# (another page, an error page); or after half a minute whatever happens.
SCRIPT = """<script>
(function () {
  var first = document.getElementById("atlas-first"), started = Date.now(), mapless = 0;
  if (!first) return;
  // Show the window as the live map will: Leaflet fits it at a zoom snapped down to a
  // quarter step (zoomSnap), centred on it; the picture does the same in its box.
  var map = first.querySelector(".atlas-first-map");
  if (map) {
    var box = map.getBoundingClientRect(), fit = map.dataset.fit.split(" ").map(Number);
    var zoom = Math.floor(Math.log2(Math.min(box.width / fit[0], box.height / fit[1])) * 4) / 4;
    var units = fit[2] / Math.pow(2, Math.min(fit[4], zoom));
    var w = box.width * units, h = box.height * units;
    map.setAttribute("viewBox", [fit[5] - w / 2, fit[6] - h / 2, w, h].join(" "));
  }
  function mapShown(frame) {  // drawn, and the iframe laid out and visible
    try {
      var box = frame.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(frame).visibility !== "hidden" &&
        frame.contentDocument.body.getAttribute("data-atlas-layer");
    } catch (e) { return false; }
  }
  function done() {
    var frame = document.querySelector("iframe[title*='st_folium']");
    if (frame) return mapShown(frame) || Date.now() - started > 30000;
    // A page that ran to the end with a heading and no map for a while has none to wait
    // for (the link's page differs, or the data cannot be shown).
    var app = document.querySelector("[data-testid='stApp']");
    var idle = app && app.getAttribute("data-test-script-state") === "notRunning" &&
      app.getAttribute("data-test-connection-state") === "CONNECTED";
    var heading = document.querySelector("[data-testid='stMainBlockContainer'] h1, " +
      "[data-testid='stMainBlockContainer'] h3");
    mapless = idle && heading ? mapless || Date.now() : 0;
    return (mapless && Date.now() - mapless > 1500) || Date.now() - started > 30000;
  }
  var timer = setInterval(function () {
    if (!done()) return;
    clearInterval(timer);
    first.style.opacity = "0";
    setTimeout(function () { first.remove(); }, 260);
  }, 80);
})();
</script>"""


@lru_cache(maxsize=1)
def streamlit_page() -> str:
    """Streamlit's own page, read once."""
    return (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")


def origin(request: Request) -> str:
    """The site's address as the reader sees it (the Host is one of the allowed names)."""
    scheme = "https" if request.headers.get("x-forwarded-proto") == "https" else request.url.scheme
    return f"{scheme}://{request.headers.get('host', request.url.netloc)}"


async def serve(request: Request) -> Response:
    """A page's first HTML: sent from the event loop when built before, else built in a
    worker thread (see ``api.endpoint``)."""
    view = PATHS.get(request.url.path.strip("/"))
    if not data.LAST_GOOD.warm():  # changed files are read in a thread, never on the loop
        await run_in_threadpool(data.LAST_GOOD.serving)
    try:
        key, ds = api.current()
    except api.ApiError:
        ds = None
    if view is None or ds is None:  # Streamlit's own page says what is wrong
        return Response(
            streamlit_page(), media_type="text/html", headers={"Cache-Control": "no-cache"}
        )
    params = {k: request.query_params.get(k) for k in request.query_params if k in urlstate.NAMES}
    lang = i18n.pick_language(params.get("lang"), request.headers.get("accept-language"))
    values = urlstate.parse_view(view, params, ds, date.today()).values
    embed = params.get("embed") == "true"
    site = origin(request)
    chosen = tuple(sorted((name, repr(value)) for name, value in values.items()))
    cache_key = (key, view, chosen, lang, embed, site)
    body = PAGES.peek(cache_key) or await run_in_threadpool(
        PAGES.get, cache_key, lambda: build(ds, key, view, values, lang, embed, site)
    )
    answer = api.respond(request, ds.version, body, "no-cache")
    answer.headers["Vary"] = "Accept-Encoding, Accept-Language"
    for name in ("Access-Control-Allow-Origin", "X-Atlas-Data-Version"):
        del answer.headers[name]  # for the API's answers, not for pages
    return answer


def build(ds, key: str, view: str, values: dict, lang: str, embed: bool, site: str) -> api.Body:
    """The page's HTML for these validated values."""
    labels = api.words(key, lang)
    _ = labels.gettext
    shown = map_view(ds, view, values)
    drawn = views.drawn(ds, shown, labels) if shown else None
    what, about = describe(ds, view, shown, labels, drawn)
    title = _(TITLE).format(what=what, atlas=_(ATLAS))
    preview = site + "/api/v1/preview.png?" + urlencode(picture_params(ds, shown, values, lang))
    here = site + "/" + next(p for p, v in PATHS.items() if v == view)
    link = urlstate.to_params(urlstate.with_options(values, lang))
    if link:
        here += "?" + urlencode(link)
    page = streamlit_page().replace('<html lang="en">', f'<html lang="{lang}">', 1)
    page = page.replace("<title>Streamlit</title>", head(title, about, preview, here, labels), 1)
    page = page.replace("</body>", f"{shell.PAGE}</body>", 1)
    if drawn is not None:
        page = page.replace("</head>", f"{preloads(ds)}</head>", 1)
        outlines = svgmap.outlines(
            ds.files["geometry/region.geojson"], ds.files["geometry/territories.geojson"]
        )
        credit = f"{_(ATLAS)} (CC BY 4.0) · Natural Earth"
        heading = views.heading(ds, shown, labels, full=True)
        picture = svgmap.svg(drawn, labels, outlines, credit)
        first = (
            f'{STYLE}<div id="atlas-first"{" class=embed" if embed else ""}>'
            f"{'' if embed else '<div class=side></div>'}"
            f'<div class="main"><p class="caption">{html.escape(_(ATLAS))}</p>'
            f'<h1>{html.escape(heading)}</h1><div class="box" style="--top:{MAP_TOP[view][0]};'
            f'--phone-top:{MAP_TOP[view][1]}">{picture}</div></div></div>'
        )
        page = page.replace('<div id="root"></div>', f'{first}<div id="root"></div>{SCRIPT}', 1)
    return api.Body.of(page.encode("utf-8"), "text/html; charset=utf-8")


def preloads(ds) -> str:
    """What the map's iframe will ask for, asked now: its script, Leaflet and the shapes
    arrive while Streamlit starts, instead of one after another once the iframe exists."""
    kinds = {".js": 'as="script"', ".css": 'as="style"'}
    links = [
        f'<link rel="preload" href=".{p}" {kinds[Path(p).suffix]}>' for p in static.map_files()
    ]
    for name in hashed.NAMES:
        address = hashed.address(ds, name)
        links.append(f'<link rel="preload" href="./{address}" as="fetch" crossorigin="anonymous">')
    return "".join(links)


def map_view(ds, view: str, values: dict) -> views.MapView | None:
    if view == "membership":
        return views.MapView(values["org"], values["date"], "", values["borders"])
    if view == "summit" and values.get("summit"):
        row = ds.summits[ds.summits["id"] == values["summit"]].iloc[0]
        return views.MapView(row["org"], row["start"], values["summit"], values["borders"])
    return None


def picture_params(ds, shown: views.MapView | None, values: dict, lang: str) -> dict:
    """The preview picture of the view, or for a page without a map the membership map of
    its organisation (or the CIS) today."""
    if shown is not None and shown.summit:
        return {"summit": shown.summit, "borders": shown.borders, "lang": lang}
    if shown is not None:
        return {
            "org": shown.org,
            "date": shown.day.isoformat(),
            "borders": shown.borders,
            "lang": lang,
        }
    org = values.get("org") if values.get("org") in ds.org_ids() else ds.org_ids()[0]
    return {"org": org, "date": date.today().isoformat(), "lang": lang}


def describe(ds, view: str, shown, labels, drawn, full: bool = False) -> tuple[str, str]:
    """(what the page shows, one line on it) in the reader's language; ``full`` names the
    organisation in full, as the page's own heading does."""
    if shown is not None:
        return views.heading(ds, shown, labels, full), views.summary(ds, shown, labels, drawn)
    return labels.view(view), labels.gettext(ABOUT)


def head(title: str, about: str, preview: str, here: str, labels) -> str:
    """The title and the tags a link preview reads (every value escaped)."""
    esc = html.escape
    locale = {"en": "en_GB", "ru": "ru_RU"}[labels.lang]
    tags = [
        ("name", "description", about),
        ("property", "og:type", "website"),
        ("property", "og:site_name", labels.gettext(ATLAS)),
        ("property", "og:title", title),
        ("property", "og:description", about),
        ("property", "og:url", here),
        ("property", "og:locale", locale),
        ("property", "og:image", preview),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", title),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", about),
        ("name", "twitter:image", preview),
    ]
    meta = "".join(f'<meta {k}="{esc(n)}" content="{esc(v)}" />' for k, n, v in tags)
    return f"<title>{esc(title)}</title>{meta}"
