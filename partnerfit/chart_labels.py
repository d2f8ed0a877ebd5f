"""Where a chart's words go so they stay readable: a score's figure beside or inside its bar, a point's label
above or below it, clear of the band lines; an explanation's short form for the chart."""

from __future__ import annotations

from collections.abc import Sequence

# How much of the 0-100 axis a score's figure takes right of (or inside) its bar, with room to spare: three
# digits at 12 px are ~22 px, and the plot is at least ~220 px wide (390 px phone) -> 10 points.
LABEL_SPAN = 10


def label_goes_inside(score: float, thresholds: Sequence[float]) -> bool:
    """Whether a score's figure goes inside the end of its bar rather than right of it: when a band line (or the
    plot's right edge) is in the way outside, and the bar holds it with nothing in the way, or less close in
    the way than outside (64 between lines at 55 and 67 goes inside, 9 points from 55, not 3 from 67)."""
    if score < LABEL_SPAN:
        return False  # too short a bar to hold it
    outside = [t - score for t in thresholds if score <= t <= score + LABEL_SPAN]
    if score + LABEL_SPAN > 100:
        outside.append(100 - score)
    inside = [score - t for t in thresholds if score - LABEL_SPAN <= t < score]
    if not outside:
        return False
    return not inside or min(inside) > min(outside)


def explanation_head(text: str) -> str:
    """The short form of an explanation shown on the chart ('not scored'), the whole of it in the tooltip."""
    return text.split(":", 1)[0].strip()


# Where a point's label goes on the 0-100 axis of the history chart (240 px high: 1 point is 2.4 px): its
# centre LABEL_OFFSET above or below the point, and no band line within LABEL_CLEARANCE of that centre (11 px
# text is ~4.6 points high: half of it, and a gap).
LABEL_OFFSET = 7.0
LABEL_CLEARANCE = 4.5


def label_height(score: float, thresholds: Sequence[float]) -> float:
    """Where the label of a point at ``score`` is centred: above it, else below it, else (a line near both) the
    side farther from any line; always inside the plot."""

    def clearance(at: float) -> float:
        return min((abs(at - t) for t in thresholds), default=100.0)

    sides = [at for at in (score + LABEL_OFFSET, score - LABEL_OFFSET) if 0 <= at <= 100]
    clear = [at for at in sides if clearance(at) >= LABEL_CLEARANCE]
    return clear[0] if clear else max(sides, key=clearance)
