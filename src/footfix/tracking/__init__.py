"""Recovery tracking: logs → progress, flares, gate decisions and the week's allowance.

Pure: no database, no CLI. The store and the services call into it.
"""
