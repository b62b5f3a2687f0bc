"""What kind of page each source is, by its domain: the project's source policy in code.

- primary: treaty and decision texts (legal databases, the organisations' own sites),
  official transcripts and releases (presidents, governments, ministries), document
  collections;
- press: wire services, newspapers, broadcasters and their archives;
- monitor: think-tank and research monitors (Jamestown, CACI, Carnegie, OSW, ...);
- encyclopedia: encyclopedias and their mirrors, a last resort: such a row's note must
  say why (``LAST_RESORT`` in it);
- other: everything else (blogs, forums, re-posters), to be replaced when found.
Domains in ``NEVER`` are not used at all: aggregators that republish others' items.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

# Aggregators and copying sites that republish others' items (and spam mirrors): the
# original is cited instead. A test fails if any row cites one of these.
NEVER = (
    "news-pravda.com",
    "masress.com",
    "eurosmi.ru",
    "ru24.net",
    "tellerreport.com",
    "freenews-en.tk",
    "siukjm.asia",
    "sitefabrikasi.com",
    "examzify.com",
    "twtext.com",
    "alliansfriheten.se",
    "news.windowstorussia.com",
    "analitika.at.ua",
    "court-info.ru",
    "energia.gr",
)
LAST_RESORT = "Last resort:"
KINDS = ("primary", "press", "monitor", "encyclopedia", "other")

ENCYCLOPEDIA = re.compile(
    r"wiki|kiwix|ipfs|liquisearch|worddisk|nearbywiki|richxsearch|eudic|encyclo|piglix|"
    r"universalis|britannica|academic\.ru|dbpedia|alchetron|infogalactic|wikiwand"
)
PRIMARY = (
    "kremlin.ru",
    "gov.",
    ".gov",
    "mfa.",
    "mid.ru",
    "president.",
    "prezident.",
    "akorda.kz",
    "primeminister.am",
    "e-cis.info",
    "cis.minsk.by",
    "odkb-csto.org",
    "odkb.gov.ru",
    "eaeunion.org",
    "eurasiancommission.org",
    "evrazes.com",
    "sectsco.org",
    "scosummit2013.org",
    "infoshos.ru",
    "guam-organization.org",
    "turkicstates.org",
    "nato.int",
    "europa.eu",
    "un.org",
    "cis-legislation.com",
    "cntd.ru",
    "kodeks.ru",
    "spinform.ru",
    "garant.ru",
    "pravo.by",
    "zan.kz",
    "iacis.ru",
    "prlib.ru",
    "aliyevheritage.org",
    "aliyev-heritage.org",
    "worldjpn.net",
    "peaceagreements.org",
    "nkrusa.org",
    "gospmr.org",
    "rsogov.org",
    "tdh.gov.tm",
    "dkb.gov.ru",
    "echr.coe.int",
    "osce.org",
    "uzbekistan.org",
    "azconsulateistanbul.org.tr",
    "data.minsk.by",
    "vnk.fi",
    "azerbaijan.az",
    "nbu.uz",
    "arlis.am",
    "ealegislation.com",
)
MONITOR = (
    "jamestown.org",
    "cacianalyst.org",
    "carnegie",
    "osw.waw.pl",
    "crisisgroup.org",
    "commonspace.eu",
    "caucasuswatch.de",
    "understandingwar.org",
    "chathamhouse.org",
    "eurasia-rivista.com",
    "harvard-bssp.org",
    "cfr.org",
)
PRESS = (
    "tass.",
    "ria.ru",
    "interfax",
    "rferl.org",
    "pangea-cms.com",
    "azatutyun.am",
    "svaboda.org",
    "radiosvoboda.org",
    "ozodi.org",
    "reuters.com",
    "apnews.com",
    "latimes.com",
    "chicagotribune.com",
    "baltimoresun.com",
    "csmonitor.com",
    "independent.co.uk",
    "irishtimes.com",
    "deseret.com",
    "nytimes.com",
    "washingtonpost.com",
    "bbc.",
    "voanews.com",
    "france24.com",
    "dw.com",
    "kommersant.ru",
    "vedomosti.ru",
    "ng.ru",
    "newizv.ru",
    "vremya.ru",
    "iz.ru",
    "lenta.ru",
    "gazeta.ru",
    "fontanka.ru",
    "regnum.ru",
    "rbc.",
    "news.am",
    "armenpress.am",
    "arka.am",
    "asbarez.com",
    "mirrorspectator.com",
    "times.am",
    "aravot.am",
    "mediamax.am",
    "armradio.am",
    "newsinfo.am",
    "panarmenian.net",
    "news.armenia.ru",
    "azertag.az",
    "trend.az",
    "report.az",
    "news.az",
    "today.az",
    "apa.az",
    "azernews.az",
    "1news.az",
    "aze.az",
    "azvision.az",
    "7news.az",
    "inform.kz",
    "qazinform.com",
    "astanatimes.com",
    "kursiv.kz",
    "vlast.kz",
    "zakon.kz",
    "24.kz",
    "silkwaytv.kz",
    "gazeta.kz",
    "baq.kz",
    "aqparat.info",
    "zonakz.net",
    "kazworld.info",
    "forum-astana.org",
    "24.kg",
    "kabar.kg",
    "for.kg",
    "kaktus.media",
    "akipress",
    "asiaplustj.info",
    "asiaplus.news",
    "khovar.tj",
    "tjinform.com",
    "news.tj",
    "uzdaily.uz",
    "uza.uz",
    "daryo.uz",
    "gazeta.uz",
    "kun.uz",
    "yuz.uz",
    "turkmenistan.ru",
    "newscentralasia.net",
    "business.com.tm",
    "zamanturkmenistan.com.tm",
    "gundogar-news.com",
    "fergananews.com",
    "belta.by",
    "telegraf.by",
    "naviny.by",
    "belsat.eu",
    "euroradio.fm",
    "newsbel.by",
    "ont.by",
    "news.by",
    "sputnik",
    "rt.com",
    "rt.rs",
    "rbth.com",
    "tvc.ru",
    "ntv.ru",
    "vesti.",
    "zn.ua",
    "gazeta.ua",
    "korrespondent.net",
    "lb.ua",
    "kyivpost.com",
    "kyivindependent.com",
    "day.kyiv.ua",
    "eurointegration.com.ua",
    "novosti.ua",
    "golos.ua",
    "civil.ge",
    "agenda.ge",
    "jam-news.net",
    "kavkaz-uzel",
    "dailysabah.com",
    "aa.com.tr",
    "trt.",
    "anews.com.tr",
    "china.org.cn",
    "chinadaily.com.cn",
    "eastday.com",
    "chinagate.cn",
    "shine.cn",
    "islamabadpost.com.pk",
    "dnanews.com.pk",
    "khaama.com",
    "dp.ru",
    "stoletie.ru",
    "vestikavkaza",
    "vestnikkavkaza",
    "bulgarianewsagency.com",
    "asianews.it",
    "oananews.org",
    "friends-partners.org",
    "eadaily.com",
    "newsru.co.il",
    "kalingatv.com",
    "abcnyheter.no",
    "delfi.lt",
    "zdg.md",
    "moldova.org",
    "actualitati.md",
    "e-democracy.md",
    "radioorhei.info",
    "mondaq.com",
    "arguments",
    "argumenti.ru",
    "srgazeta.ru",
    "inforos.ru",
    "moscow-post.com",
    "business-gazeta.ru",
    "66.ru",
    "ekburg.ru",
    "360.ru",
    "tsargrad.tv",
    "profile.ru",
    "thediplomaticinsight.com",
    "pakistanintheworld.com",
    "thekashmirnews.com",
    "horizonweekly.ca",
    "rave.ca",
    "agefi.com",
    "elvisti.com",
    "mars.novosti-n.info",
    "novosti-n.org",
    "babel.ua",
    "ukranews.com",
    "korrespondent",
    "crimea.ria.ru",
    "dailyasianage.com",
    "azernews",
    "anews",
    "kyivindependent",
    "thedailybeast.com",
    "nationalia.info",
    "themoscowtimes.com",
    "opendemocracy.net",
    "lexcovery.com",
    "docslib.org",
    "rian.ru",
    "rg.ru",
    "vz.ru",
    "nrc.nl",
    "kitsapsun.com",
    "globaltimes.cn",
    "money.pl",
    "obozrevatel.com",
    "gazetaby.com",
    "xalqqazeti.com",
    "pakobserver.net",
    "ppinewsagency.com",
    "afn.by",
    "eesti.ca",
    "grodno24.com",
    "elaph.com",
)


def domain(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return re.sub(r"^(www\d?|m|amp)\.", "", host).rstrip(".")


def matches(host: str, patterns) -> bool:
    return any(p in host for p in patterns)


def kind(url: str) -> str:
    """The kind of page a source URL points at (see the module docstring)."""
    host = domain(url)
    if ENCYCLOPEDIA.search(host):
        return "encyclopedia"
    if matches(host, PRIMARY):
        return "primary"
    if matches(host, MONITOR):
        return "monitor"
    if matches(host, PRESS):
        return "press"
    return "other"


def never_used(url: str) -> bool:
    host = domain(url)
    return any(host == d or host.endswith("." + d) for d in NEVER)


SOURCED = {  # table -> its source columns
    "organisations": ("source_url", "names_source_url"),
    "memberships": ("source_url",),
    "summits": ("source_url",),
    "attendance": ("source_url",),
    "cities": ("source_url", "name_ru_source_url"),
    "territories": ("source_url",),
}


def cited(ds):
    """(table, row index, column, url) for every source the data cites."""
    for table, columns in SOURCED.items():
        frame = getattr(ds, table)
        for column in columns:
            for i, url in zip(frame.index, frame[column]):
                if url:
                    yield table, i, column, url


def kinds_count(ds) -> Counter:
    return Counter(kind(url) for *_, url in cited(ds))
