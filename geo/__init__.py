"""Reference atlas of post-Soviet blocs: data, validation, status logic, geometry, maps.

Nothing in this package imports streamlit; the app in ``dashboard.py`` wraps it.
"""
