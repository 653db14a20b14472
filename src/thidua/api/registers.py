"""API of the outgoing registers: read the registers and the numbers given out, and number a paper.

Same permissions as the pages: the staff of a unit, the secretariat of a cluster, the board of a province read their
own registers; numbering a paper asks the paper's own permission (whoever may change it). Refusals are 422 with a
Vietnamese message (api/common.py); a paper the caller may not see is 404.

The issuing bodies' signing certificates: the board of the province and administrators list, upload (multipart:
`body_key`, `password`, `file`), replace and remove them, as on the page; the sealed key is never returned.
"""

import datetime

from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from thidua.api.common import AUTH, require_perm
from thidua.registers import selectors, services
from thidua.registers.models import SigningCertificate
from thidua.registers.papers import paper_spec

router = Router(tags=["registers"], auth=AUTH)


class RegisterOut(Schema):
    id: int
    name: str
    issuer_kind: str
    year: int
    symbol: str
    next_number: int


class EntryOut(Schema):
    id: int
    register_id: int
    number: int
    full_number: str
    paper_type: str
    paper_code: str
    object_id: int
    summary: str
    issued_on: datetime.date


@router.get("/registers", response=list[RegisterOut])
def list_registers(request):
    require_perm(request, "registers.list_registers")
    return list(selectors.registers_visible_to(request.user).order_by("-year", "name"))


@router.get("/register-entries", response=list[EntryOut])
def list_entries(request, q: str = "", register_id: int | None = None, year: int | None = None):
    """Numbers given out in the registers the caller reads; `q` matches the number or the trích yếu."""
    require_perm(request, "registers.list_registers")
    chosen = None
    if register_id is not None:
        chosen = selectors.registers_visible_to(request.user).filter(pk=register_id).first()
        if chosen is None:
            raise Http404
    return list(selectors.search_entries(request.user, query=q[:200], register=chosen, year=year))


@router.post("/papers/{code}/{object_id}/issue", response={201: EntryOut})
def issue(request, code: str, object_id: int):
    """Give the paper its number and today's date in its issuer's register."""
    spec = paper_spec(code)
    if spec is None:
        raise Http404
    try:
        paper = spec.load(object_id)
    except Exception as missing:
        raise Http404 from missing
    if not request.user.has_perm(spec.view_perm, paper):
        raise Http404
    return Status(201, services.issue_paper(request.user, code, object_id))


class CertificateOut(Schema):
    id: int
    body_key: str
    issuer_kind: str
    name: str
    subject: str
    issuer: str
    valid_from: datetime.datetime
    valid_to: datetime.datetime
    fingerprint: str
    uploaded_at: datetime.datetime


@router.get("/signing-certificates", response=list[CertificateOut])
def list_certificates(request):
    require_perm(request, "registers.list_certificates")
    return list(selectors.certificates_visible_to(request.user))


@router.post("/signing-certificates", response={201: CertificateOut})
def upload_certificate(
    request,
    body_key: str = Form(...),
    password: str = Form(""),
    file: UploadedFile = File(...),  # noqa: B008
):
    """Store or replace the body's certificate; a wrong password or an expired certificate is 422."""
    require_perm(request, "registers.list_certificates")
    issuer = selectors.issuer_of(body_key)
    if issuer is None:
        raise Http404
    return Status(201, services.upload_certificate(request.user, issuer, file.read(), password))


@router.delete("/signing-certificates/{certificate_id}", response={204: None})
def remove_certificate(request, certificate_id: int):
    certificate = SigningCertificate.objects.select_related("province").filter(pk=certificate_id).first()
    if certificate is None or not request.user.has_perm("registers.manage_certificates", certificate.province):
        raise Http404
    services.remove_certificate(request.user, certificate)
    return Status(204, None)
