"""Tells the emulation year's reminders which units have not yet submitted their self-assessment."""

from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import register_phase_pending
from thidua.scoring.selectors import units_without_submitted_assessment

register_phase_pending(PhaseKind.SELF_ASSESSMENT, units_without_submitted_assessment)
