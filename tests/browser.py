"""Start the real app with ``streamlit run`` and drive Debian's Chromium with Playwright.

Waiting follows Streamlit's own e2e suite: the server's health endpoint first, then
the page connected and its script no longer running, then our map layer drawn.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds: float = 30, what: str = "the expected state") -> None:
    """Poll ``check()`` until it is true (for states outside a browser: files, processes)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached in {seconds}s")
        time.sleep(0.05)


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy in {seconds}s")


@contextmanager
def streamlit_server(
    app: Path = ROOT / "dashboard.py",
    env: dict | None = None,
    *,
    as_readme: bool = False,
    port: int | None = None,
    wrap: tuple[str, ...] = (),
):
    """Run ``streamlit run`` on a free port (or ``port``); yield its base URL.

    The server starts in the app's folder, as the README's command does (Streamlit reads
    ``.streamlit/config.toml`` from there). ``as_readme`` adds only the port to that
    command; ``wrap`` is put in front of it (e.g. to drop privileges).
    """
    port = port or free_port()
    cmd = [*wrap, sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
    if not as_readme:
        cmd += ["--server.address", "127.0.0.1"]
    log_path = ROOT / "tests" / "artifacts" / f"server-{port}.log"
    log_path.parent.mkdir(exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=Path(app).parent, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})  # fmt: skip
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def repo_copy(target: Path, without: tuple[str, ...] = ()) -> Path:
    """A fresh clone's files (what git tracks, as in the working tree) under ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in listed.stdout.decode().split("\0"):
        if name and name not in without and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes((ROOT / name).read_bytes())
    return target


def wait_for_app(page) -> None:
    """Connected, and the script has finished its run."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=TIMEOUT_MS
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_MS
    )


def open_panel(page, name: str):
    """Open the popover behind the button ``name`` and wait until its body is on screen.

    Streamlit draws a popover's body as a dialog named like its button. Some elements
    (code blocks) load their renderer on first use and stand as a skeleton until then, so
    the panel is read only once no skeleton is left in it."""
    page.get_by_role("button", name=name, exact=True).click()
    panel = page.get_by_role("dialog", name=name, exact=True)
    panel.wait_for(state="visible", timeout=TIMEOUT_MS)
    panel.locator("[data-testid='stSkeleton']").first.wait_for(state="detached", timeout=TIMEOUT_MS)
    return panel


def close_panel(page, panel) -> None:
    """Close an open popover with Escape and wait until its body has left the screen."""
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden", timeout=TIMEOUT_MS)


def map_frame(page):
    """The streamlit-folium iframe, once our layer has drawn for the expected key."""
    handle = page.wait_for_selector("iframe[title*='st_folium']", timeout=TIMEOUT_MS)
    return handle.content_frame()


def wait_for_layer(frame, key: str) -> None:
    """Wait until the style layer for ``key`` (e.g. 'CIS|2010-06-01') has drawn."""
    frame.wait_for_function(
        "k => document.body.getAttribute('data-atlas-layer') === k", arg=key, timeout=TIMEOUT_MS
    )


def fills(frame) -> dict[str, str]:
    """Fill colour of every drawn shape, keyed by its tooltip's country name."""
    return frame.evaluate(
        """() => {
          const out = {};
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          map.eachLayer(l => {
            if (l.feature && l.feature.properties.region) {
              out[l.feature.properties.iso3] = (l.options.fillColor || '').toUpperCase();
            }
          });
          return out;
        }"""
    )


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
        return True
    return parsed.hostname in LOCAL_HOSTS


def set_date(page, iso: str, label: str = "Date") -> None:
    """Type a date into a Streamlit date field (year, month and day segments) and commit."""
    year, month, day = iso.split("-")
    field = page.get_by_role("group", name=label, exact=True)
    field.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(year)
    field.get_by_role("spinbutton", name=f"month, {label}").click()
    page.keyboard.type(month)
    field.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(day)
    page.keyboard.press("Tab")


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``.

    A click that lands while the box is still moving into place (an expander opening)
    opens nothing, and a list that opens then closes again as the page settles (the list
    closes on scroll) loses its options under the pointer; both are retried."""
    box = page.get_by_role("combobox", name=label)
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        box.click()
        try:
            wanted.click(timeout=3_000)
            return
        except Exception:  # Playwright's TimeoutError: the list did not open or closed
            page.keyboard.press("Escape")
    raise AssertionError(f"could not pick {option!r} in {label!r}")


def painted(frame) -> dict:
    """What the map paints and what its legend shows: fills, hatches and markers."""
    return frame.evaluate(
        """() => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          const drawn = {fill: new Set(), hatch: new Set(), marker: new Set()};
          map.eachLayer(l => {
            const fill = l.options && l.options.fillColor;
            if (!fill || !(l.feature || l instanceof L.CircleMarker)) return;
            if (fill.startsWith('url(#atlas-')) drawn.hatch.add(fill.slice(11, -1));
            else if (l instanceof L.CircleMarker && !l.feature) drawn.marker.add(fill.toUpperCase());
            else drawn.fill.add(fill.toUpperCase());
          });
          const legend = {fill: new Set(), hatch: new Set(), marker: new Set()};
          document.querySelectorAll('.atlas-legend svg').forEach(s => {
            for (const kind of ['fill', 'hatch', 'marker']) {
              const v = s.getAttribute('data-' + kind);
              if (v) legend[kind].add(kind === 'hatch' ? v : v.toUpperCase());
            }
          });
          const out = x => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, [...v].sort()]));
          return {drawn: out(drawn), legend: out(legend)};
        }"""
    )


def territory_fill(frame, territory: str) -> str | None:
    """The fill of a territory's shape (a colour or 'url(#atlas-…)'), None if not drawn."""
    return frame.evaluate(
        """t => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          let found = null;
          map.eachLayer(l => {
            if (l.feature && l.feature.properties.territory === t) found = l.options.fillColor;
          });
          return found;
        }""",
        territory,
    )


def download(page, name: str, timeout: int = TIMEOUT_MS) -> tuple[str, bytes]:
    """Click the download link ``name``; the file's suggested name and its bytes."""
    with page.expect_download(timeout=timeout) as info:
        page.get_by_role("link", name=name, exact=True).click()
    assert info.value.failure() is None, info.value.failure()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()
