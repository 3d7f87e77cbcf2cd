"""Watch files → Activities (SI units, UTC), load metrics and running-dynamics summaries.

Public entry points: ``import_paths`` (many files, folders, archives, exports), ``read_bytes``
(one file's bytes), the ``Activity`` value object and the ``IngestError`` hierarchy.
"""

from footfix.ingest.activity import Activity, Samples
from footfix.ingest.errors import CorruptFile, IngestError, NotAnActivity, UnsupportedFormat
from footfix.ingest.importer import ImportReport, Skipped, import_paths
from footfix.ingest.reader import read_bytes

__all__ = [
    "Activity",
    "CorruptFile",
    "ImportReport",
    "IngestError",
    "NotAnActivity",
    "Samples",
    "Skipped",
    "UnsupportedFormat",
    "import_paths",
    "read_bytes",
]
