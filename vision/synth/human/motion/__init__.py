"""Motion of the digital human: the project's gait model extended to bone rotations.

``animate(body, MotionSpec(...), times_s) -> Motion`` gives per-frame local rotations and the root
position for :meth:`vision.synth.human.body.HumanBody.pose`.
"""

from vision.synth.human.motion.animate import Motion, animate
from vision.synth.human.motion.spec import Distractor, HeadTurn, MotionSpec, Pause

__all__ = ["Distractor", "HeadTurn", "Motion", "MotionSpec", "Pause", "animate"]
