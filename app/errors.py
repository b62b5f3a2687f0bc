"""The page shown when the data cannot be used: what is wrong, in the reader's language,
and a quiet check every few seconds that brings the atlas back once the files are fixed."""

from __future__ import annotations

import streamlit as st

from app import cache
from geo import i18n
from geo.load import DataUnreadable

RECHECK_SECONDS = 3


def page(problem, lang: str) -> None:
    _ = i18n.translation(lang).gettext
    st.title(_("Atlas of post-Soviet blocs"))  # the same words as the pages' title line
    if isinstance(problem, DataUnreadable):
        st.error(
            _(
                "The data files cannot be read (check that they exist and that the server "
                "may read them), so no map is shown."
            )
        )
    else:
        st.error(_("The data files did not pass validation, so no map is shown."))
    st.code(str(problem), language=None, wrap_lines=True)
    st.caption(_("This page checks again every few seconds and recovers by itself."))
    broken = cache.content_key(cache.fingerprint())
    st.fragment(run_every=RECHECK_SECONDS)(recheck)(broken)


def recheck(broken: str) -> None:
    """Rerun the whole page as soon as the files' content differs from the broken one."""
    if cache.content_key(cache.fingerprint()) != broken:
        st.rerun()
