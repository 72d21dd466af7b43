"""The annotated video's timeline strip: marks drawn once into layers, composited every frame."""

from __future__ import annotations

import numpy as np

from vision.overlay import BAD, GOOD
from vision.overlay_timeline import DARKEN, GLANCE_COLOUR, NOW_COLOUR, TimelineStrip


def _frame(h: int = 540, w: int = 960, grey: int = 200) -> np.ndarray:
    return np.full((h, w, 3), grey, np.uint8)


def test_ticks_and_glances_land_where_their_times_say_with_contacts_over_glances() -> None:
    strip = TimelineStrip(duration_s=10.0)
    strip.add_contact(2.0, "left", "heel")
    image = _frame()
    strip.draw(image, t_now_s=0.0)  # the layers are built here, after the first contact
    strip.add_glance(1.5, 3.0)  # added later, still drawn under the contact
    strip.add_contact(7.5, "right", "forefoot")
    image = _frame()
    strip.draw(image, t_now_s=5.0)
    y0 = 540 - 26
    x2, x75, x5 = (round(8 + 944 * f) for f in (0.2, 0.75, 0.5))
    assert tuple(image[y0 + 8, x2]) == BAD  # the left foot's tick, top half, on the glance
    assert tuple(image[y0 + 8, x2 - 10]) == GLANCE_COLOUR
    assert tuple(image[y0 + 18, x75]) == GOOD  # the right foot's tick, bottom half
    assert tuple(image[y0 + 8, x75]) == (round(200 * DARKEN),) * 3  # nothing drawn there
    assert tuple(image[y0 + 12, x5]) == NOW_COLOUR
    assert (image[: y0 - 1] == 200).all()  # the picture above the strip is untouched


def test_a_new_frame_size_redraws_every_mark() -> None:
    strip = TimelineStrip(duration_s=4.0)
    strip.draw(_frame(), t_now_s=0.0)
    strip.add_contact(1.0, "left", "flat")
    small, large = _frame(270, 480), _frame(1080, 1920)
    strip.draw(small, t_now_s=0.0)
    strip.draw(large, t_now_s=0.0)
    # The tick at a quarter of the axis, in the top half of each strip.
    assert not (small[270 - 13 + 3 : 270 - 5, round(4 + 472 * 0.25)] == round(200 * DARKEN)).all()
    assert not (large[1080 - 52 + 6 : 1080 - 30, round(16 + 1888 * 0.25)] == round(200 * DARKEN)).all()


def test_an_hour_of_contacts_draws_the_same_as_replaying_them_into_a_fresh_strip() -> None:
    rng = np.random.default_rng(3)
    times = np.sort(rng.uniform(0, 3600, 6000))
    live = TimelineStrip(duration_s=3600.0)
    live.draw(_frame(), t_now_s=0.0)
    for i, t in enumerate(times):
        live.add_contact(float(t), "left" if i % 2 else "right", ("heel", "forefoot", "unknown")[i % 3])
        if i % 500 == 0:
            live.add_glance(float(t), float(t) + 2.0)
    fresh = TimelineStrip(duration_s=3600.0)
    fresh.contacts, fresh.glances = list(live.contacts), list(live.glances)
    a, b = _frame(), _frame()
    live.draw(a, t_now_s=1800.0)
    fresh.draw(b, t_now_s=1800.0)
    assert np.array_equal(a, b)
