"""Threads of the streaming analysis: read-ahead, ordered worker stages, optional stage timing."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator

#: Stages timed by :class:`StageTimes`, in pipeline order ("core": the coaching session without
#: its sinks, which are "tables" and "draw").
STAGES = ("decode", "scale", "pose", "core", "tables", "draw", "encode")


class StageTimes:
    """Optional per-stage timing in milliseconds per frame (see :data:`STAGES`).

    Each stage runs in one thread and is timed with the wall clock of that thread: stages of
    different threads overlap, and a stage waiting for a free core counts as busy.
    """

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = {name: [] for name in STAGES}

    def now(self) -> float:
        return time.perf_counter()

    def lap(self, stage: str, t0: float) -> float:
        """Record the time since ``t0`` (from :meth:`now`) for ``stage``; return now."""
        now = time.perf_counter()
        self.ms[stage].append((now - t0) * 1000.0)
        return now

    def add(self, stage: str, ms: float) -> None:
        """Record ``ms`` milliseconds for ``stage``."""
        self.ms[stage].append(ms)


class NoTimes(StageTimes):
    """Timing off: no clock reads, nothing kept."""

    def __init__(self) -> None:
        self.ms = {}

    def now(self) -> float:
        return 0.0

    def lap(self, stage: str, t0: float) -> float:
        return 0.0

    def add(self, stage: str, ms: float) -> None:
        pass


def lower_priority(niceness: int) -> None:
    """Make the calling thread (and threads it starts later) yield the CPU to the others.

    Linux applies ``nice`` per thread; elsewhere this does nothing. The pose thread is the
    pipeline's critical path, the decoder and encoder fill the gaps around it.
    """
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


def prefetch(items: Iterator, *, depth: int = 4, name: str = "prefetch", niceness: int = 0) -> Iterator:
    """Run ``items`` in a background thread (``name``), at most ``depth`` items ahead.

    ``niceness`` > 0 lowers that thread's priority (see :func:`lower_priority`)."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        lower_priority(niceness)
        try:
            for f in items:
                if not put(f):
                    return
            put(done)
        except BaseException as exc:  # handed to the consumer
            put(exc)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # e.g. the video file

    th = threading.Thread(target=run, daemon=True, name=name)
    th.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


class Stage:
    """A worker thread applying ``fn`` to queued items in order; at most ``depth`` items wait.

    An error in ``fn`` is raised by the next :meth:`put` or by :meth:`close`; the thread keeps
    draining its queue afterwards, so a producer never blocks on it.
    """

    _STOP = object()

    def __init__(self, fn: Callable, name: str, *, depth: int = 4, niceness: int = 0) -> None:
        self._fn = fn
        self._niceness = niceness
        self._q: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._abort = False
        self._th = threading.Thread(target=self._work, daemon=True, name=name)
        self._th.start()

    def _work(self) -> None:
        lower_priority(self._niceness)
        while True:
            item = self._q.get()
            if item is self._STOP:
                return
            if self._error is None and not self._abort:
                try:
                    self._fn(item)
                except BaseException as exc:
                    self._error = exc

    def put(self, item: object) -> None:
        if self._error:
            raise self._error
        self._q.put(item)

    def close(self, abort: bool = False) -> None:
        """Finish the queued items (skip them when ``abort``) and stop the thread."""
        self._abort = abort
        self._q.put(self._STOP)
        self._th.join()
        if self._error and not abort:
            raise self._error


def close_all(closers: list[Callable[[bool], object]], failed: bool) -> None:
    """Call every closer even when one fails; raise the first error unless already failing."""
    first: BaseException | None = None
    for close in closers:
        try:
            close(failed)
        except BaseException as exc:
            first = first or exc
    if first is not None and not failed:
        raise first
