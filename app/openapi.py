"""The API described as OpenAPI 3.1, built from the same query table the routes serve,
so the description cannot drift from what answers."""

from __future__ import annotations

from functools import lru_cache

from geo import query

KINDS = {  # parameter kind -> JSON schema of its text
    "date": {"type": "string", "format": "date", "example": "2012-07-01"},
    "org": {"type": "string", "example": "CSTO"},
    "orgs": {"type": "string", "example": "CSTO,EAEU"},
    "summit": {"type": "string", "example": "CIS-2022-12-26"},
    "iso3": {"type": "string", "pattern": "^[A-Za-z]{3}$", "example": "ARM"},
    "borders": {"type": "string", "enum": ["de_jure", "de_facto"]},
    "table": {"type": "string", "enum": list(query.DATA_TABLES)},
    "lang": {"type": "string", "enum": ["en", "ru"]},
    "text": {"type": "string", "maxLength": query.MAX_TEXT},
}
ERROR = {
    "description": "a bad parameter, with the command line's message",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"error": {"type": "string"}},
                "required": ["error"],
            }
        }
    },
}


def parameter(p: query.Param) -> dict:
    return {
        "name": p.name,
        "in": "query",
        "required": p.required,
        "description": p.help,
        "schema": KINDS[p.kind],
    }


FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "csv (default) or json; without it the Accept header decides",
    "schema": {"type": "string", "enum": list(query.FORMATS)},
}


def table_path(q: query.Query) -> dict:
    columns = ", ".join(q.columns) if q.columns else "the data table's own columns"
    return {
        "get": {
            "operationId": q.name,
            "summary": q.summary,
            "description": f"Columns: {columns}. Dates are ISO 8601; codes as in the data.",
            "parameters": [*map(parameter, q.params), FORMAT],
            "responses": {
                "200": {
                    "description": "the table",
                    "content": {
                        "text/csv": {"schema": {"type": "string"}},
                        "application/json": {
                            "schema": {"type": "array", "items": {"type": "object"}}
                        },
                    },
                },
                "304": {"description": "not modified (If-None-Match)"},
                "400": ERROR,
                "503": ERROR,
            },
        }
    }


def file_path(operation: str, summary: str, params: list[dict], media: str) -> dict:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {
                    "description": summary,
                    "content": {media: {"schema": {"type": "string", "format": "binary"}}},
                },
                "304": {"description": "not modified (If-None-Match)"},
                "400": ERROR,
                "503": ERROR,
            },
        }
    }


def q(name: str, kind: str, help: str, required: bool = False) -> dict:
    return parameter(query.Param(name, kind, required, help))


@lru_cache(maxsize=1)
def document(version: str) -> dict:
    """The OpenAPI document of ``/api/v1`` (``version``: the data release)."""
    paths = {f"/api/v1/{name}": table_path(qq) for name, qq in query.QUERIES.items()}
    map_params = [
        q("org", "org", "an organisation (with date)"),
        q("date", "date", "the day (with org)"),
        q("summit", "summit", "a summit id, instead of org and date"),
    ]
    paths["/api/v1/export"] = file_path(
        "export",
        "a map as a GIS file: the states with their facts, and its territories or host city",
        [
            *map_params,
            {
                "name": "format",
                "in": "query",
                "required": True,
                "schema": {"type": "string", "enum": list(query.EXPORT_FORMATS)},
            },
        ],
        "application/octet-stream",
    )
    paths["/api/v1/package.zip"] = file_path(
        "package",
        "the whole data package: descriptor, tables, shapes, licence, codebook, citation",
        [],
        "application/zip",
    )
    picture = [
        *map_params,
        q("borders", "borders", "de_jure (default) or de_facto"),
        q("lang", "lang", "en (default) or ru: title, legend and credit"),
    ]
    paths["/api/v1/map.png"] = file_path(
        "map_png",
        "the map as a picture, 1800 × 960, with the download's legend, title and credit",
        picture,
        "image/png",
    )
    paths["/api/v1/citation.cff"] = file_path(
        "citation", "how to cite the data release (Citation File Format)", [], "text/plain"
    )
    paths["/api/v1/changelog.md"] = file_path(
        "changelog", "what each data release added and corrected", [], "text/markdown"
    )
    paths["/api/v1/map.svg"] = file_path(
        "map_svg",
        "the map as an SVG file, with the same legend, title and credit as the PNG",
        picture,
        "image/svg+xml",
    )
    paths["/api/v1/preview.png"] = file_path(
        "preview_png",
        "the map as a link preview picture, 1200 × 630 (Open Graph)",
        picture,
        "image/png",
    )
    paths["/api/v1/status"] = {
        "get": {
            "operationId": "status",
            "summary": "whether the data files on disk are valid now (for readiness probes)",
            "responses": {
                "200": {"description": "valid: the data release and its date"},
                "503": ERROR,
            },
        }
    }
    paths["/api/v1/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "this document",
            "responses": {
                "200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Atlas of post-Soviet blocs: data API",
            "version": version or "0",
            "description": (
                "Read-only. Every table keeps the data's column names and codes; the "
                "same questions as `python -m geo <command>`. Answers carry an ETag and "
                "X-Atlas-Data-Version (the data release)."
            ),
            "license": {"name": "CC BY 4.0 (data)", "identifier": "CC-BY-4.0"},
        },
        "paths": paths,
    }
