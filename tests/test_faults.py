"""Faults, with the real server: restarts, broken and fixed data files, edits that must not
pile up memory, a read-only checkout, a missing geometry file, an unreadable data folder."""

import asyncio
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from browser import (
    free_port,
    map_frame,
    repo_copy,
    set_date,
    streamlit_server,
    wait_for_app,
    wait_for_layer,
)
from conftest import check_page, new_page

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_load  # noqa: E402


def run_wave(*args, **kwargs):
    """bench_load's readers, in a thread of their own (Playwright holds this one's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, bench_load.wave(*args, **kwargs)).result()


def looking_at(data: Path) -> dict:
    """Serve this copy of data/ and look at its files on every run, so an edit is seen by
    the next interaction rather than after the once-a-second look."""
    return {"ATLAS_DATA_DIR": str(data), "ATLAS_DATA_LOOK_SECONDS": "0"}


def heading(page) -> str:
    return page.get_by_role("heading", level=3).first.inner_text()


def test_a_restarted_server_keeps_the_readers_first_change(browser):
    """Kill and restart the server under an open page: it reconnects, keeps its view, and
    the first change after that is not dropped (the browser's widgets win over the URL)."""
    port = free_port()
    context, page = new_page(browser)
    with streamlit_server(port=port) as url:
        page.goto(f"{url}/?org=CSTO&date=2012-07-01")
        wait_for_app(page)
        wait_for_layer(map_frame(page), "CSTO|2012-07-01")
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           state="detached", timeout=30_000)  # fmt: skip
    with streamlit_server(port=port):
        wait_for_app(page)  # reconnected by itself, no reload
        assert heading(page) == "Collective Security Treaty Organization on 1 July 2012"
        set_date(page, "2009-08-18")
        page.get_by_role("heading", level=3).first.click()
        page.wait_for_url(re.compile(r"date=2009-08-18"))
        wait_for_app(page)
        wait_for_layer(map_frame(page), "CSTO|2009-08-18")  # the change was kept, the org too
        assert heading(page) == "Collective Security Treaty Organization on 18 August 2009"
        assert "org=CSTO" in page.url
    check_page(page)
    context.close()


def test_a_file_broken_while_the_server_runs(browser, data_copy):
    """Open pages keep the last good data (and say so); a new page gets the validation
    message, then both recover without a reload once the file is fixed."""
    path = data_copy / "memberships.csv"
    good = path.read_bytes()
    with streamlit_server(env=looking_at(data_copy)) as url:
        context, open_page = new_page(browser)
        open_page.goto(f"{url}/?org=CIS&date=2009-08-17")
        wait_for_app(open_page)
        wait_for_layer(map_frame(open_page), "CIS|2009-08-17")
        path.write_bytes(good[: len(good) // 2])  # a half-written file (seen on the next run)
        set_date(open_page, "2009-08-18")
        open_page.get_by_role("heading", level=3).first.click()
        wait_for_layer(map_frame(open_page), "CIS|2009-08-18")  # still drawing, last good data
        assert "last good data" in open_page.locator("[data-testid='stAlert']").first.inner_text()
        fresh = context.new_page()
        fresh.goto(url)
        wait_for_app(fresh)
        fresh.wait_for_selector("[data-testid='stCode']")
        text = fresh.locator("[data-testid='stMain']").inner_text()
        assert "did not pass validation" in text and "data/memberships.csv" in text
        assert "Traceback" not in text and fresh.locator("iframe[title*='st_folium']").count() == 0
        path.write_bytes(good)
        wait_for_layer(map_frame(fresh), f"CIS|{time.strftime('%Y-%m-%d')}")  # no reload
        set_date(open_page, "2010-01-01")
        open_page.get_by_role("heading", level=3).first.click()
        wait_for_layer(map_frame(open_page), "CIS|2010-01-01")
        assert open_page.locator("[data-testid='stAlert']").count() == 0
        context.close()


def server_rss_mb(port: int) -> float:
    return bench_load.rss_mb(bench_load.streamlit_pids(f"http://127.0.0.1:{port}"))


def test_touching_a_data_file_again_and_again_does_not_pile_up_memory(data_copy):
    """Each new modification time used to keep a whole dataset alive (40 touches: +65 MB)."""
    path = data_copy / "memberships.csv"
    port = free_port()
    with streamlit_server(env=looking_at(data_copy), port=port) as url:
        run_wave(url, 3, seed=1, changes=0)
        before = server_rss_mb(port)
        for i in range(40):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\n", "\n", 1) if i % 2 else text, encoding="utf-8")
            readers = run_wave(url, 1, seed=i, changes=0)
            assert not readers[0].errors, readers[0].errors
        grown = server_rss_mb(port) - before
    assert grown < 20, f"{grown:.0f} MB more after 40 touches"


def unprivileged(repo: Path) -> tuple[str, ...]:
    """Run the server with the checkout read-only and without root's powers: in a private
    mount namespace the copy is remounted read-only, and the server keeps no capability
    (so root's ability to write anywhere is gone too)."""
    mount = f'mount --bind {repo} {repo} && mount -o remount,ro,bind {repo} && exec "$@"'
    drop = ("setpriv", "--bounding-set=-all", "--inh-caps=-all")
    return ("unshare", "--mount", "--propagation", "private", "sh", "-c", mount, "sh", *drop)


def can_unshare() -> bool:
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not can_unshare(), reason="needs mount namespaces (root in CI)")
def test_a_read_only_checkout_starts_and_draws_its_map(browser, tmp_path):
    repo = repo_copy(tmp_path / "atlas")
    home = tmp_path / "home"
    home.mkdir()
    proc = subprocess.run([*unprivileged(repo), "touch", str(repo / "probe")], capture_output=True)
    assert proc.returncode != 0  # the copy really is read-only for the server
    with streamlit_server(repo / "dashboard.py", env={"HOME": str(home)},
                          wrap=unprivileged(repo)) as url:  # fmt: skip
        context, page = new_page(browser)
        for view, key in [("?org=CSTO&date=2012-07-01", "CSTO|2012-07-01"),
                          ("summit?summit=CIS-2022-12-26", "CIS-2022-12-26"),
                          ("overlap?date=2015-06-01", "overlap|2015-06-01|CIS,CSTO,EAEU"),
                          ("changes?from=2008-01-01&to=2010-01-01", "changes|2008-01-01|2010-01-01")]:  # fmt: skip
            page.goto(f"{url}/{view}")
            wait_for_app(page)
            wait_for_layer(map_frame(page), key)
            text = page.locator("[data-testid='stMain']").inner_text()
            assert "PermissionError" not in text and "Traceback" not in text
        check_page(page)
        context.close()
    assert sorted(p.name for p in repo.iterdir()) == sorted(
        p.name for p in repo_copy(tmp_path / "again").iterdir()
    )  # nothing was written into the checkout


def test_a_missing_geometry_file_is_a_clear_error_page(browser, tmp_path):
    repo = repo_copy(tmp_path / "atlas", without=("data/geometry/territories.geojson",))
    with streamlit_server(repo / "dashboard.py") as url:
        page = browser.new_page()
        page.goto(url)
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stCode']")
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "cannot be read" in text
        assert (
            "data/geometry/territories.geojson: cannot be read (No such file or directory)" in text
        )
        assert "Traceback" not in text and str(repo) not in text
        assert page.locator("iframe[title*='st_folium']").count() == 0
        page.close()


@pytest.mark.skipif(not can_unshare(), reason="needs mount namespaces (root in CI)")
def test_an_unreadable_data_folder_is_a_permissions_error(browser, tmp_path):
    repo = repo_copy(tmp_path / "atlas")
    (repo / "data" / "summits.csv").chmod(0o000)
    with streamlit_server(repo / "dashboard.py", wrap=unprivileged(repo)) as url:
        page = browser.new_page()
        page.goto(url)
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stCode']")
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "cannot be read" in text and "validation" not in text
        assert "data/summits.csv: cannot be read (Permission denied)" in text
        assert str(repo) not in text
        page.close()


def test_a_costly_link_does_not_stall_other_readers(tmp_path):
    """orgs=CIS, repeated 25,000 times once took 37 s of server CPU; now it is refused fast.

    Measured in the server's CPU seconds, which a busy machine does not inflate."""
    hostile = "view=overlap&date=2015-06-01&orgs=" + "CIS," * 25_000
    with streamlit_server() as url:
        run_wave(url, 1, seed=3, changes=0)  # caches warm: what follows is the link's own cost
        pids = bench_load.streamlit_pids(url)
        before = bench_load.cpu_seconds(pids)
        readers = run_wave(url, 1, seed=1, changes=0, link=hostile)
        assert not readers[0].errors
        assert bench_load.cpu_seconds(pids) - before < 2
        others = run_wave(url, 5, seed=2, changes=0)
        assert [e for r in others for e in r.errors] == []
