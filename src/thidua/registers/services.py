"""Giving a paper its number: the one write of the registers."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.registers.enums import TYPE_SYMBOLS
from thidua.registers.models import Entry, Register
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
