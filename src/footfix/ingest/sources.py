"""What the user pointed at → a flat list of inputs to read.

A path may be a file, a folder, a zip (a Garmin Connect export nests zips inside a zip) or a
Strava bulk export (``activities.csv`` next to ``activities/``, as a folder or a zip). Each input
knows how to fetch its bytes, so worker processes read the files themselves instead of receiving
them through a pipe. Strava's CSV gives the shoe (``Activity Gear``) and type for each file.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from footfix.ingest.errors import CorruptFile, IngestError
from footfix.ingest.sniff import detect_format

# names inside archives that are never activities: the exports' own metadata and media
_ARCHIVE_NOISE = (".json", ".csv", ".txt", ".html", ".jpg", ".jpeg", ".png", ".mp4")
_STRAVA_TYPES = {
    "run": "running",
    "trail run": "running",
    "virtual run": "running",
    "ride": "cycling",
    "walk": "walking",
    "hike": "hiking",
    "swim": "swimming",
}


@dataclass(frozen=True, slots=True)
class Input:
    name: str  # shown to the user: the path, or "archive.zip!member"
    path: Path
    member: str | None = None  # a member of the zip at ``path``
    data: bytes | None = None  # already in memory (a member of a nested zip)
    gear: str | None = None
    sport_hint: str | None = None

    def read(self) -> bytes:
        """The file's bytes, gzip removed (possibly several layers, as in ``.fit.gz``)."""
        try:
            if self.data is not None:
                raw = self.data
            elif self.member is not None:
                with zipfile.ZipFile(self.path) as archive:
                    raw = archive.read(self.member)
            else:
                raw = self.path.read_bytes()
            while detect_format(raw[:16]) == "gzip":
                raw = gzip.decompress(raw)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as err:
            raise CorruptFile(self.name, f"could not be read or unpacked ({err})") from err
        return raw


def _strava_index(csv_text: str) -> dict[str, tuple[str | None, str | None]]:
    """Strava's activities.csv: file name → (gear, sport)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for row in csv.DictReader(io.StringIO(csv_text)):
        filename = (row.get("Filename") or "").strip()
        if filename:
            gear = (row.get("Activity Gear") or "").strip() or None
            sport = _STRAVA_TYPES.get((row.get("Activity Type") or "").strip().lower())
            out[filename.lstrip("/")] = (gear, sport)
    return out


def _from_zip(path: Path, data: bytes | None, label: str, depth: int) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except zipfile.BadZipFile as err:
        raise CorruptFile(label, f"not a readable zip archive ({err})") from err
    with archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        csv_name = next((n for n in names if n.rsplit("/", 1)[-1] == "activities.csv"), None)
        index = _strava_index(archive.read(csv_name).decode("utf-8", "replace")) if csv_name else {}
        prefix = csv_name.rsplit("activities.csv", 1)[0] if csv_name else ""
        for name in names:
            if name.lower().endswith(_ARCHIVE_NOISE) or "/." in f"/{name}":
                continue
            gear, sport = index.get(name[len(prefix) :], (None, None))
            member_label = f"{label}!{name}"
            head = archive.open(name).read(16)
            if detect_format(head) == "zip" and depth < 3:
                yield from _from_zip(path, archive.read(name), member_label, depth + 1)
            elif data is not None:
                yield Input(
                    member_label, path, data=archive.read(name), gear=gear, sport_hint=sport
                )
            else:
                yield Input(member_label, path, member=name, gear=gear, sport_hint=sport)


def _from_folder(folder: Path) -> Iterator[Input]:
    csv_path = folder / "activities.csv"
    index = _strava_index(csv_path.read_text("utf-8", "replace")) if csv_path.is_file() else {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if index and not relative.startswith("activities/"):
            continue  # the rest of a Strava export is profile data, not activities
        gear, sport = index.get(relative, (None, None))
        yield from _from_file(path, gear, sport)


def _from_file(path: Path, gear: str | None = None, sport: str | None = None) -> Iterator[Input]:
    with path.open("rb") as handle:
        head = handle.read(16)
    if detect_format(head) == "zip":
        yield from _from_zip(path, None, str(path), 0)
    else:
        yield Input(str(path), path, gear=gear, sport_hint=sport)


def expand_paths(paths: list[Path]) -> tuple[list[Input], list[IngestError]]:
    """Every input under the paths, and the paths that could not even be listed."""
    inputs: list[Input] = []
    problems: list[IngestError] = []
    for path in paths:
        try:
            if path.is_dir():
                inputs.extend(_from_folder(path))
            elif path.is_file():
                inputs.extend(_from_file(path))
            else:
                problems.append(IngestError(str(path), "no such file or folder"))
        except IngestError as err:
            problems.append(err)
        except (OSError, zipfile.BadZipFile, UnicodeError, csv.Error) as err:
            problems.append(CorruptFile(str(path), f"could not be read ({err})"))
    return inputs, problems
