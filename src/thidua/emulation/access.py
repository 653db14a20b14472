"""Who may download the files attached to emulation records (served by core's permission-checked view)."""

from thidua.core.files import register_file_access
from thidua.emulation.models import Exemplar, GuidingDocument, MovementModel, MovementReport, PledgeSignature


def _document_file(user, stored):
    return GuidingDocument.objects.filter(file=stored).exists() and user.has_perm("emulation.view_guiding_document")


def _report_file(user, stored):
    reports = MovementReport.objects.filter(files=stored).select_related("participation__unit")
    return any(user.has_perm("emulation.view_unit_work", r.participation.unit) for r in reports)


def _model_file(user, stored):
    models = MovementModel.objects.filter(evidence=stored).select_related("unit")
    return any(user.has_perm("emulation.view_unit_work", m.unit) for m in models)


def _exemplar_file(user, stored):
    # Evidence about people is not public even when the exemplar is: the unit and those who decide only.
    return any(
        user.has_perm("emulation.decide_exemplar", e) or user.has_perm("emulation.view_unit_work", e.unit)
        for e in Exemplar.objects.filter(evidence=stored).select_related("unit")
    )


def _pledge_scan(user, stored):
    signatures = PledgeSignature.objects.filter(scan=stored).select_related("pledge__cluster_year__cluster")
    return any(user.has_perm("emulation.view_pledge", s.pledge) for s in signatures)


CHECKS = (_document_file, _report_file, _model_file, _exemplar_file, _pledge_scan)


@register_file_access
def can_access_emulation_file(user, stored):
    return user.is_authenticated and any(check(user, stored) for check in CHECKS)
