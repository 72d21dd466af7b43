"""Where a batch runs: ``local`` (an embedded Ray for the call) or the address of a cluster."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

ENV_RAY_ADDRESS = "RETROWALK_RAY_ADDRESS"
LOCAL = "local"
_HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9_.\-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})$")


@dataclass(frozen=True, slots=True)
class ClusterTarget:
    """``address`` is None for an embedded Ray, else ``HOST:PORT`` (GCS, from a cluster node)
    or ``ray://HOST:PORT`` (Ray Client, from any machine)."""

    address: str | None

    @property
    def local(self) -> bool:
        return self.address is None

    def describe(self) -> str:
        if self.address is None:
            return "an embedded Ray (this machine)"
        return f"the Ray cluster at {self.address}"


def parse_target(value: str | None, env: Mapping[str, str] | None = None) -> ClusterTarget:
    """``local``, ``HOST:PORT`` or ``ray://HOST:PORT``; empty or None: ``$RETROWALK_RAY_ADDRESS``.

    Raises ValueError with a readable sentence for anything else (or when neither is given).
    """
    env = os.environ if env is None else env
    text = (value or env.get(ENV_RAY_ADDRESS) or "").strip()
    if not text:
        raise ValueError(
            f"no cluster given: use --cluster local|HOST:PORT|ray://HOST:PORT or set {ENV_RAY_ADDRESS}"
        )
    if text == LOCAL:
        return ClusterTarget(None)
    bare = text[len("ray://") :] if text.startswith("ray://") else text
    m = _HOST_PORT.match(bare)
    if m is None or not 0 < int(m["port"]) < 65536:
        raise ValueError(f"{text!r} is not a cluster address: use local, HOST:PORT or ray://HOST:PORT")
    return ClusterTarget(text)
