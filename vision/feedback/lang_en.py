"""English texts: cues (short, spoken), status strip, setup advice and the app's UI."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- cues (spoken: short, calm, one instruction) --------------------------------------
    "cue.fall": "Fall detected. The session has stopped.",
    "cue.stumble": "Stumble detected. The session has stopped.",
    "cue.over_rotation_yaw": "Turn your head less. A short look is enough.",
    "cue.over_rotation_hold": "Look ahead again.",
    "cue.leaving_view": "Near the {edge}: stop or turn around.",
    "cue.heel_strike": "Land on the ball of your foot.",
    "cue.hunching": "Stand tall.",
    "cue.looking_down": "Look ahead, not at your feet.",
    "cue.no_glance": "Glance over your shoulder.",
    "cue.goal_reached": "{minutes} minutes done. Well done!",
    "cue.praise_forefoot": "Good, soft landings on the ball of the foot.",
    "cue.praise_glance": "Good glance.",
    "edge.left": "left edge",
    "edge.right": "right edge",
    "edge.top": "top edge",
    "edge.bottom": "bottom edge",
    # --- cue kinds (settings) -------------------------------------------------------------
    "cuekind.fall": "Fall",
    "cuekind.stumble": "Stumble",
    "cuekind.over_rotation": "Neck turned too far or too long",
    "cuekind.leaving_view": "Leaving the camera view",
    "cuekind.heel_strike": "Heel strike",
    "cuekind.hunching": "Hunching (sustained)",
    "cuekind.looking_down": "Looking down (sustained)",
    "cuekind.no_glance": "No glance for too long",
    "cuekind.goal_reached": "Session goal reached",
    "cuekind.praise": "Praise",
    # --- status strip on the video ----------------------------------------------------------
    "status.starting": "starting the coach...",
    "status.no_person": "nobody in view",
    "status.upright": "upright",
    "status.not_upright": "not upright",
    "status.posture_unknown": "posture: -",
    "status.looking_down": "looking down",
    "status.glancing": "glancing",
    "status.glance_ago": "glance {seconds} s ago",
    "status.no_glance_yet": "no glance yet",
    "status.last_steps": "last steps:",
    "status.steps": "steps {n}",
    "strike.letter.forefoot": "F",
    "strike.letter.flat": "M",
    "strike.letter.heel": "H",
    "strike.letter.unknown": "?",
    "direction.backward": "backward",
    "direction.forward": "forward",
    "direction.standing": "standing",
    "direction.turning": "turning",
    "direction.unknown": "unknown",
    # --- camera set-up advice ---------------------------------------------------------------
    "setup.no_person": "Nobody in view. Step into the picture: the whole body, head to feet.",
    "setup.body_cut": "Your body is not in the picture. Move the camera or step into view.",
    "setup.head_cut": "Your head is cut off. Tilt the camera up or step back.",
    "setup.feet_cut": (
        "Your feet are cut off. Tilt the camera down or step back: foot landing needs the feet."
    ),
    "setup.too_far": "You are far from the camera. Come closer or move the camera closer.",
    "setup.several_people": "Several people in view. The coach follows the person walking.",
    "setup.view_frontal": "The camera sees you from the front: foot landing and trunk lean need a side view.",
    "setup.view_oblique": "The camera sees you at an angle: foot landing needs a side view.",
    "setup.view_unknown": "The camera cannot see your shoulders and hips clearly.",
    "setup.face_hidden": "Your face is hidden: glances over the shoulder cannot be measured now.",
    # --- navigation -----------------------------------------------------------------------
    "nav.coach": "Coach",
    "nav.clinic": "Clinic",
    "nav.live": "Live coach",
    "nav.analyze": "Analyze a video",
    "nav.sessions": "My sessions",
    # --- settings -------------------------------------------------------------------------
    "ui.settings.title": "Settings",
    "ui.settings.speak": "Speak the cues",
    "ui.settings.cues_video": "Show cues on the video",
    "ui.settings.status_video": "Show the status strip on the video",
    "ui.settings.week": "Programme week",
    "ui.settings.week_help": "Suggested session: {minutes} minutes.",
    "ui.settings.cues": "Which cues",
    "ui.settings.cues_help": "Falls and stumbles always stop the session with an alert.",
    "ui.settings.no_glance": "Remind to glance after (seconds)",
    "ui.settings.storage": "Keeping sessions",
    "ui.settings.storage_help": "Sessions (landmarks and metrics, no video) are kept in {folder}.",
    "ui.settings.keep_video": "Also keep the camera video (only on this computer)",
    "ui.settings.home_code": "Home code from your clinic (optional)",
    # --- start screen ---------------------------------------------------------------------
    "ui.live.title": "Live coach: walking backward",
    "ui.start.intro": (
        "Walk backward in front of the camera. The coach watches your posture, your glances over "
        "the shoulder and how your feet land, and gives **one short cue at a time**."
    ),
    "ui.start.safety_title": "Before you start",
    "ui.start.safety_1": (
        "Clear, flat floor: no rugs, cables, steps or furniture behind you, about 5 metres free."
    ),
    "ui.start.safety_2": "Flat, closed shoes. Walk slowly, in small steps.",
    "ui.start.safety_3": "If your balance is not good, have someone nearby, or walk beside a wall or rail.",
    "ui.start.safety_4": "Stop at once if you feel pain in the knee, dizziness or unsteadiness.",
    "ui.start.safety_5": (
        "Glance over your shoulder now and then: a short look, without twisting the neck far."
    ),
    "ui.start.programme": (
        "Today: **{minutes} minutes** (programme week {week}). Start with 5–10 minutes and add a little "
        "each week while your knee feels fine."
    ),
    "ui.start.camera_title": "Camera:",
    "ui.start.camera": (
        "about hip height, 3 metres to your side, so that your whole body, head to feet, stays in view "
        "along your path. A side view is needed to see how your feet land."
    ),
    "ui.start.confirm": "I have read the advice and the floor behind me is clear.",
    "ui.start.continue": "Continue to the camera",
    # --- live -----------------------------------------------------------------------------
    "ui.live.mode": "Camera",
    "ui.live.mode_browser": "This browser's camera",
    "ui.live.mode_local": "Camera on this computer (no WebRTC)",
    "ui.live.mode_demo": "Demo camera (a sample walker)",
    "ui.demo.help": (
        "No camera needed: a sample clip of a figure walking backward plays as the camera, looped, "
        "and the coach works on it as on you. Demo walks are not kept."
    ),
    "ui.live.browser_help": "Press START and allow the camera. Press STOP to end the session.",
    "ui.live.press_start": "Press START under the video when you are ready.",
    "ui.live.waiting_camera": "Waiting for the camera...",
    "ui.live.loading": "Loading the pose model...",
    "ui.live.engine_error": "The coach had a problem: {error}",
    "ui.live.no_cue": "No cue right now. Keep going.",
    "ui.live.camera_lost": (
        "**The camera stopped sending pictures.** Your session so far is saved (below, and under "
        "My sessions). Check that the camera is connected and switched on, then start again."
    ),
    "ui.live.no_camera": (
        "**No pictures came from the camera.** Check that it is connected and not used by another "
        "program, then start again."
    ),
    "ui.live.busy": (
        "**A live session is already running in another tab or window.** Only one can run at a time "
        "(there is one camera). End it there, or close that tab: this page is ready again as soon "
        "as it has ended."
    ),
    "ui.notice.interrupted": (
        "**Your previous session was interrupted** (the page was reloaded or closed) **and has been "
        "saved**: see My sessions. Kept in {folder}"
    ),
    "ui.notice.ok": "OK, got it",
    "ui.live.engine_stats": (
        "Coach: {fps} frames/s, {latency} ms · {processed} frames processed, {dropped} skipped"
    ),
    "ui.webrtc.start": "START",
    "ui.webrtc.stop": "STOP",
    "ui.counter.steps": "Steps",
    "ui.counter.forefoot": "Forefoot landings",
    "ui.counter.glances_min": "Glances per minute",
    "ui.counter.glances": "Glances",
    "ui.counter.upright": "Upright",
    "ui.halt.title_fall": "Fall detected: the session has stopped",
    "ui.halt.title_stumble": "Stumble detected: the session has stopped",
    "ui.halt.body": (
        "Stay where you are and check how you feel. If you are hurt or dizzy, call for help. "
        "Only start again when you feel steady, and with someone nearby."
    ),
    "ui.halt.ack": "I am fine: back to the start",
    "ui.local.source": "Camera number (0 is the first camera)",
    "ui.local.source_help": "A video file path also works (it plays like a camera).",
    "ui.local.start": "Start the camera",
    "ui.local.stop": "Stop",
    "ui.local.press_start": "Press Start when you are ready. The camera picture appears here.",
    "ui.local.camera_error": "The camera cannot be used: {error}",
    # --- results --------------------------------------------------------------------------
    "ui.result.title": "Your session",
    "ui.result.empty": "The session ended before the coach saw anybody.",
    "ui.result.kept": "Kept in {folder}",
    "ui.result.clinic_saved": "Saved for your clinic (session {id}).",
    "ui.result.clinic_error": "Could not save for your clinic: {error}",
    "ui.result.duration": "Duration",
    "ui.result.cadence": "Steps per minute",
    "ui.result.falls.one": "{n} fall or stumble detected.",
    "ui.result.falls.other": "{n} falls or stumbles detected.",
    "ui.result.over_rotations.one": "{n} glance turned the neck too far or too long.",
    "ui.result.over_rotations.other": "{n} glances turned the neck too far or too long.",
    "ui.result.direction": "Walking direction: {direction}. The exercise is walking backward.",
    "ui.result.steps_table": "Steps ({n})",
    "ui.result.downloads": "Downloads",
    "ui.result.download_all": "⬇ Everything (ZIP)",
    "ui.plot.plot_trunk_yaw": "Trunk lean and head turn over time (glances shaded)",
    "ui.plot.plot_feet": "Heel and toe height of each foot; lines mark landings",
    "ui.plot.plot_strikes": "How each step landed",
    # --- analyze --------------------------------------------------------------------------
    "ui.analyze.title": "Analyze a video",
    "ui.analyze.intro": (
        "Upload a clip of backward walking (side view works best). You get an annotated video, plots, "
        "a table of every step and all outputs to download."
    ),
    "ui.analyze.upload": "Video file (MP4, MOV, M4V, WebM, MKV, AVI; up to {mb} MB)",
    "ui.analyze.advanced": "Several people in the clip?",
    "ui.analyze.subject": "Person to analyse (-1 = the one walking)",
    "ui.analyze.subject_help": "People are numbered from left to right in the first frames, starting at 0.",
    "ui.analyze.run": "Analyze",
    "ui.analyze.starting": "Starting...",
    "ui.analyze.progress": "Analysing: frame {done} of {total} · {fps} frames/s · about {eta} s left",
    "ui.analyze.failed": "This video cannot be analysed: {error}",
    "ui.analyze.not_video": "**{name} is not a video file.** Please choose a video: {types}.",
    "ui.analyze.done": "Done.",
    "ui.analyze.result": "Result: {name}",
    "ui.analyze.report": "Report",
    "ui.jobs.queued": "{name}: queued, waiting for the analysis worker...",
    "ui.jobs.running": "{name}: analysing, {pct} % done",
    "ui.jobs.retry": "Attempt {attempt} of {of} (the previous one was interrupted).",
    "ui.jobs.leave": (
        "You can leave this page or queue more clips: the result is kept and shows here when you come back."
    ),
    "ui.jobs.unknown": "There is no analysis number {id}.",
    "ui.jobs.recent": "Your recent analyses",
    "ui.jobs.show": "Show",
    "ui.jobs.status.queued": "queued",
    "ui.jobs.status.running": "running",
    "ui.jobs.status.done": "done",
    "ui.jobs.status.failed": "failed",
    # --- sessions -------------------------------------------------------------------------
    "ui.sessions.title": "My sessions",
    "ui.sessions.none": "No sessions kept yet. They appear here after a live session.",
    "ui.sessions.pick": "Session",
    "ui.sessions.unreadable": "This session cannot be read: {error}",
}
