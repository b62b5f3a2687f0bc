"""The codebook of a data release: what each table holds and what each column means, in
Markdown, made from the descriptor (the one schema), so it can never disagree with it.
The zipped package carries it as its README.
"""

from __future__ import annotations

import json


def constraints(field: dict) -> str:
    rules = field.get("constraints", {})
    parts = []
    if rules.get("required"):
        parts.append("required")
    if rules.get("unique"):
        parts.append("unique")
    if "enum" in rules:
        parts.append("one of: " + ", ".join(f"`{v}`" for v in rules["enum"]))
    if "pattern" in rules:
        parts.append(f"matches `{rules['pattern']}`")
    if "minimum" in rules or "maximum" in rules:
        parts.append(f"from {rules.get('minimum', '…')} to {rules.get('maximum', '…')}")
    return "; ".join(parts)


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def resource(res: dict) -> list[str]:
    schema = res["schema"]
    lines = [f"## {res['name']} (`{res['path']}`)", "", res.get("description", ""), ""]
    lines.append(f"Primary key: {', '.join(f'`{k}`' for k in schema['primaryKey'])}.")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"`{fk['fields'][0]}` refers to `{ref['fields'][0]}` in {ref['resource']}.")
    lines += ["", "| column | type | values | meaning |", "|---|---|---|---|"]
    for field in schema["fields"]:
        lines.append(
            f"| `{field['name']}` | {field['type']} | {cell(constraints(field))} | "
            f"{cell(field.get('description', ''))} |"
        )
    return [*lines, ""]


def render(descriptor_bytes: bytes) -> str:
    """The codebook of the package described by these ``datapackage.json`` bytes."""
    d = json.loads(descriptor_bytes)
    licences = ", ".join(
        f"{lic.get('title', lic['name'])} ({lic.get('path', '')})" for lic in d.get("licenses", [])
    )
    lines = [
        f"# {d.get('title', d['name'])}",
        "",
        d.get("description", ""),
        "",
        f"Release {d.get('version', '')} of {d.get('created', '')[:10]}. Licence: {licences}. "
        "Cite it as CITATION.cff says; what changed in each release is in CHANGELOG.md.",
        "",
        "Dates are ISO 8601 (YYYY-MM-DD). Intervals are half-open: a row holds from `start` "
        "(included) to `end` (excluded); an empty `end` means it still holds. Every row of "
        "facts names the page it was taken from in `source_url`. The shapes are in "
        "`geometry/` (GeoJSON, EPSG:4326).",
        "",
    ]
    for res in d["resources"]:
        lines += resource(res)
    return "\n".join(lines).rstrip() + "\n"
