"""Atlas of post-Soviet blocs: the page, the language and the navigation; pages do the rest.

``streamlit run dashboard.py`` imports this file to find ``app`` (the server, with the
API and the compressed static files of ``app.server``), then runs it as ``__main__``
for every reader: that run draws the page.
"""

import time
from datetime import date

import streamlit as st

# The site's own icon (app.icon): named, it travels as a few bytes; left out, Streamlit
# would fetch the first page's Material icon from Google. Relative: any base path works.
FAVICON = "./favicon.png"


def choose_language() -> str:
    """English or Russian: the link's ?lang=, else the browser's language; switchable anywhere."""
    url_lang = urlstate.first(session.params(), "lang")
    if session.history_navigation() and url_lang in i18n.LANGUAGES:
        st.session_state["lang"] = url_lang
    start = i18n.pick_language(url_lang, st.context.locale)
    if url_lang is not None and url_lang not in i18n.LANGUAGES and "lang" not in st.session_state:
        st.session_state["_lang_notice"] = urlstate.Notice("lang", url_lang, "unknown", start)
    if st.context.is_embedded:
        return st.session_state.get("lang", start)
    label = i18n.translation(st.session_state.get("lang", start)).gettext("Language")
    return (
        st.sidebar.segmented_control(
            label,
            list(i18n.LANGUAGES),
            default=start,
            key="lang",
            format_func=i18n.LANGUAGES.get,
            label_visibility="collapsed",
        )
        or start
    )


# The page's pickers, in a row under its heading; on a phone they stack (app.shell).
CONTROLS = {
    "horizontal": True,
    "gap": "medium",
    "vertical_alignment": "bottom",
    "key": "atlas-controls",
}


def follow_links(pages: dict) -> None:
    """An old link (?view=summit&…) opens the page it means."""
    view = urlstate.first(session.params(), "view")
    if view in pages and view != "membership":
        rest = {k: v[0] for k, v in session.params().items() if k != "view" and v}
        st.switch_page(pages[view], query_params=rest)


def main() -> None:
    started = time.perf_counter()
    st.set_page_config(page_icon=FAVICON, layout="wide")
    place = None if st.context.is_embedded else st.sidebar.container()  # the menu, filled later
    lang = choose_language()
    st.set_page_config(page_title=i18n.translation(lang).gettext("Atlas of post-Soviet blocs"))
    key, ds, problem = session.data()
    if ds is None:
        errors.page(problem, lang)
        return
    embed = bool(st.context.is_embedded)
    head = None if embed else st.container()
    controls = None if embed else st.container(**CONTROLS)
    run = session.Run(
        key, ds, cache.words(key, ds, lang), date.today(), embed, problem, head, controls
    )
    pages = menu.listing(run)
    nav = st.navigation(list(pages.values()), position="hidden")
    follow_links(pages)
    nav.run()
    if not run.embed:
        menu.draw(place, pages, run)
    session.log_timing(started)


if __name__ == "__main__":  # the pages' modules load here, inside the running server
    from app import cache, errors, menu, session
    from geo import i18n, urlstate

    main()
else:
    from app import server

    app = st.App(
        "dashboard.py",
        routes=server.routes(),
        middleware=server.middleware(),
        lifespan=server.lifespan,
    )
