"""Shared fixtures: the real dataset, and a writable copy of data/ to break on purpose."""

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
    """A copy of data/ (CSVs and descriptor) that a test may edit."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA_DIR.glob("*.*"):
        shutil.copy(path, target / path.name)
    return target
