"""Load, validate and cross-check the knowledge base (the YAML lives in ``footfix/kb``)."""
