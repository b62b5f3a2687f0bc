"""A data release is one version everywhere, every column is described, and the zipped
package carries its codebook, citation, licence and changelog."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from datetime import date

import pytest

from geo import codebook, export, release
from geo.load import load_dataset
from geo.paths import DATA_DIR, ROOT
from geo.validate import DataError


def descriptor() -> dict:
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_the_citation_and_the_descriptor_name_the_same_release():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert release.citation_version(cff) == descriptor()["version"]
    released = re.search(r"^date-released: (\S+)$", cff, re.M).group(1)
    assert released == descriptor()["created"][:10]


def test_the_changelog_has_the_current_release():
    log = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {descriptor()['version']} (" in log


def test_every_column_and_table_is_described():
    for res in descriptor()["resources"]:
        assert res.get("description"), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{res['name']}.{field['name']}"


def test_the_description_check_can_fail():
    broken = descriptor()
    del broken["resources"][0]["schema"]["fields"][0]["description"]
    undescribed = [
        f["name"]
        for r in broken["resources"]
        for f in r["schema"]["fields"]
        if not f.get("description")
    ]
    assert undescribed == ["id"]


def test_the_codebook_lists_every_column_with_its_values():
    book = codebook.render((DATA_DIR / "datapackage.json").read_bytes())
    for res in descriptor()["resources"]:
        assert f"## {res['name']} (`{res['path']}`)" in book
        for field in res["schema"]["fields"]:
            assert f"| `{field['name']}` |" in book
    assert "`leader_online`" in book and "`breakaway_recognised_by_russia`" in book


def test_the_package_zip_carries_its_codebook_citation_licence_and_changelog(ds):
    with zipfile.ZipFile(io.BytesIO(export.package_zip(ds))) as z:
        names = {n.split("/", 1)[1] for n in z.namelist()}
        assert {"README.md", "CITATION.cff", "LICENSE.md", "CHANGELOG.md"} <= names
        assert {"geometry/region.geojson", "geometry/territories.geojson"} <= names
        licence = z.read("post-soviet-blocs/LICENSE.md").decode("utf-8")
    for named in re.findall(r"`([\w/.]+\.(?:geojson|cff|csv))`", licence):
        assert any(n.endswith(named.removeprefix("*")) for n in names), named


@pytest.fixture
def release_copy(tmp_path):
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    citation = tmp_path / "CITATION.cff"
    shutil.copy(ROOT / "CITATION.cff", citation)
    return data, citation


def test_a_release_sets_its_version_in_the_three_places(release_copy):
    data, citation = release_copy
    current = json.loads((data / "datapackage.json").read_text())["version"]
    major, minor, patch = release.parse(current)
    new = f"{major}.{minor + 1}.0"
    release.release(new, data, citation, today=date(2027, 1, 5))
    written = json.loads((data / "datapackage.json").read_text())
    assert written["version"] == new and written["created"] == "2027-01-05T00:00:00Z"
    assert release.citation_version(citation.read_text()) == new
    assert "date-released: 2027-01-05" in citation.read_text()
    log = (data / "CHANGELOG.md").read_text()
    assert log.index(f"## {new} (2027-01-05)") < log.index(f"## {current} (")
    load_dataset(data)  # still valid


def test_a_release_refuses_an_older_version_or_bad_data(release_copy):
    data, citation = release_copy
    with pytest.raises(release.ReleaseError, match="is not after"):
        release.release("0.0.1", data, citation)
    with pytest.raises(release.ReleaseError, match="is not X.Y.Z"):
        release.release("1.0", data, citation)
    (data / "summits.csv").write_text("broken", encoding="utf-8")
    with pytest.raises(DataError):
        release.release("99.0.0", data, citation)
    assert "99.0.0" not in citation.read_text()  # nothing written


def test_the_about_panel_names_the_same_release():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["org"] = "CSTO"
    at.run()
    at.button(key="about").click().run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    version = descriptor()["version"]
    assert f"Data release {version} of " in text
    assert release.citation_version((ROOT / "CITATION.cff").read_text()) == version
    assert "The newest session of each organisation in the data: CIS " in text
