"""Axis scales for the charts the server draws (reports' dashboards, the ranking): round ends, whole-number steps."""


def nice_top(maximum, *, whole=False):
    """A round top for the value axis (10, 20, 25, 50, 100, ...); whole keeps it a whole number for counts."""
    if maximum <= 0:
        return 1
    magnitude = 10 ** (len(str(int(maximum))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if maximum <= top and not (whole and top != int(top)):
            return int(top) if whole else top
    return 10 * magnitude


WIDE_SPREAD, NARROW_SPREAD = 20, 4  # points between the lowest and highest value: steps of 10, of 5, else of 1


def nice_floor(low, high):
    """Where a score axis should start: a round number a little under the lowest value, so that 91.3 and 99 do not
    look equal as they do on bars from 0. 0 when the values already spread over more than half the axis."""
    low, high = float(low), float(high)
    if low <= 0 or low < high * 0.5:
        return 0
    room = max((high - low) * 0.5, 1)
    step = 10 if high - low > WIDE_SPREAD else 5 if high - low > NARROW_SPREAD else 1
    return max(0, int((low - room) // step * step))


def count_ticks(scale):
    """How many steps divide a count axis into whole numbers (a count of 12,5 awards means nothing)."""
    for ticks in (5, 4, 2, 1):
        if scale % ticks == 0:
            return ticks
    return 1
