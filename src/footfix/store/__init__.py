"""Storage: the only package that imports SQLAlchemy and Alembic.

Nothing happens at import time: engines are built from an explicit :class:`Settings` object by
:func:`footfix.store.engine.open_store`, and migrations run only when asked (or on first open).
"""
