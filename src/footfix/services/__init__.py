"""Use cases that join the store with the pure clinical core; interfaces call these."""
