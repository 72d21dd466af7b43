"""The files shipped with the package (models, sample clips) are found in a checkout and in an
installed wheel's layout."""

from __future__ import annotations

from pathlib import Path

from vision import bundled, model_files
from vision.bundled import BundledFolder


def test_folder_inside_the_package_wins(tmp_path: Path) -> None:
    package, checkout = tmp_path / "site-packages" / "vision", tmp_path / "repo"
    (package / "models").mkdir(parents=True)
    (checkout / "models").mkdir(parents=True)
    folder = BundledFolder(in_package="models", in_checkout="models")
    assert folder.path(package_dir=package, checkout_dir=checkout) == package / "models"
    (package / "models").rmdir()
    assert folder.path(package_dir=package, checkout_dir=checkout) == checkout / "models"


def test_checkout_finds_the_models_and_the_sample() -> None:
    assert bundled.MODELS.path() == model_files.DEFAULT_MODELS_DIR
    assert (model_files.DEFAULT_MODELS_DIR / model_files.SUMS_FILE).is_file()
    clip = bundled.sample_clip()
    assert clip.name == "backward_walk_side.mp4"
    assert clip.stat().st_size > 100_000
    assert clip.with_suffix(".json").is_file()  # its ground truth travels with it
