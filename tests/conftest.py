"""Shared fixtures: the real dataset, a writable copy of data/ to break on purpose, and for
the browser tests one real server, Debian's Chromium, and a page that fails on any request
off the machine or any script dialog."""

import shutil
from pathlib import Path

import pytest

from geo.load import load_dataset
from geo.paths import DATA_DIR

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="session")
def ds():
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ (descriptor, CSVs, licence and the shapes) that a test may edit."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


@pytest.fixture(scope="session")
def server():
    from browser import streamlit_server

    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser, width=1400, height=1000, **options):
    """A fresh page that records every request and every script dialog."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    pg = context.new_page()
    pg.requests, pg.dialogs = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    return context, pg


def check_page(pg) -> None:
    from browser import is_local

    offsite = [u for u in pg.requests if not is_local(u)]
    assert offsite == [], f"requests left the machine: {offsite}"
    assert pg.dialogs == [], f"a script ran from the URL: {pg.dialogs}"


@pytest.fixture
def page(browser):
    context, pg = new_page(browser)
    yield pg
    check_page(pg)
    context.close()


@pytest.fixture
def phone(browser):
    """A 390 × 844 phone screen (touch, mobile user agent)."""
    context, pg = new_page(browser, 390, 844, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield pg
    check_page(pg)
    context.close()
