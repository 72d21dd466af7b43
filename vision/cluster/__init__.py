"""Analysis batches on Ray: one task per clip, the video bytes through Ray's object store, the
result folder's files back to the caller as bytes (no shared file system).

``ray`` is optional (the ``cluster`` extra); it is imported only when a batch runs on Ray.
"""

from vision.cluster.address import ENV_RAY_ADDRESS, ClusterTarget, parse_target
from vision.cluster.config import ClusterConfig

__all__ = ["ENV_RAY_ADDRESS", "ClusterConfig", "ClusterTarget", "parse_target"]
