"""``retrowalk app`` (the launcher), the local page icon, the WebRTC ICE servers, the demo camera's
place on the live page; without a browser."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import tomllib

from vision import bundled, cli
from vision.ui.coach import launch

REPO = Path(__file__).resolve().parents[2]


def _flat(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return out


def _options(args: list[str]) -> dict[str, str]:
    flags = args[2:]
    assert all(f.startswith("--") for f in flags[::2])
    return dict(zip((f[2:] for f in flags[::2]), flags[1::2], strict=True))


def test_launcher_applies_the_project_streamlit_config() -> None:
    """The settings of ``.streamlit/config.toml`` go on the command line too (an installed app
    runs from any folder, where Streamlit would not find that file)."""
    config = _flat(tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8")))
    assert config == dict(launch.PROJECT_OPTIONS)
    options = _options(launch.streamlit_args(address="0.0.0.0", port=8600))
    assert {k: options[k] for k in config} == config
    assert options["server.headless"] == "true"
    assert options["browser.gatherUsageStats"] == "false"
    assert (options["server.address"], options["server.port"]) == ("0.0.0.0", "8600")


def test_launcher_runs_the_main_script_of_the_package() -> None:
    args = launch.streamlit_args()
    assert args[:2] == ["run", str(launch.SERVE_SCRIPT)]
    assert Path(launch.__file__).resolve().parent / "main.py" == launch.MAIN_SCRIPT
    options = _options(args)
    assert (options["server.address"], options["server.port"]) == ("127.0.0.1", "8501")


@pytest.mark.parametrize("script", ["serve", "app.py"])
def test_streamlit_serves_the_app_with_the_cookie_routes(script: str) -> None:
    """``streamlit run`` finds the ``st.App`` in the file it is given (the login-cookie routes
    then come with the pages), both for ``retrowalk app`` and for ``streamlit run app.py``."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    path = launch.SERVE_SCRIPT if script == "serve" else Path(__file__).resolve().parents[2] / script
    found = discover_asgi_app(path)
    assert found.is_asgi_app and found.app_name == "app"
    assert "App(MAIN_SCRIPT, routes=cookie_routes())" in path.read_text()


def test_main_script_renders_the_app_when_streamlit_runs_it(tmp_path: Path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RETROWALK_DB_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    at = AppTest.from_file(str(launch.MAIN_SCRIPT), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Live coach: walking backward"


def test_cli_app_command_passes_address_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int]] = []
    monkeypatch.setattr(launch, "run_app", lambda *, address, port: seen.append((address, port)) or 0)
    assert cli.main(["app", "--port", "8612"]) == 0
    assert cli.main(["app", "--address", "0.0.0.0"]) == 0
    assert seen == [("127.0.0.1", 8612), ("0.0.0.0", 8501)]


def test_page_icon_is_a_local_png() -> None:
    from vision.ui.common.icon import SIZE_PX, page_icon

    png = page_icon()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert img.shape == (SIZE_PX, SIZE_PX, 4)
    assert img[0, 0, 3] == 0  # rounded corner: transparent
    assert img[SIZE_PX // 2, 4, 3] == 255  # the square
    white = (img[..., :3] == 255).all(axis=2) & (img[..., 3] == 255)
    assert 0.1 < white.mean() < 0.4  # a figure and an arrow, not an empty or a full square


def test_webrtc_names_no_outside_ice_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Browser and server side get the same ICE servers, none by default (streamlit-webrtc and
    aiortc would otherwise use Google's STUN server)."""
    streamlit_webrtc = pytest.importorskip("streamlit_webrtc")
    from vision.feedback import Translator
    from vision.live import LiveHolder
    from vision.ui.coach import live_page

    calls: list[dict] = []
    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", lambda **kw: calls.append(kw))
    monkeypatch.delenv("RETROWALK_ICE_SERVERS", raising=False)
    live_page._webrtc(Translator("en"), LiveHolder())
    monkeypatch.setenv("RETROWALK_ICE_SERVERS", '[{"urls": "stun:10.0.0.5:3478"}]')
    live_page._webrtc(Translator("en"), LiveHolder())
    assert [c["rtc_configuration"] for c in calls] == [c["server_rtc_configuration"] for c in calls]
    servers = [c["server_rtc_configuration"]["iceServers"] for c in calls]
    assert servers == [[], [{"urls": "stun:10.0.0.5:3478"}]]


def test_demo_camera_is_offered_and_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from vision.live import LiveSettings
    from vision.ui.coach.local_mode import _demo_settings

    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RETROWALK_DB_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["rw_mode"] = "demo"
    at.run()
    at.checkbox(key="rw_confirm").check().run()
    at.button(key="rw_continue").click().run()
    assert not at.exception
    assert at.radio(key="rw_mode").options == [
        "This browser's camera", "Camera on this computer (no WebRTC)", "Demo camera (a sample walker)"
    ]  # fmt: skip
    assert any("sample clip" in c.value for c in at.caption)
    assert not [t for t in at.text_input if t.key == "rw_local_source"]  # nothing to type
    assert at.button(key="rw_local_start").label == "Start the camera"
    demo = _demo_settings(LiveSettings(data_dir=tmp_path, keep_video=True, clinic_start=lambda: None))
    assert (demo.record, demo.keep_video, demo.clinic_start) == (False, False, None)
    assert bundled.sample_clip().is_file()
