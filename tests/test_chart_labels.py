"""Where chart words go: figures beside or inside bars, point labels clear of band lines."""

from hypothesis import given, settings
from hypothesis import strategies as st

from partnerfit import chart_labels


@settings(deadline=None, max_examples=200)
@given(score=st.floats(0, 100), thresholds=st.lists(st.floats(1, 99), max_size=3))
def test_history_labels_never_sit_on_a_band_line_when_there_is_room(score, thresholds):
    at = chart_labels.label_height(score, thresholds)
    assert 0 <= at <= 100
    assert (
        abs(at - score) >= chart_labels.LABEL_OFFSET - chart_labels.LABEL_CLEARANCE
    )  # beside the point, not on it
    sides = [score + chart_labels.LABEL_OFFSET, score - chart_labels.LABEL_OFFSET]
    if any(
        0 <= s <= 100 and all(abs(s - t) >= chart_labels.LABEL_CLEARANCE for t in thresholds) for s in sides
    ):
        assert all(abs(at - t) >= chart_labels.LABEL_CLEARANCE for t in thresholds)


def test_a_figure_goes_inside_its_bar_when_a_line_or_the_edge_is_in_the_way_outside():
    assert chart_labels.label_goes_inside(47, [50, 75])
    assert not chart_labels.label_goes_inside(80, [50, 75])
    assert not chart_labels.label_goes_inside(5, [8])  # too short a bar to hold it
    assert chart_labels.label_goes_inside(64, [55, 67])  # both sides have a line: the farther one
    assert not chart_labels.label_goes_inside(58, [55, 67])
    assert chart_labels.label_goes_inside(96, [55, 67])  # the right edge would cut it
