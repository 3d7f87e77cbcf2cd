"""Printable reports of an assessment (Markdown now; HTML and PDF share its content)."""
