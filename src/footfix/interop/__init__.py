"""Interchange formats: FHIR R4B, iCalendar and CSV, as pure mappings from footfix values."""
