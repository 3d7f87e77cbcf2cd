"""What the user pointed at → a stream of inputs to read, each bounded by the limits.

A path may be a file, a folder, a zip (a Garmin Connect export nests zips inside a zip) or a
Strava bulk export (``activities.csv`` next to ``activities/``, as a folder or a zip). Each input
knows how to fetch its bytes: a file or a member of a zip on disk is read by the worker process
that parses it, through one open archive per process (opening the archive again for every
member made large exports quadratic); a member of a nested zip is read once here, as the
nested archive is walked. Strava's CSV gives the shoe (``Activity Gear``) and type of each file.

Every unpacking step is bounded (:class:`footfix.domain.limits.Limits`): the size of one file
once unpacked, the unpacked/packed ratio, everything unpacked from one archive, the number of
members, nesting depth and gzip layers. Passing one refuses that file or member with
:class:`TooLarge`; the rest of the work goes on.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from footfix.domain.limits import DEFAULT_LIMITS, MIB, Limits
from footfix.ingest.errors import CorruptFile, IngestError, TooLarge
from footfix.ingest.sniff import detect_format

# names inside archives that are never activities: the exports' own metadata and media
_ARCHIVE_NOISE = (".json", ".csv", ".txt", ".html", ".jpg", ".jpeg", ".png", ".mp4")
_STRAVA_TYPES = {
    "run": "running",
    "trail run": "running",
    "virtual run": "running",
    "ride": "cycling",
    "virtual ride": "cycling",
    "walk": "walking",
    "hike": "hiking",
    "swim": "swimming",
    "rowing": "rowing",
}


def _mib(n: int) -> str:
    return f"{n / MIB:.0f} MiB"


@dataclass(frozen=True, slots=True)
class Input:
    name: str  # shown to the user: the path, or "archive.zip!member"
    path: Path
    member: str | None = None  # a member of the zip at ``path``
    data: bytes | None = None  # already in memory (a member of a nested zip)
    gear: str | None = None
    sport_hint: str | None = None
    limits: Limits = DEFAULT_LIMITS

    def read(self) -> bytes:
        """The file's bytes, gzip removed (possibly several layers, as in ``.fit.gz``)."""
        try:
            if self.data is not None:
                raw = self.data
            elif self.member is not None:
                archive = _open_archive(self.path)
                raw = read_member(archive, archive.getinfo(self.member), self.name, self.limits)
            else:
                raw = _read_file(self.path, self.name, self.limits)
        except (OSError, EOFError, KeyError, zipfile.BadZipFile, zlib.error) as err:
            raise CorruptFile(self.name, f"could not be read or unpacked ({err})") from err
        return gunzip(raw, self.name, self.limits)


def _read_file(path: Path, label: str, limits: Limits) -> bytes:
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limits.file_max_bytes:
            raise TooLarge(label, f"the file is larger than {_mib(limits.file_max_bytes)}")
        raw = handle.read(size + 1)  # (a read of n bytes reserves n bytes first)
    if len(raw) > limits.file_max_bytes:
        raise TooLarge(label, f"the file is larger than {_mib(limits.file_max_bytes)}")
    return raw


def gunzip(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Remove gzip layers, each bounded in size and ratio; other bytes come back unchanged."""
    layers = 0
    while detect_format(raw[:16]) == "gzip":
        layers += 1
        if layers > limits.gzip_max_layers:
            raise TooLarge(source, f"gzip inside gzip more than {limits.gzip_max_layers} times")
        raw = _inflate(raw, source, limits)
    return raw


def _inflate(raw: bytes, source: str, limits: Limits) -> bytes:
    """Unpack gzip in 1 MiB steps, stopping as soon as the size or the ratio goes too far."""
    out = bytearray()
    rest = raw
    try:
        while rest[:2] == b"\x1f\x8b":  # a gzip file may hold several members back to back
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
            while not inflater.eof:
                piece = inflater.decompress(pending, MIB)
                out += piece
                pending = inflater.unconsumed_tail
                if len(out) > limits.file_max_bytes:
                    raise TooLarge(
                        source,
                        f"the gzip data unpacks to more than {_mib(limits.file_max_bytes)}",
                    )
                _check_ratio(len(out), len(raw) - len(pending), source, limits)
                if not piece and not pending:
                    raise CorruptFile(source, "the gzip data is cut short")
            rest = inflater.unused_data
    except zlib.error as err:
        raise CorruptFile(source, f"the gzip data is damaged ({err})") from err
    return bytes(out)


def _check_ratio(unpacked: int, packed: int, source: str, limits: Limits) -> None:
    if unpacked > limits.ratio_from_bytes and unpacked > limits.max_ratio * max(packed, 1):
        raise TooLarge(
            source,
            f"it unpacks {unpacked / max(packed, 1):.0f} times larger than it is packed "
            f"(at most {limits.max_ratio:.0f}): refused as a likely decompression bomb",
        )


_ARCHIVES: dict[tuple[int, str], zipfile.ZipFile] = {}


def _open_archive(path: Path) -> zipfile.ZipFile:
    """One open archive per process (never shared across a fork: the file offset would be)."""
    key = (os.getpid(), str(path))
    archive = _ARCHIVES.get(key)
    if archive is None:
        if len(_ARCHIVES) >= 8:
            for old in _ARCHIVES.values():
                old.close()
            _ARCHIVES.clear()
        archive = _ARCHIVES[key] = zipfile.ZipFile(path)
    return archive


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits, cap: int = 0
) -> bytes:
    """One member's bytes, refused before unpacking when its sizes pass the limits."""
    cap = cap or limits.file_max_bytes
    if info.file_size > cap:
        raise TooLarge(label, f"it unpacks to {_mib(info.file_size)}, more than {_mib(cap)}")
    _check_ratio(info.file_size, info.compress_size, label, limits)
    with archive.open(info) as handle:  # reads stop at the declared size, checked above
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(label, f"it unpacks to more than {_mib(cap)}")
    return data


def _strava_index(csv_text: str) -> dict[str, tuple[str | None, str | None]]:
    """Strava's activities.csv: file name → (gear, sport)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for row in csv.DictReader(io.StringIO(csv_text)):
        filename = (row.get("Filename") or "").strip()
        if filename:
            gear = (row.get("Activity Gear") or "").strip()[:200] or None
            sport = _STRAVA_TYPES.get((row.get("Activity Type") or "").strip().lower())
            out[filename.lstrip("/")] = (gear, sport)
    return out


@dataclass
class _Budget:
    """What one archive (with the archives inside it) may still unpack."""

    left: int
    refused: bool = field(default=False)


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


Found = Input | IngestError


def _from_zip(
    path: Path,
    data: bytes | None,
    label: str,
    depth: int,
    limits: Limits,
    budget: _Budget,
) -> Iterator[Found]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data)) if data is not None else _open_archive(path)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        yield CorruptFile(label, f"not a readable zip archive ({err})")
        return
    if len(infos) > limits.archive_max_members:
        yield TooLarge(label, f"{len(infos)} members, more than {limits.archive_max_members}")
        return
    names = [i.filename for i in infos]
    csv_info = next((i for i in infos if i.filename.rsplit("/", 1)[-1] == "activities.csv"), None)
    index: dict[str, tuple[str | None, str | None]] = {}
    prefix = ""
    if csv_info is not None:
        try:
            raw_csv = read_member(archive, csv_info, f"{label}!{csv_info.filename}", limits)
            index = _strava_index(raw_csv.decode("utf-8", "replace"))
            prefix = csv_info.filename.rsplit("activities.csv", 1)[0]
        except (IngestError, zipfile.BadZipFile, OSError, zlib.error, csv.Error) as err:
            yield CorruptFile(f"{label}!{csv_info.filename}", f"could not be read ({err})")
    for info, name in zip(infos, names, strict=True):
        member_label = f"{label}!{name}"
        if _unsafe(name):
            yield IngestError(member_label, "a member name that points outside the archive")
            continue
        if name.lower().endswith(_ARCHIVE_NOISE) or "/." in f"/{name}":
            continue
        if budget.refused:
            continue
        gear, sport = index.get(name[len(prefix) :], (None, None))
        try:
            with archive.open(info) as handle:
                head = handle.read(16)
            if detect_format(head) == "zip":
                if depth + 1 >= limits.archive_max_depth:
                    yield TooLarge(member_label, "zips nested too deep to open")
                    continue
                cap = limits.nested_zip_max_bytes
                inner = read_member(archive, info, member_label, limits, cap=cap)
                yield from _from_zip(path, inner, member_label, depth + 1, limits, budget)
                continue
            budget.left -= info.file_size
            if budget.left < 0:
                budget.refused = True
                yield TooLarge(
                    member_label,
                    f"the archive unpacks to more than {_mib(limits.archive_max_total_bytes)} "
                    "in all: this member and the rest of the archive are not read",
                )
            elif data is not None:
                member = read_member(archive, info, member_label, limits)
                yield Input(
                    member_label, path, data=member, gear=gear, sport_hint=sport, limits=limits
                )
            else:
                yield Input(
                    member_label, path, member=name, gear=gear, sport_hint=sport, limits=limits
                )
        except IngestError as err:
            yield err
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as err:
            yield CorruptFile(member_label, f"could not be read or unpacked ({err})")


def _from_folder(folder: Path, limits: Limits) -> Iterator[Found]:
    csv_path = folder / "activities.csv"
    index: dict[str, tuple[str | None, str | None]] = {}
    if csv_path.is_file():
        index = _strava_index(
            _read_file(csv_path, str(csv_path), limits).decode("utf-8", "replace")
        )
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if index and not relative.startswith("activities/"):
            continue  # the rest of a Strava export is profile data, not activities
        gear, sport = index.get(relative, (None, None))
        yield from _from_file(path, limits, gear, sport)


def _from_file(
    path: Path, limits: Limits, gear: str | None = None, sport: str | None = None
) -> Iterator[Found]:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as err:
        yield CorruptFile(str(path), f"could not be read ({err})")
        return
    if detect_format(head) == "zip":
        budget = _Budget(limits.archive_max_total_bytes)
        yield from _from_zip(path, None, str(path), 0, limits, budget)
    else:
        yield Input(str(path), path, gear=gear, sport_hint=sport, limits=limits)


def iter_inputs(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[Found]:
    """Every input under the paths, or the reason a path or member cannot be read, in order."""
    for path in paths:
        try:
            if path.is_dir():
                yield from _from_folder(path, limits)
            elif path.is_file():
                yield from _from_file(path, limits)
            else:
                yield IngestError(str(path), "no such file or folder")
        except IngestError as err:
            yield err
        except (OSError, zipfile.BadZipFile, UnicodeError, csv.Error) as err:
            yield CorruptFile(str(path), f"could not be read ({err})")


def expand_paths(
    paths: list[Path], limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Input], list[IngestError]]:
    """Every input under the paths, and the paths or members that could not be listed."""
    inputs: list[Input] = []
    problems: list[IngestError] = []
    for found in iter_inputs(paths, limits):
        (problems if isinstance(found, IngestError) else inputs).append(found)  # type: ignore[arg-type]
    return inputs, problems
