"""``retrowalk app``: start the Streamlit app with the project's settings, from any folder.

Streamlit reads ``.streamlit/config.toml`` only from the current folder (or the user's home), so
an installed app cannot rely on it: the same settings are given as command-line options here
(``tests/app/test_launch.py`` checks that the two agree). The file served is
``vision/ui/coach/serve.py`` (the pages of ``main.py`` with the clinic's login-cookie routes),
found inside the installed package.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

MAIN_SCRIPT = Path(__file__).resolve().parent / "main.py"
"""The Streamlit script (``main()`` runs when Streamlit executes it as ``__main__``)."""
SERVE_SCRIPT = Path(__file__).resolve().parent / "serve.py"
"""The file ``streamlit run`` serves: ``st.App`` over :data:`MAIN_SCRIPT` with the cookie routes."""

DEFAULT_ADDRESS = "127.0.0.1"
"""Only this computer can open the app; ``--address 0.0.0.0`` opens it to the network."""
DEFAULT_PORT = 8501

PROJECT_OPTIONS: Mapping[str, str] = {
    "server.maxUploadSize": "500",  # MB: the largest video upload on the Analyze page
    "browser.gatherUsageStats": "false",  # no usage statistics leave the machine
    "client.toolbarMode": "minimal",  # no developer menu or "Deploy" button for patients
}
"""The settings of ``.streamlit/config.toml``, as ``section.option`` → value."""

LAUNCH_OPTIONS: Mapping[str, str] = {
    "server.headless": "true",  # print the address instead of opening a browser window
    "server.fileWatcherType": "none",  # an installed app does not reload on file changes
    "server.runOnSave": "false",
    "global.developmentMode": "false",
}
"""Settings of a launched app that a developer's ``streamlit run app.py`` may leave unset."""


def streamlit_args(*, address: str = DEFAULT_ADDRESS, port: int = DEFAULT_PORT) -> list[str]:
    """The ``streamlit`` arguments that serve the app at ``http://address:port``."""
    options = {**PROJECT_OPTIONS, **LAUNCH_OPTIONS, "server.address": address, "server.port": str(port)}
    flags = [part for key, value in options.items() for part in (f"--{key}", value)]
    return ["run", str(SERVE_SCRIPT), *flags]


def run_app(*, address: str = DEFAULT_ADDRESS, port: int = DEFAULT_PORT) -> int:
    """Serve the app in this process until Ctrl+C (Streamlit's own command line, so its signal
    handling and exit status apply)."""
    from streamlit.web import cli as streamlit_cli

    host = "localhost" if address in ("127.0.0.1", "localhost") else address
    print(f"RetroWalk Coach: open http://{host}:{port} in your browser (Ctrl+C stops the app).", flush=True)
    args = streamlit_args(address=address, port=port)
    return int(streamlit_cli.main(args=args, prog_name="streamlit") or 0)
