"""API of the signature check: anyone uploads a PDF and reads who signed it, when, and whether it changed since.

Open without a token, like the page (core/signature_views.py): a reader outside the system must be able to check
a paper. A file that is not a PDF is 422 with a Vietnamese message (api/common.py)."""

import datetime

from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from thidua.core import kernel, signing

router = Router(tags=["signatures"])


class SignatureOut(Schema):
    field: str
    signer: str
    subject: str
    issuer: str
    signed_at: datetime.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    unchanged: bool


@router.post("/signatures/verify", response=list[SignatureOut], auth=None, summary="Kiểm tra chữ ký số của tệp PDF")
def verify(request, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja declares uploads this way
    if file.size > signing.MAX_BYTES:
        raise kernel.Refusal(_("Tệp quá lớn (hơn 20 MB)."))
    return [_out(check) for check in signing.check_pdf(file.read())]


def _out(check):
    return {**check.__dict__, "unchanged": check.unchanged}
