"""How much outside input footfix will unpack or parse: one typed settings object.

Every file a runner (or, later, a stranger through the web app) hands over is bounded here, so a
decompression bomb, a nested archive or a YAML alias bomb becomes a clear refusal of that one
file instead of exhausting memory. The figures are stated in ``docs/watch-data.md`` and
``docs/limits.md``; callers pass a ``Limits`` to change them (tests use small ones).
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # one watch file once unpacked: a 24-hour GPX at one point a second is about 20 MiB
    file_max_bytes: int = 64 * MIB
    # everything unpacked from one archive (a Garmin Connect export of 10 years is ~2 GiB)
    archive_max_total_bytes: int = 4096 * MIB
    # unpacked / packed size of one member or gzip stream; checked once past ``ratio_from_bytes``
    max_ratio: float = 100.0
    ratio_from_bytes: int = 1 * MIB
    # a zip inside a zip is held in memory while its members are listed (Garmin's parts are
    # a few hundred MiB each)
    nested_zip_max_bytes: int = 1024 * MIB
    archive_max_members: int = 100_000
    archive_max_depth: int = 3  # a zip inside a zip inside a zip (Garmin nests one level)
    gzip_max_layers: int = 3
    # case files and export documents
    case_max_bytes: int = 2_000_000
    yaml_max_aliases: int = 100
    document_max_depth: int = 40
    export_max_bytes: int = 64 * MIB
    text_max_chars: int = 20_000  # any one string in a case or an export document


DEFAULT_LIMITS = Limits()
