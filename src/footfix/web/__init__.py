"""The web app and REST API: FastAPI, server-rendered Jinja2 pages, the same services as the CLI.

``web/`` only parses a request, calls a service and presents the answer (an import-linter contract
keeps it off the core and the store). :func:`footfix.web.app.create_app` builds the app.
"""
