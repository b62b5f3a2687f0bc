"""The web API and the server's edges, against the real server: the same answers and
messages as the command line, validators, compression, headers, hosts, and the files a
replica serves before any session ran on it."""

from __future__ import annotations

import asyncio
import csv
import gzip
import io
import json
import re
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

import brotli
import pytest
import websockets

from geo import cli, query
from geo.paths import ROOT

from browser import streamlit_server


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def api(server: str, route: str, **params) -> str:
    return f"{server}/api/v1/{route}" + (f"?{urlencode(params)}" if params else "")


def run_cli(capsys, route: str, params: dict) -> tuple[int, str, str]:
    args = [route]
    for name, value in params.items():
        args += [f"--{name}", value]
    code = cli.main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


CASES = [
    ("membership", {"org": "CIS", "date": "2009-08-17"}),  # Georgia's last day in
    ("membership", {"org": "CIS", "date": "2009-08-18"}),  # and its first day out
    ("membership", {"org": "csto", "date": "2012-07-01"}),  # codes in any case
    ("summits", {"org": "CSTO", "from": "2010-01-01", "to": "2020-12-31"}),
    ("attendance", {"summit": "CIS-2022-12-26"}),
    ("territories", {"date": "2014-03-18", "borders": "de_facto"}),  # Crimea's annexation day
    ("territories", {"date": "2014-03-17"}),
    ("changes", {"from": "2018-01-01", "to": "2024-12-31", "orgs": "CSTO,EAEU", "iso3": "ARM"}),
    ("organisations", {}),
    ("countries", {}),
    ("panel", {"org": "GUAM"}),
    ("record", {"org": "SCO", "from": "2010-01-01"}),
    ("rows", {"table": "attendance", "q": "Грузия", "lang": "ru"}),
]


@pytest.mark.parametrize("route, params", CASES)
def test_each_question_answers_as_the_command_line(server, capsys, route, params):
    code, out, err = run_cli(capsys, route, params)
    assert code == 0, err
    status, headers, body = get(api(server, route, **params))
    assert status == 200 and body.decode("utf-8") == out
    assert headers["content-type"].startswith("text/csv")
    status, headers, body = get(api(server, route, **params, format="json"))
    assert status == 200 and headers["content-type"] == "application/json"
    rows = list(csv.DictReader(io.StringIO(out)))
    as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in json.loads(body)]
    assert as_text == rows


def test_accept_chooses_json_when_format_is_absent(server):
    _, headers, body = get(api(server, "countries"), {"Accept": "application/json"})
    assert headers["content-type"] == "application/json" and len(json.loads(body)) == 15


BAD = [
    ("membership", {"org": "<script>alert(1)</script>", "date": "2012-07-01"}),
    ("membership", {"org": "CSTO", "date": "2012-13-01"}),
    ("membership", {"org": "CSTO"}),
    ("attendance", {"summit": "CIS-2022-12-27"}),  # one day off: the nearest is offered
    ("summits", {"org": "CSTO", "from": "2020-01-01", "to": "2019-01-01"}),
    ("territories", {"date": "2015-06-01", "borders": "sideways"}),
    ("changes", {"orgs": "CSTO,XYZ"}),
    ("rows", {"table": "passwords"}),
]


@pytest.mark.parametrize("route, params", BAD)
def test_a_bad_value_is_a_400_with_the_command_line_s_message(server, capsys, route, params):
    code, _, err = run_cli(capsys, route, params)
    assert code == 2 and err.startswith("error: ")
    status, headers, body = get(api(server, route, **params))
    assert status == 400 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"error": err.removeprefix("error: ").rstrip("\n")}
    assert b"<" not in body and b">" not in body  # markup never travels as markup


def test_an_unknown_address_is_a_json_404(server):
    for path in ("api/v1/nothing", "api/v1/", "api/v1/membership/extra"):
        status, headers, body = get(f"{server}/{path}")
        assert status == 404 and "error" in json.loads(body), path


def test_validators_caching_and_cors(server, ds):
    url = api(server, "membership", org="CSTO", date="2012-07-01")
    status, headers, _ = get(url)
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert headers["x-atlas-data-version"] == ds.version
    assert headers["cache-control"].startswith("public, max-age=")
    status, again, body = get(url, {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b"" and again["etag"] == headers["etag"]
    other = api(server, "membership", org="CSTO", date="2013-07-01")
    assert get(other)[1]["etag"] != headers["etag"]


@pytest.mark.parametrize("path", ["api/v1/panel", "static/js/index.DormvYxC.js"])
def test_bodies_travel_in_the_best_coding_the_client_accepts(server, path):
    status, plain_headers, plain = get(f"{server}/{path}", {"Accept-Encoding": "identity"})
    if status == 404:  # another Streamlit build names its bundle differently
        index = get(f"{server}/")[2].decode()
        path = next(p for p in index.split('"') if p.startswith("./static/js/index."))[2:]
        status, plain_headers, plain = get(f"{server}/{path}", {"Accept-Encoding": "identity"})
    assert status == 200 and "content-encoding" not in plain_headers
    _, headers, body = get(f"{server}/{path}", {"Accept-Encoding": "gzip, deflate, br"})
    assert headers["content-encoding"] == "br" and brotli.decompress(body) == plain
    assert "accept-encoding" in headers["vary"].lower()
    _, headers, body = get(f"{server}/{path}", {"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    _, headers, _ = get(f"{server}/{path}", {"Accept-Encoding": "br;q=0, gzip"})
    assert headers["content-encoding"] == "gzip"


def test_hashed_bundles_are_immutable_and_the_page_is_revalidated(server):
    index = get(f"{server}/")[2].decode()
    bundle = next(p for p in index.split('"') if p.startswith("./static/js/index."))[2:]
    assert "immutable" in get(f"{server}/{bundle}")[1]["cache-control"]
    leaflet = get(f"{server}/assets/leaflet/1.9.3/leaflet.js")
    assert leaflet[0] == 200 and "immutable" in leaflet[1]["cache-control"]


def test_the_openapi_document_validates_and_lists_every_route(server):
    from openapi_spec_validator import validate

    from app import server as seam

    status, _, body = get(api(server, "openapi.json"))
    document = json.loads(body)
    validate(document)
    described = set(document["paths"])
    served = {r.path for r in seam.routes() if r.path.startswith("/api/v1/") and "{" not in r.path}
    assert served <= described
    assert {f"/api/v1/{name}" for name in query.QUERIES} <= described


def test_files_of_a_map_and_its_picture(server):
    from PIL import Image

    for fmt, magic in [("gpkg", b"SQLite format 3"), ("shp", b"PK"), ("fgb", b"fgb")]:
        status, headers, body = get(api(server, "export", summit="CIS-2022-12-26", format=fmt))
        assert status == 200 and body.startswith(magic), fmt
        assert headers["content-disposition"].startswith("attachment; filename=")
    status, headers, body = get(api(server, "map.png", org="CSTO", date="2012-07-01", lang="ru"))
    assert status == 200 and headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(body)).size == (1800, 960)
    status, _, body = get(api(server, "map.png", org="<b>", date="2012-07-01"))
    assert status == 400  # an invalid view is never rendered


def test_the_package_zip_is_the_validated_package(server, ds):
    status, headers, body = get(api(server, "package.zip"))
    assert status == 200 and headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        for name, raw in ds.files.items():
            assert z.read(f"post-soviet-blocs/{name}") == raw, name


def test_security_headers_on_pages_and_answers(server):
    for path in ("", "summit", "api/v1/countries", "static/js/index.DormvYxC.js"):
        status, headers, _ = get(f"{server}/{path}")
        if status == 404:
            continue
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        policy = headers["content-security-policy"]
        assert "frame-ancestors *" in policy and "object-src 'none'" in policy, path


def test_a_foreign_host_is_refused_over_http_and_websocket(server):
    port = urlparse(server).port
    status, _, _ = get(f"{server}/api/v1/countries", {"Host": f"evil.example:{port}"})
    assert status == 400
    assert get(f"{server}/", {"Host": f"localhost:{port}"})[0] == 200

    async def handshake(host: str) -> bool:
        try:
            async with websockets.connect(
                f"ws://{host}:{port}/_stcore/stream",
                host="127.0.0.1",
                port=port,
                subprotocols=["streamlit"],
                origin=f"http://{host}:{port}",
            ):
                return True
        except (websockets.InvalidStatus, websockets.ConnectionClosed, OSError):
            return False

    # in a thread of its own: a browser test run before this one holds this thread's loop
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, handshake("localhost")).result() is True
        assert pool.submit(asyncio.run, handshake("evil.example")).result() is False


def test_a_fresh_replica_serves_the_map_s_files_before_any_session():
    """A reader's page may ask a replica it never had a session on (after a failover)."""
    with streamlit_server() as url:
        status, _, body = get(f"{url}/component/streamlit_folium.st_folium/index.html")
        assert status == 200 and b"<html" in body.lower()
        assert get(f"{url}/api/v1/status")[0] == 200


def test_the_shapes_follow_their_content(data_copy):
    """An edited geometry gets a new address; the old one is gone, the new one immutable."""
    from app import hashed

    region = data_copy / "geometry" / "region.geojson"
    with streamlit_server(
        env={"ATLAS_DATA_DIR": str(data_copy), "ATLAS_DATA_LOOK_SECONDS": "0"}
    ) as url:
        first = hashed.digest(region.read_bytes())
        old = f"{url}/assets/geometry/{first}/region.geojson"
        status, headers, body = get(old)
        assert status == 200 and body == region.read_bytes()
        assert "immutable" in headers["cache-control"]
        collection = json.loads(region.read_text(encoding="utf-8"))
        collection["name"] = "edited"
        region.write_text(json.dumps(collection), encoding="utf-8")
        new = hashed.digest(region.read_bytes())
        assert new != first and get(old)[0] == 404
        assert get(f"{url}/assets/geometry/{new}/region.geojson")[0] == 200


def test_broken_files_leave_the_api_on_the_last_good_data(data_copy):
    """The zip holds the validated package, never the half file on disk; readiness fails."""
    path = data_copy / "memberships.csv"
    good = path.read_bytes()
    env = {"ATLAS_DATA_DIR": str(data_copy), "ATLAS_DATA_LOOK_SECONDS": "0"}
    with streamlit_server(env=env) as url:
        assert get(f"{url}/api/v1/status")[0] == 200
        assert get(f"{url}/api/v1/package.zip")[0] == 200  # the good data, remembered
        path.write_bytes(good[: len(good) // 2])
        assert get(f"{url}/api/v1/status")[0] == 503
        status, headers, body = get(f"{url}/api/v1/package.zip")
        assert status == 200 and "x-atlas-data-stale" in headers
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            assert z.read("post-soviet-blocs/memberships.csv") == good
        path.write_bytes(good)
        assert get(f"{url}/api/v1/status")[0] == 200


def test_ready_made_static_folder_is_used(tmp_path, monkeypatch):
    from app import static

    built = static.build(tmp_path / "ready", quality=1)
    monkeypatch.setenv("ATLAS_STATIC_DIR", str(built))
    assert static.folder() == built / static.SERVED
    assert next(Path(static.folder()).rglob("index.*.js.br"))


TRAVERSALS = [
    f"{prefix}{attack}"
    for prefix in (
        "component/streamlit_folium.st_folium/",
        "media/",
        "static/",
        "assets/leaflet/1.9.3/",
        "assets/geometry/x/",
        "api/v1/",
    )
    for attack in (
        "../../../../etc/passwd",
        "..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/etc/passwd",
        "....//....//etc/passwd",
        "..\\..\\etc\\passwd",
    )
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_reaches_outside_the_served_folders(server, path):
    status, _, body = get(f"{server}/{path}")
    assert b"root:" not in body
    # refused, or answered by the single-page fallback with the app's own page
    assert status in (400, 404) or (status == 200 and b"<title>" in body), (status, body[:80])


PAGES = {
    "": "org=CSTO&date=2012-07-01",
    "summit": "summit=CIS-2022-12-26",
    "attendance": "org=CSTO&from=2015-01-01",
    "overlap": "date=2015-06-01&orgs=CIS,CSTO",
    "country": "iso3=ARM",
    "changes": "from=2008-01-01&to=2010-01-01",
    "data": "table=summits&q=Minsk",
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_s_first_response_names_its_view(server, path, lang):
    status, headers, body = get(f"{server}/{path}?{PAGES[path]}&lang={lang}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode("utf-8")
    assert f'<html lang="{lang}">' in page and "<title>Streamlit</title>" not in page
    assert 'property="og:image" content="http' in page and "api/v1/preview.png?" in page
    assert "no-cache" in headers["cache-control"]


def test_the_svg_picture_keys_what_it_draws_in_the_reader_s_language(server):
    import xml.etree.ElementTree as ET

    status, headers, body = get(api(server, "map.svg", org="CSTO", date="2012-07-01", lang="ru"))
    assert status == 200 and headers["content-type"] == "image/svg+xml"
    root = ET.fromstring(body)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[0].startswith("ОДКБ, 1 июля 2012")  # titled as the PNG is
    assert "Участие приостановлено / заморожено" in texts
    drawn = {
        p.get("fill") for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("data-iso3")
    }
    keyed = {r.get("fill") for r in root.iter("{http://www.w3.org/2000/svg}rect")}
    assert drawn <= keyed  # every state's colour has its row in the key
    assert get(api(server, "map.svg", summit="CIS-2022-12-27"))[0] == 400


EXAMPLE = "https://atlas.example.org"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_api_address_in_the_docs_answers(server):
    found = {
        m.rstrip(".,")
        for page in DOCS
        for m in re.findall(r"https://atlas\.example\.org(/api/v1/[^'\"\s`)]+)", page.read_text())
    }
    assert len(found) >= 6
    for path in sorted(found):
        assert get(server + path)[0] == 200, path


def test_the_pandas_examples_run(server):
    """Each Python block that reads the API runs against the real server."""
    blocks = [
        block
        for page in DOCS
        for block in re.findall(r"```python\n(.*?)```", page.read_text(), re.S)
        if EXAMPLE in block
    ]
    assert len(blocks) >= 2
    for block in blocks:
        scope: dict = {}
        exec(block.replace(EXAMPLE, server), scope)
        frames = [v for v in scope.values() if type(v).__name__ in ("DataFrame", "Series")]
        assert frames and all(len(f) for f in frames)


def test_streamlit_s_metrics_are_for_the_machine_only(server):
    """Session counts are not for the public: a proxied request is refused."""
    assert get(f"{server}/_stcore/metrics")[0] == 200
    status, _, _ = get(f"{server}/_stcore/metrics", {"X-Forwarded-For": "203.0.113.9"})
    assert status == 404
    assert get(f"{server}/_stcore/health", {"X-Forwarded-For": "203.0.113.9"})[0] == 200


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_mistyped_page_goes_to_the_nearest_page_with_its_parameters(server):
    opener = urllib.request.build_opener(_NoRedirect)

    def location(path):
        try:
            opener.open(f"{server}{path}", timeout=30)
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("location")
        return 200, None

    assert location("/summitt?summit=CIS-2022-12-26&lang=ru") == (
        307,
        "/summit?summit=CIS-2022-12-26&lang=ru&missing=summitt",
    )
    assert location("/nowhere") == (307, "/?missing=nowhere")
    for path in ("/summit?summit=CIS-2022-12-26", "/favicon.png", "/api/v1/countries"):
        assert location(path)[0] == 200, path
