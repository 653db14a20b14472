"""The writes of the registers: giving a paper its number, and an issuing body's signing certificate."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.registers import certificates
from thidua.registers.enums import TYPE_SYMBOLS
from thidua.registers.models import Entry, Register, SigningCertificate
from thidua.registers.papers import paper_spec


def _register_for(issuer, year):
    """The body's register of the year, locked: the next number is read and advanced under the lock."""
    Register.objects.get_or_create(
        body_key=issuer.body_key,
        year=year,
        defaults={
            "issuer_kind": issuer.kind,
            "unit": issuer.unit,
            "cluster": issuer.cluster,
            "province": issuer.province,
            "name": issuer.name,
            "symbol": issuer.symbol,
        },
    )
    return Register.objects.select_for_update().get(body_key=issuer.body_key, year=year)


def issue_paper(actor, code, object_id, *, day=None):
    """Give the paper its number and date in its issuer's register of the year. A paper is numbered once; a number
    is never given twice, even if the paper is later withdrawn. Returns the Entry."""
    spec = paper_spec(code)
    if spec is None:
        kernel.refuse(_("Không có loại văn bản này."))
    try:
        paper = spec.load(object_id)
    except Exception as missing:
        raise kernel.Refusal(_("Không tìm thấy văn bản.")) from missing
    kernel.require(actor, spec.perm, paper)
    day = day or timezone.localdate()
    issuer = spec.issuer(paper)
    with transaction.atomic():
        if Entry.objects.filter(paper_code=code, object_id=object_id).exists():
            kernel.refuse(_("Văn bản này đã được cấp số."))
        register = _register_for(issuer, day.year)
        number = register.next_number
        register.next_number = number + 1
        register.save(update_fields=["next_number"])
        try:
            with transaction.atomic():
                entry = Entry.objects.create(
                    register=register,
                    number=number,
                    symbol=f"{TYPE_SYMBOLS[spec.paper_type]}-{register.symbol}",
                    paper_type=spec.paper_type,
                    paper_code=code,
                    object_id=object_id,
                    summary=str(spec.summary(paper))[:500],
                    issued_on=day,
                    issued_by=actor,
                )
        except IntegrityError as race:  # someone numbered the same paper a moment ago
            raise kernel.Refusal(_("Văn bản này đã được cấp số.")) from race
        if spec.on_issue is not None:
            spec.on_issue(paper, entry)
        kernel.log(actor, "register.issued", entry, new={"number": entry.full_number, "paper": code})
    return entry


CERTIFICATE_FIELDS = ("subject", "issuer", "valid_from", "valid_to", "fingerprint")


def _shown(certificate):
    # What the log keeps of a certificate: its public facts, never the sealed key or the password.
    return {f: str(getattr(certificate, f)) for f in CERTIFICATE_FIELDS}


def upload_certificate(actor, issuer, content, password):
    """Store (or replace) the body's signing certificate. A file that does not open with the password, lacks the
    private key, or is expired is refused and changes nothing. Returns the SigningCertificate."""
    kernel.require(actor, "registers.manage_certificates", issuer.province)
    facts = certificates.read_pkcs12(content, password or "")
    with transaction.atomic():
        current = SigningCertificate.objects.select_for_update().filter(body_key=issuer.body_key).first()
        old = _shown(current) if current is not None else None
        certificate = current or SigningCertificate(body_key=issuer.body_key)
        certificate.issuer_kind = issuer.kind
        certificate.unit, certificate.cluster, certificate.province = issuer.unit, issuer.cluster, issuer.province
        certificate.name = issuer.name
        for field in CERTIFICATE_FIELDS:
            setattr(certificate, field, getattr(facts, field))
        certificate.sealed = certificates.seal(content, password or "")
        certificate.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
        certificate.uploaded_at = timezone.now()
        certificate.save()
        action = "certificate.replaced" if old else "certificate.uploaded"
        kernel.log(actor, action, certificate, old=old, new=_shown(certificate))
    return certificate


def remove_certificate(actor, certificate):
    """The body's papers are signed with the installation's certificate again (if any)."""
    kernel.require(actor, "registers.manage_certificates", certificate.province)
    with transaction.atomic():
        locked = SigningCertificate.objects.select_for_update().filter(pk=certificate.pk).first()
        if locked is None:
            kernel.refuse(_("Chứng thư số này đã được gỡ."))
        kernel.log(actor, "certificate.removed", locked, old=_shown(locked))
        locked.delete()
