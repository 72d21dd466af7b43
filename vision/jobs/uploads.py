"""Durable storage of an upload's bytes in the data folder, before its job is queued.

The bytes are streamed to ``uploads/<random>.<ext>.partial``, flushed to disk (``fsync``) and
renamed into place, and the folder is synced too: once :func:`store_upload` returns, a crash
of the app or the machine does not lose the clip.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

UPLOADS = "uploads"
CHUNK_BYTES = 1 << 20
"""Bytes copied at a time (1 MiB)."""


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """Where the bytes are (relative to the data folder), how many, their SHA-256."""

    rel_path: str
    size: int
    sha256: str


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ".bin"


def store_upload(data_dir: Path, source: BinaryIO | bytes, name: str) -> StoredUpload:
    """Copy ``source`` (a binary stream or bytes) into ``data_dir/uploads/`` durably."""
    folder = data_dir / UPLOADS
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = folder / f"{secrets.token_hex(12)}{_suffix(name)}"
    partial = final.with_name(final.name + ".partial")
    digest = hashlib.sha256()
    size = 0
    try:
        with partial.open("wb") as out:
            if isinstance(source, bytes):
                chunks = [source]
            else:
                if hasattr(source, "seek"):
                    source.seek(0)
                chunks = iter(lambda: source.read(CHUNK_BYTES), b"")
            for chunk in chunks:
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        partial.rename(final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _sync_dir(folder)
    return StoredUpload(f"{UPLOADS}/{final.name}", size, digest.hexdigest())


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
