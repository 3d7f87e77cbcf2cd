"""Storage: the only package that imports SQLAlchemy and Alembic.

Nothing happens at import time. An interface builds one :class:`footfix.store.store.Store` per
process from an explicit :class:`Settings` object and passes it to the services; migrations run
only when asked (``footfix db upgrade``, server start-up) or on first use of a fresh SQLite file.
"""
