"""Writes about a person's recognised initiatives (sáng kiến, đề tài, đề án), which eligibility counts."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.enums import InitiativeKind, InitiativeScope
from thidua.awards.models import Initiative
from thidua.awards.services.records import FIRST_YEAR
from thidua.core import kernel
from thidua.core.services import snapshot
from thidua.organizations.models import Person

FIELDS = ["title", "kind", "co_authors", "scope", "recognised_by", "decision_number", "decision_date", "year", "note"]
REQUIRED = {
    "title": gettext_lazy("tên sáng kiến, đề tài"),
    "recognised_by": gettext_lazy("cơ quan, người công nhận"),
    "decision_number": gettext_lazy("số quyết định công nhận"),
}


def _clean(values):
    cleaned = {name: values.get(name) for name in FIELDS}
    for name in ("title", "co_authors", "recognised_by", "decision_number", "note"):
        cleaned[name] = str(cleaned[name] or "").strip()
    cleaned["kind"] = cleaned["kind"] or InitiativeKind.INITIATIVE
    for name, label in REQUIRED.items():
        if not cleaned[name]:
            kernel.refuse(_("Hãy ghi %(label)s."), label=label)
    if cleaned["kind"] not in InitiativeKind.values:
        kernel.refuse(_("Loại sáng kiến, đề tài không hợp lệ."))
    if cleaned["scope"] not in InitiativeScope.values:
        kernel.refuse(_("Hãy chọn phạm vi ảnh hưởng: cơ sở, toàn tỉnh hoặc toàn quốc."))
    decided = cleaned["decision_date"]
    if decided is None:
        kernel.refuse(_("Hãy ghi ngày quyết định công nhận."))
    if decided > timezone.localdate():
        kernel.refuse(_("Ngày quyết định công nhận không được sau hôm nay."))
    year = cleaned["year"]
    if year is None or isinstance(year, bool) or not (FIRST_YEAR <= int(year) <= decided.year):
        kernel.refuse(
            _("Năm tính thành tích phải từ %(first)s đến năm của quyết định công nhận (%(last)s)."),
            first=FIRST_YEAR,
            last=decided.year,
        )
    cleaned["year"] = int(year)
    return cleaned


@transaction.atomic
def record_initiative(person, *, actor, **values):
    """Record one recognised initiative of `person`. The same decision cannot record the same title twice."""
    kernel.require(actor, "awards.record_initiative", person)
    cleaned = _clean(values)
    # The person's row is the lock: two officers entering the same decision at once cannot both write it.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    duplicate = Initiative.objects.filter(
        person=person, decision_number=cleaned["decision_number"], title=cleaned["title"]
    ).exists()
    if duplicate:
        kernel.refuse(
            _("Sáng kiến “%(title)s” theo quyết định số %(number)s đã được ghi cho người này."),
            title=cleaned["title"],
            number=cleaned["decision_number"],
        )
    initiative = Initiative.objects.create(person=person, created_by=actor, **cleaned)
    kernel.log(actor, "initiative.recorded", initiative, new=snapshot(initiative, FIELDS), scope=person)
    return initiative


@transaction.atomic
def remove_initiative(initiative, *, actor, reason):
    """Remove a record entered by mistake; the activity log keeps what it said and why it went."""
    kernel.require(actor, "awards.record_initiative", initiative.person)
    reason = str(reason or "").strip()
    if not reason:
        kernel.refuse(_("Hãy ghi lý do xóa bản ghi sáng kiến."))
    locked = Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if locked is None:
        raise kernel.StaleEdit
    kernel.log(actor, "initiative.removed", locked, old=snapshot(locked, FIELDS), note=reason, scope=locked.person)
    locked.delete()
