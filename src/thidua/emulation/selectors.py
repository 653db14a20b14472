"""Reads about the emulation year."""

from thidua.emulation.models import Phase


def phase_of(cluster_year, kind):
    return Phase.objects.filter(cluster_year=cluster_year, kind=kind).first()


def phase_is_open(cluster_year, kind, day=None):
    """Whether the phase is open now. A year without that phase set up has it closed."""
    phase = phase_of(cluster_year, kind)
    return phase is not None and phase.is_open(day)


def phase_has_closed(cluster_year, kind, day=None):
    phase = phase_of(cluster_year, kind)
    return phase is not None and phase.has_closed(day)
