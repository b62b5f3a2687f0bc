"""The Streamlit side of the atlas: one module per page, and the pieces they share.

``dashboard.py`` lists the pages; each page reads its widgets and calls ``geo``. The
``st.cache_*`` wrappers live in ``app.cache``; nothing here keeps per-reader state in a
module global (every reader's session runs in the same process).
"""
