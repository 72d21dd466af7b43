"""Strike class of a contact from the foot's heel→toe angle around it (side view).

Angles are degrees in the image plane relative to the mid-stance flat foot, positive toe up.
The foot keeps its landing posture, toe-up (heel strike) or toe-down (forefoot), until the rest
of the sole comes down in early stance; medians over short windows bridge the pose engine's
1-2 frame lag on a fast foot and its blurred late-swing frames.
"""

from __future__ import annotations

import math

import numpy as np

from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import Strike

NAN = math.nan
EDGE_S = 1e-6
"""The landing windows meet at the contact, each reaching this far past it (float safety)."""


def foot_angles(seg: np.ndarray, c: int, facing: float) -> np.ndarray:
    """(n,) heel→toe angle from horizontal, degrees, toe up +, of every ring row in ``seg``
    (n, channels) for the leg whose columns start at ``c``; ``facing`` ±1 along image x."""
    return np.degrees(
        np.arctan2(
            seg[:, c + rb.LEG_HY] - seg[:, c + rb.LEG_TY],
            facing * (seg[:, c + rb.LEG_TX] - seg[:, c + rb.LEG_HX]),
        )
    )


def median_angle(w: np.ndarray, tt: np.ndarray, *, c: int, facing: float, t0: float, t1: float) -> float:
    """Median heel→toe angle (degrees, toe up +) of rows ``w`` at times ``tt`` within [t0, t1];
    NaN if none."""
    ang = foot_angles(w[(tt >= t0) & (tt <= t1)], c, facing)
    return float(np.nanmedian(ang)) if np.isfinite(ang).any() else NAN


def landing_angles(
    w: np.ndarray, tt: np.ndarray, *, c: int, facing: float, tau: float, flat: float, cfg: CoachConfig
) -> tuple[float, float, float]:
    """(angle, before, after) relative to the flat foot ``flat`` for a contact at ``tau``: the
    median over [tau − angle_before_s, tau + angle_after_s], and over ``landing_s`` before and
    after the contact."""
    tn = cfg.steps
    angle = median_angle(w, tt, c=c, facing=facing, t0=tau - tn.angle_before_s, t1=tau + tn.angle_after_s)
    before = median_angle(w, tt, c=c, facing=facing, t0=tau - tn.landing_s, t1=tau + EDGE_S)
    after = median_angle(w, tt, c=c, facing=facing, t0=tau - EDGE_S, t1=tau + tn.landing_s)
    return angle - flat, before - flat, after - flat


def classify_strike(
    angle: float, order_s: float, *, cfg: CoachConfig, before: float = NAN, after: float = NAN
) -> Strike:
    """Strike class from the contact angle (``unknown`` within ``strike_unknown_band_deg`` of a
    limit), then which of heel and toe came to rest first
    (``order_s`` = heel − toe rest time, > 0 toe first), then the landing posture: a toe still up
    just after the contact is a heel strike, a toe still down just before it (and not up after)
    a forefoot strike."""
    heel_deg, fore_deg = cfg.strike_heel_min_deg, cfg.strike_forefoot_max_deg
    near = cfg.steps.near_flat_factor
    order = cfg.steps.strike_order_s
    band = cfg.steps.strike_unknown_band_deg
    if angle != angle or abs(angle - heel_deg) < band or abs(angle - fore_deg) < band:
        return Strike.UNKNOWN
    if angle >= heel_deg or after >= heel_deg:
        return Strike.HEEL
    if angle <= fore_deg:
        return Strike.FOREFOOT
    # Near-flat angle: use which part came to rest first when the gap is clear.
    if order_s > order and angle < near * heel_deg:
        return Strike.FOREFOOT
    if order_s < -order and angle > near * fore_deg:
        return Strike.HEEL
    # Else the landing posture (the rendered sample's forefoot landings flatten within 2 frames
    # of the contact).
    if before <= fore_deg and not after >= near * heel_deg:
        return Strike.FOREFOOT
    return Strike.FLAT
