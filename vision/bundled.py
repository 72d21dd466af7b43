"""Where the files shipped with the package are: the model files and the sample clips.

In a checkout (and an editable install) they are the repository's ``models/`` and
``sample_videos/`` folders, next to the ``vision`` package. In a wheel, ``setup.py`` installs the
same folders as the data-only packages ``vision/models/`` and ``vision/sample_videos/``. The
folder inside the package wins when it is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed ``vision`` package."""
CHECKOUT_DIR = PACKAGE_DIR.parent
"""The repository root, when ``vision`` is imported from a checkout."""


@dataclass(frozen=True)
class BundledFolder:
    """A data folder: its name inside the installed package and at the repository root."""

    in_package: str
    in_checkout: str

    def path(self, *, package_dir: Path = PACKAGE_DIR, checkout_dir: Path = CHECKOUT_DIR) -> Path:
        """The folder inside the package if it exists (a wheel), else the checkout's."""
        inside = package_dir / self.in_package
        return inside if inside.is_dir() else checkout_dir / self.in_checkout


MODELS = BundledFolder(in_package="models", in_checkout="models")
SAMPLES = BundledFolder(in_package="sample_videos", in_checkout="sample_videos")

SAMPLE_CLIP = "backward_walk_side.mp4"
"""The sample the demo camera plays: a rendered figure walking backward, side view (13 steps)."""


def sample_clip() -> Path:
    """The bundled sample clip (see ``sample_videos/README.md``)."""
    return SAMPLES.path() / SAMPLE_CLIP
