"""The data in use: where its files are, whether they changed, and the validated dataset
for their content, shared by every session and by the web API's handlers.

No Streamlit cache here: the API reads these outside any script run.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

from geo.load import load_dataset
from geo.paths import DATA_DIR, geometry_files
from geo.validate import DataError, DataUnreadable

SMALL = 64


def data_folder() -> Path:
    """data/, or the working copy ATLAS_DATA_DIR points at (to preview edits)."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or DATA_DIR)


def fingerprint() -> tuple:
    """The data and geometry files with their sizes and modification times, looked at
    at most once a second (an edit shows within a second; reruns skip a dozen stats).

    ``ATLAS_DATA_LOOK_SECONDS=0`` looks on every rerun (for a curator previewing edits,
    and for tests that break files and must not wait for the clock)."""
    every = float(os.environ.get("ATLAS_DATA_LOOK_SECONDS") or 1)
    moment = time.monotonic_ns() if every <= 0 else int(time.monotonic() / every)
    return stat_files(str(data_folder()), moment)


@functools.lru_cache(maxsize=2)
def stat_files(folder_name: str, _second: int) -> tuple:
    folder = Path(folder_name)
    try:
        files = sorted(folder.glob("*.*"))
    except OSError:
        files = []
    stats = []
    for path in [*files, *geometry_files(folder)]:
        try:
            info = path.stat()
            stats.append((str(path), info.st_size, info.st_mtime_ns))
        except OSError:
            stats.append((str(path), -1, -1))
    return (str(folder), *stats)


@functools.lru_cache(maxsize=SMALL)  # a plain tuple key: Streamlit's hasher costs 2 ms here
def content_key(stat: tuple) -> str:
    """A hash of the files' bytes: touching a file without changing it changes nothing."""
    digest = hashlib.sha256()
    for name, *_ in stat[1:]:
        try:
            digest.update(Path(name).read_bytes())
        except OSError:
            digest.update(b"unreadable:" + name.encode())
    return f"{stat[0]}|{digest.hexdigest()[:16]}"


@functools.lru_cache(maxsize=2)
def loaded(key: str):
    """The validated dataset for this content, or the DataError that stopped it.

    Failures are cached too, so a broken file costs one validation, not one per rerun.
    Shared by every session and by the API's handlers (outside any script run).
    """
    try:
        return load_dataset(Path(key.split("|", 1)[0]))
    except DataError as err:
        return err


class LastGood:
    """The process's last valid (key, dataset): what the API serves while the files on
    disk are broken, as open pages keep theirs. Process-wide, not a reader's state."""

    def __init__(self):
        self.pair = None
        self.seen: tuple = ()  # the last files' state whose content is loaded

    def warm(self) -> bool:
        """True when the files are as they were when last loaded: answering from them
        reads nothing and validates nothing (safe on the server's event loop)."""
        return fingerprint() == self.seen

    def serving(self):
        """(key, dataset, problem): the current data, or the last good data and the
        problem that stopped the current files; (None, None, problem) with nothing good
        to fall back on (or files that cannot be read at all)."""
        stat = fingerprint()
        key = content_key(stat)
        found = loaded(key)
        self.seen = stat
        if not isinstance(found, DataError):
            self.pair = (key, found)
            return key, found, None
        if self.pair and not isinstance(found, DataUnreadable):
            return (*self.pair, found)
        return None, None, found


LAST_GOOD = LastGood()
