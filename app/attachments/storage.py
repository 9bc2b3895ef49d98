"""The attachment store: each distinct content once, at ``ATTACHMENT_DIR/<sha[:2]>/<sha>``.

An upload is first streamed into a temporary file inside the store (hashing and counting as
it goes, refusing past the size limit), checked there, and only then renamed into place.
The rename is atomic on one file system, so a reader never sees half a file, and two uploads
of the same bytes end as the same single file.
"""

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flask import current_app

_CHUNK = 64 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FileTooLarge(Exception):
    """The upload is larger than ATTACHMENT_MAX_BYTES."""

    def __init__(self, limit: int):
        super().__init__(f"larger than {limit} bytes")
        self.limit = limit


def store_dir() -> Path:
    return Path(current_app.config["ATTACHMENT_DIR"])


def blob_path(sha256: str) -> Path:
    """Where the content with this hash lives (whether or not it is there)."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return store_dir() / sha256[:2] / sha256


class Incoming:
    """An upload in a temporary file in the store: its hash and size, not yet kept."""

    def __init__(self, path: Path, sha256: str, size: int):
        self.path = path
        self.sha256 = sha256
        self.size = size

    def keep(self) -> Path:
        """Move the bytes into place: the same content stored twice is still one file.

        Replacing an existing copy (rather than skipping it) is harmless, since the bytes are
        equal, and brings back a file that an earlier removal has just deleted.
        """
        target = blob_path(self.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path, target)
        return target


@contextmanager
def receive(stream: BinaryIO, *, max_bytes: int) -> Iterator[Incoming]:
    """Spool ``stream`` into the store's temporary area; whatever is not kept is removed."""
    tmp_dir = store_dir() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    path = Path(name)
    try:
        digest, size = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as file:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLarge(max_bytes)
                digest.update(chunk)
                file.write(chunk)
            file.flush()
            os.fsync(file.fileno())
        yield Incoming(path, digest.hexdigest(), size)
    finally:
        path.unlink(missing_ok=True)


def delete(sha256: str) -> None:
    """Remove stored content (callers check that no attachment refers to it any more)."""
    blob_path(sha256).unlink(missing_ok=True)
