"""One live session per server: which page holds the camera, and sessions whose page went away.

A laptop has one camera and a pose-engine budget for one session, so a second tab (or window)
must not start a competing session. :class:`LiveRegistry` records the page (Streamlit session id)
whose :class:`~vision.live.LiveHolder` ran the last session. Another page

- is *busy* while that session runs and its page is still connected (:meth:`busy_for`);
- takes over an *orphan* — a session whose page was reloaded or closed while it ran, or before
  it showed how the session ended — finishing it if it still runs, so it is kept, and getting its
  result for a message (:meth:`take_orphan`).

The app keeps one registry per server process (``st.cache_resource``); nothing here imports
Streamlit: the page tells who it is and how to ask whether a page is still connected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from vision.live.processor import SessionResult
from vision.live.session import EndReason, LiveHolder


@dataclass
class _Claim:
    owner: str
    holder: LiveHolder
    seen: bool = False
    """The owner page has shown how the session ended."""


class LiveRegistry:
    """Who runs the live session of this server (thread-safe)."""

    def __init__(self, is_connected: Callable[[str], bool] = lambda _owner: True) -> None:
        """``is_connected(owner)``: whether that page (Streamlit session) is still connected."""
        self._is_connected = is_connected
        self._lock = threading.Lock()
        self._claim: _Claim | None = None

    def busy_for(self, owner: str) -> bool:
        """True while another, still connected page runs a session."""
        with self._lock:
            c = self._claim
            return c is not None and c.owner != owner and c.holder.active and self._is_connected(c.owner)

    def claim(self, owner: str, holder: LiveHolder) -> bool:
        """Take the camera for ``owner`` (whose session is about to begin); False when busy."""
        orphan = None
        with self._lock:
            c = self._claim
            if c is not None and c.owner != owner and c.holder.active:
                if self._is_connected(c.owner):
                    return False
                orphan = c.holder
            self._claim = _Claim(owner, holder)
        if orphan is not None:
            orphan.finish(EndReason.INTERRUPTED)
        return True

    def seen(self, owner: str) -> None:
        """The owner page has shown the end of its session (no message for anybody else)."""
        with self._lock:
            c = self._claim
            if c is not None and c.owner == owner and not c.holder.active:
                c.seen = True

    def take_orphan(self, owner: str) -> SessionResult | None:
        """The result of a session whose page went away before showing its end, finished now if it
        still runs; None when there is none. Each orphan is taken once."""
        with self._lock:
            c = self._claim
            if c is None or c.owner == owner or c.seen or self._is_connected(c.owner):
                return None
            c.seen = True
        c.holder.finish(EndReason.INTERRUPTED)
        return c.holder.last_result
