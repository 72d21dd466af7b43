"""Packaging beyond what ``pyproject.toml`` can say: the repository's data folders as package data.

The metadata and dependencies are in ``pyproject.toml``. The model files (``models/``, with their
checksums and licence) and the sample clips (``sample_videos/``) stay where they are made and
documented; in a wheel they become the data-only packages ``vision.models`` and
``vision.sample_videos`` (see ``vision/bundled.py``, which finds them in either layout).
"""

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = {"vision.models": "models", "vision.sample_videos": "sample_videos"}


class DataOnlyBuildPy(build_py):
    """Leaves out the Python files of the data folders (``models/build_models.py`` and its helpers
    build the models from the repository; they are not part of the installed package)."""

    def find_package_modules(self, package, package_dir):
        return [] if package in DATA_FOLDERS else super().find_package_modules(package, package_dir)


setup(
    packages=[*find_packages(include=["vision", "vision.*"]), *DATA_FOLDERS],
    package_dir=DATA_FOLDERS,
    package_data={
        "vision.models": ["*.onnx", "*.task", "SHA256SUMS", "LICENSE", "README.md"],
        "vision.sample_videos": ["*.mp4", "*.json", "README.md"],
        "vision.clinic.migrations": ["script.py.mako"],
        "vision.core": ["fitted/*.json"],
        "vision.evaluation": ["label_reviews.json"],
    },
    exclude_package_data={"vision.models": ["*.py"]},
    cmdclass={"build_py": DataOnlyBuildPy},
)
