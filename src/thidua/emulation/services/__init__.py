"""Writes of the emulation year. Every function checks its guard, writes, logs and notifies in one transaction."""

from thidua.core.kernel import StaleEdit
from thidua.emulation.services.exemplars import propose_exemplar, set_exemplar_state, update_exemplar
from thidua.emulation.services.movements import (
    create_guiding_document,
    create_movement,
    file_movement_report,
    join_movement,
    record_movement_model,
    update_guiding_document,
    update_movement,
)
from thidua.emulation.services.phases import send_phase_reminders, set_phase_dates, set_phase_override
from thidua.emulation.services.pledges import (
    attach_pledge_scan,
    create_pledge,
    set_pledge_state,
    sign_pledge,
    update_pledge,
)
from thidua.emulation.services.registrations import (
    check_can_edit,
    registration_for,
    save_registration,
    set_registration_state,
)

__all__ = [
    "StaleEdit",
    "attach_pledge_scan",
    "check_can_edit",
    "create_guiding_document",
    "create_movement",
    "create_pledge",
    "file_movement_report",
    "join_movement",
    "propose_exemplar",
    "record_movement_model",
    "registration_for",
    "save_registration",
    "send_phase_reminders",
    "set_exemplar_state",
    "set_phase_dates",
    "set_phase_override",
    "set_pledge_state",
    "set_registration_state",
    "sign_pledge",
    "update_exemplar",
    "update_guiding_document",
    "update_movement",
    "update_pledge",
]
