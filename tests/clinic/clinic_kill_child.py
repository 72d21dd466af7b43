"""Child process of the kill test: records synthetic frames in real time until killed.

Usage: python clinic_kill_child.py DB_URL DATA_DIR HOME_CODE
Prints one JSON line {"session_id", "t0"} (t0: wall-clock epoch seconds of frame 0).
"""

from __future__ import annotations

import json
import sys
import time

from clinic_helpers import pose_frame

from vision.clinic.auth import open_home
from vision.clinic.db import Database
from vision.clinic.recorder import FrameMetrics

FPS = 30.0


def main() -> None:
    url, data_dir, code = sys.argv[1:4]
    db = Database.open(url, data_dir=data_dir)
    rec = open_home(db, code).start_session(fps=FPS, image_size=(640, 480), model_version="test")
    t0 = time.time()
    print(json.dumps({"session_id": rec.session_id, "t0": t0}), flush=True)
    i = 0
    while True:
        rec.append_frame(pose_frame(i, FPS), FrameMetrics(trunk_lean_deg=3.0, upright=True))
        if i % 15 == 0:
            rec.add_step("left" if i % 30 else "right", i / FPS, strike="forefoot")
        i += 1
        time.sleep(max(0.0, t0 + i / FPS - time.time()))


if __name__ == "__main__":
    main()
