"""Red flags first, then the tissue differential, root causes with side, phase and unknowns."""
