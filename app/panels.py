"""What every page offers besides its content: Share (link and embed code), About these
data, and the credit line an embedded view carries.

Share and About open as dialogs: their text is sent when a reader opens one, not with
every rerun (a popover's content travels with each change of date, read or not)."""

from __future__ import annotations

import html
from urllib.parse import urlencode, urlsplit

import streamlit as st

from app.session import Run
from geo import views
from geo import vocabulary as vocab

TITLE = "Atlas of post-Soviet blocs"


def credit(run: Run) -> str:
    return run._("{title} · data CC BY 4.0, each fact with its source · map: Natural Earth").format(
        title=run._(TITLE)
    )


def page_link(path: str, query: dict, embed: bool = False) -> str:
    """The absolute link of exactly this view (st.context.url is the reader's address)."""
    base = urlsplit(st.context.url or "")
    root = f"{base.scheme}://{base.netloc}" if base.netloc else ""
    prefix = base.path.rsplit("/", 1)[0] if base.path.count("/") > 1 else ""
    params = {**query, **({"embed": "true"} if embed else {})}
    return f"{root}{prefix}/{path}" + (f"?{urlencode(params)}" if params else "")


def share(run: Run, path: str, query: dict, where=st) -> None:
    """A Share button opening the link of this view and an embed code with its credit line."""
    if where.button(run._("Share"), icon=":material/share:", key="share"):
        st.dialog(run._("Share"), width="medium")(share_body)(run, path, query)


def share_body(run: Run, path: str, query: dict) -> None:
    st.markdown(run._("Link to exactly this view"))
    st.code(page_link(path, query), language=None, wrap_lines=True)
    src = html.escape(page_link(path, query, embed=True), quote=True)
    title = html.escape(run._(TITLE), quote=True)
    embed = (
        # the credit line and the link back are inside the view: no second credit here
        f'<iframe src="{src}" title="{title}" width="100%" height="720" '
        f'style="border:0" loading="lazy" allowfullscreen></iframe>'
    )
    st.markdown(run._("Embed code"))
    st.code(embed, language="html", wrap_lines=True)
    picture = picture_embed(run, path, query)
    if picture:
        st.markdown(run._("Picture embed (no script, no live session; links to this view)"))
        st.code(picture, language="html", wrap_lines=True)


MAP_PAGES = ("", "summit")


def picture_embed(run: Run, path: str, query: dict) -> str | None:
    """An ``<img>`` of this map at its stable address, linked to the live view, with alt
    text saying what it shows: an article's readers need no session and no script."""
    if path not in MAP_PAGES:
        return None
    ds, labels = run.ds, run.labels
    view = views.parse(ds, query)
    drawn = views.drawn(ds, view, labels)
    alt = f"{views.heading(ds, view, labels)}. {views.summary(ds, view, labels, drawn)}"
    link = page_link(path, query)
    source = page_link("api/v1/map.svg", query)
    esc = html.escape
    return (
        f'<a href="{esc(link, quote=True)}"><img src="{esc(source, quote=True)}" '
        f'alt="{esc(alt, quote=True)}" width="1000" style="max-width:100%;height:auto" '
        f'loading="lazy"></a>\n<p><a href="{esc(link, quote=True)}">{esc(run._(TITLE))}</a>'
        " (CC BY 4.0) · Natural Earth</p>"
    )


def about(run: Run, where=st) -> None:
    """What the statuses, presences and situations mean; borders, licence, citation."""
    _ = run._
    statuses = [(vocab.STATUS[k], v) for k, v in vocab.STATUS_MEANING.items()]
    presences = [(vocab.PRESENCE[k], v) for k, v in vocab.PRESENCE_MEANING.items()]
    situations = [(vocab.SITUATION[k], v) for k, v in vocab.SITUATION_MEANING.items()]
    borders, licence = _("Borders and contested territories"), _("Licence and citation")
    current = _("How current")
    parts = [
        glossary(_("Statuses"), statuses, _),
        glossary(_("Presence at a summit"), [*presences, (GUEST, GUEST_MEANING)], _),
        f"{bold(borders)}\n\n{_(BORDERS)}",
        glossary("", situations, _),
        f"{bold(current)}\n\n" + newest(run),
        f"{bold(licence)}\n\n"
        + _(LICENCE).format(
            version=run.ds.version,
            updated=run.labels.day(run.ds.updated),
            citation="api/v1/citation.cff",
            changelog="api/v1/changelog.md",
            package="api/v1/package.zip",
        ),
    ]
    if where.button(_("About these data"), icon=":material/info:", key="about"):
        st.dialog(_("About these data"), width="large")(st.markdown)("\n\n".join(parts))


def newest(run: Run) -> str:
    """'The newest session in the data: CIS 22 December 2025; CSTO …' (what the data reach)."""
    days = run.ds.summit_days
    listed = "; ".join(
        f"{run.labels.org(org)} {run.labels.day(days[org][-1][0])}"
        for org in run.ds.org_ids()
        if days.get(org)
    )
    return run._("The newest session of each organisation in the data: {listed}.").format(
        listed=listed
    )


def bold(text: str) -> str:
    return f"**{text}**"


def glossary(title: str, terms: list[tuple[str, str]], _) -> str:
    """A titled Markdown list of terms and what they mean, both translated here."""
    items = "\n".join(f"- {bold(_(term))}: {_(meaning)}" for term, meaning in terms)
    return f"{bold(title)}\n\n{items}" if title else items


GUEST = vocab.N_("Guest, no status")
GUEST_MEANING = vocab.N_(
    "A state with no status in the organisation that day whose leader or "
    "envoy came on invitation; kept out of members' attendance rates."
)
BORDERS = vocab.N_(
    "Maps show de jure borders by default, as the UN General Assembly recognises them: "
    "Crimea is part of Ukraine, Abkhazia and South Ossetia are part of Georgia, Transnistria "
    "is part of Moldova. Contested territories are hatched over their state on the dates "
    "their situation held. The de facto view colours a territory wholly held by a state "
    "in that state's colour and a breakaway authority in a colour of its own. Areas only "
    "partly held are hatched as whole units: no open dataset carries the line of contact."
)
LICENCE = vocab.N_(
    "Data: CC BY 4.0; code: MIT; boundaries: Natural Earth (public domain). Every row "
    "names the page its fact comes from. Data release {version} of {updated}; cite it as "
    "[CITATION.cff]({citation}) says; what each release changed: [CHANGELOG.md]({changelog}); "
    "the whole package with its codebook: [zip]({package}). Curators' notes are in English."
)
