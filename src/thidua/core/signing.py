"""Signed papers: an issued PDF is signed (PAdES) with the office's certificate when one is configured, and any
uploaded PDF can be checked: who signed, when, whether the signature holds and whether the file changed since.

pyHanko does the signing and the checking; nothing here handles PDF signatures by hand. The certificate is the
province's own, from a licensed CA (a PKCS#12 file and its password, from the environment): the system issues no
certificates. A certificate is trusted only when its CA's root is in PAPER_SIGNING_TRUST_ROOTS; nothing is fetched
from the internet (no OCSP, no CRL download), so revocation is not checked here.
"""

import asyncio
import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel

SIGNATURE_FIELD = "ChuKySoCoQuan"
MAX_BYTES = 20 * 1024 * 1024


def office_signer():
    """The configured signer, or None when the province has not configured a certificate."""
    path = settings.PAPER_SIGNING_PKCS12
    if not path:
        return None
    from pyhanko.sign import signers  # noqa: PLC0415 - heavy: only signing pays for loading pyHanko's signer

    password = settings.PAPER_SIGNING_PASSWORD
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=password.encode() if password else None)
    if signer is None:
        raise ImproperlyConfigured("PAPER_SIGNING_PKCS12 cannot be opened with PAPER_SIGNING_PASSWORD.")
    return signer


def holder_name(certificate):
    """The organisation a certificate names (O), else its common name (CN)."""
    subject = certificate.subject.native
    return subject.get("organization_name") or subject.get("common_name") or certificate.subject.human_friendly


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def stamp_css(signer, moment):
    """ND 30's mark of an organisation's digital signature on the first page, top right: the organisation and the
    time of signing (ISO 8601, Vietnam's time zone). It is drawn by WeasyPrint in the shipped font, so the signed
    file still embeds only Liberation Serif."""
    when = timezone.localtime(moment).replace(microsecond=0).isoformat()
    text = _("Ký bởi: %(name)s\nThời gian ký: %(when)s") % {"name": holder_name(signer.signing_cert), "when": when}
    return (
        "@page :first { @top-right { content: "
        + _css_string(text)
        + "; white-space: pre; font-family: 'Liberation Serif'; font-size: 9pt; color: #c00;"
        " border: 0.6pt solid #c00; padding: 1mm 2mm; vertical-align: middle; } }"
    )


def _run(make_coroutine):
    """Run one of pyhanko's coroutines to its end. pyhanko's synchronous wrappers call asyncio.run, which fails in a
    thread whose event loop is already running (an async server; Playwright's loop in the browser tests); there the
    coroutine runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def sign_pdf(content, signer):
    """The PDF with one PAdES signature (SHA-256) over the whole file, in an invisible field: the visible mark is
    part of the page (stamp_css)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 - heavy: as above
    from pyhanko.sign import fields, signers  # noqa: PLC0415 - heavy: as above

    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    output = io.BytesIO()
    _run(lambda: signers.async_sign_pdf(writer, meta, signer=signer, output=output))
    return output.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str  # the certificate holder's organisation or name
    subject: str  # the certificate's whole subject, as a reader writes it
    issuer: str  # who issued the certificate
    signed_at: datetime.datetime | None  # the time the signer's software reported
    intact: bool  # the signed bytes are the bytes that were signed
    valid: bool  # the signature value matches the certificate
    trusted: bool  # the certificate chains to a configured trust root
    covers_whole_file: bool  # nothing was added to the file after this signature

    @property
    def unchanged(self):
        return self.intact and self.valid and self.covers_whole_file


def _trust_roots():
    from pyhanko.keys import load_certs_from_pemder  # noqa: PLC0415 - heavy: as above

    paths = settings.PAPER_SIGNING_TRUST_ROOTS
    return list(load_certs_from_pemder(paths)) if paths else []


def check_pdf(content):
    """[SignatureCheck] of every signature in the PDF, in file order; [] for a PDF without one. A file that is not a
    readable PDF is refused with a Vietnamese message."""
    from pyhanko.pdf_utils.misc import PdfError  # noqa: PLC0415 - heavy: as above
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 - heavy: as above
    from pyhanko.sign.validation import async_validate_pdf_signature  # noqa: PLC0415 - heavy: as above
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 - heavy: as above
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 - heavy: as above

    if len(content) > MAX_BYTES:
        raise kernel.Refusal(_("Tệp quá lớn (hơn 20 MB)."))
    if not content.lstrip()[:5] == b"%PDF-":
        raise kernel.Refusal(_("Tệp không phải là tệp PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as broken:
        raise kernel.Refusal(_("Không đọc được tệp PDF này.")) from broken
    roots = _trust_roots()
    checks = []
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = _run(lambda: async_validate_pdf_signature(signature, context))  # noqa: B023 - run at once
        except (PdfError, ValueError, KeyError, TypeError) as broken:  # SignatureValidationError is a ValueError
            raise kernel.Refusal(_("Không đọc được chữ ký trong tệp PDF này.")) from broken
        certificate = status.signing_cert
        checks.append(
            SignatureCheck(
                field=signature.field_name,
                signer=holder_name(certificate),
                subject=certificate.subject.human_friendly,
                issuer=certificate.issuer.human_friendly,
                signed_at=status.signer_reported_dt,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return checks
