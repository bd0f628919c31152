"""The content-addressed blob store on the file system.

Bytes live once under ``MEDIA_ROOT/blobs/ab/cd/<sha256>``. An upload is streamed into a temporary
file in ``MEDIA_ROOT/blobs/tmp`` (same file system) while it is hashed, so memory use does not grow
with the file; the temporary file is then renamed into place atomically, or dropped when the same
content is already stored. Blob files are never modified or deleted by the application.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings

CHUNK = 1024 * 1024


class TooLarge(Exception):
    """The stream exceeded the byte limit; the temporary file has been removed."""


def root() -> Path:
    """The blob directory (created on demand)."""
    return Path(settings.MEDIA_ROOT) / "blobs"


def blob_path(sha256: str) -> Path:
    """Where the blob with this hash lives: blobs/ab/cd/<sha256>."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root() / sha256[:2] / sha256[2:4] / sha256


@dataclass
class Spooled:
    """A stream written to a temporary file, with its hash and size."""

    path: Path
    sha256: str
    size: int

    def discard(self) -> None:
        """Remove the temporary file (no error when already gone)."""
        self.path.unlink(missing_ok=True)


def spool(stream: IO[bytes] | Any, *, limit: int) -> Spooled:
    """Copy a file-like object to a temporary file in chunks, hashing it; stop past `limit` bytes."""
    tmp_dir = root() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    if getattr(stream, "seekable", lambda: False)():
        stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Spooled(path=path, sha256=digest.hexdigest(), size=size)


def commit(spooled: Spooled) -> Path:
    """Move the spooled file to its content address (atomic rename); dedupe if already there."""
    target = blob_path(spooled.sha256)
    if target.exists():
        spooled.discard()
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(spooled.path, 0o440)
    os.replace(spooled.path, target)
    return target


def rehash(sha256: str) -> tuple[str, int] | None:
    """(hash, size) of the stored bytes as they are now on disk, or None when the file is missing."""
    try:
        path = blob_path(sha256)
        handle = path.open("rb")
    except (OSError, ValueError):
        return None
    digest = hashlib.sha256()
    size = 0
    with handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return digest.hexdigest(), size


def read_range(sha256: str, start: int, length: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """Yield `length` bytes of the blob from `start`; the file is closed when the iterator is."""
    with blob_path(sha256).open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(chunk, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data
