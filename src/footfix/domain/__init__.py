"""Frozen value objects shared by every layer."""
