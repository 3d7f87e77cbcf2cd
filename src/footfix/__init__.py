"""footfix: whole-body assessment, plan and tracking for runners with plantar foot pain.

Data flow: intake -> findings -> reasoning -> planning -> tracking. Sources (watch files,
stride video) feed the intake as evidence; interfaces (CLI, web, API, reports) sit on top.
"""

__version__ = "0.1.0"
