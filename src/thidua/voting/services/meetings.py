"""Meetings and their roll of delegates or council members."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import kernel
from thidua.core.documents import vietnamese
from thidua.core.services import snapshot
from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment
from thidua.organizations.scopes import scope_of
from thidua.voting.enums import MEETING_TRANSITIONS, BallotState, DelegateRole, MeetingKind, MeetingState
from thidua.voting.models import Delegate, Meeting
from thidua.voting.services.common import require_manager, require_not_ended

MEETING_FIELDS = (
    "title",
    "held_on",
    "place",
    "chair_name",
    "chair_title",
    "secretary_name",
    "secretary_title",
    "guests",
    "conclusions",
)


@transaction.atomic
def create_meeting(*, kind, title, held_on, place, actor, cluster_year=None, province=None, **details):
    """A conference reviews one cluster year (its province is the cluster's); a council session belongs to a province.

    details: chair_name, chair_title, secretary_name, secretary_title, guests (one per line), is_invented.
    """
    if kind == MeetingKind.CONFERENCE:
        if cluster_year is None:
            raise kernel.Refusal(_("Hội nghị tổng kết phải gắn với một kỳ thi đua của cụm."))
        kernel.require(actor, "voting.add_conference", cluster_year)
        province = cluster_year.cluster.province
    else:
        if province is None:
            raise kernel.Refusal(_("Phiên họp Hội đồng phải gắn với một tỉnh."))
        kernel.require(actor, "voting.add_council_session", province)
        cluster_year = None
    meeting = Meeting(
        kind=kind,
        cluster_year=cluster_year,
        province=province,
        title=title,
        held_on=held_on,
        place=place,
        created_by=actor,
        **details,
    )
    meeting.full_clean()
    meeting.save()
    kernel.log(actor, "meeting.created", meeting, new=snapshot(meeting, ("kind", "title", "held_on", "place")))
    return meeting


@transaction.atomic
def update_meeting(meeting, *, actor, seen_version=None, **changes):
    require_manager(actor, meeting)
    require_not_ended(meeting)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise kernel.Refusal(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    old = snapshot(meeting, changes)
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    kernel.compare_and_set(meeting, seen_version, changes)
    kernel.log(actor, "meeting.updated", meeting, old=old, new=snapshot(meeting, changes))
    return meeting


@transaction.atomic
def set_meeting_state(meeting, new_state, *, actor):
    """Planned -> in progress -> ended. A meeting ends only when none of its ballots is still open."""
    original = meeting
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_manager(actor, meeting)
    if new_state not in MeetingState.values:
        raise kernel.Refusal(_("Không có tình trạng hội nghị “%(state)s”.") % {"state": new_state})
    if new_state not in MEETING_TRANSITIONS[meeting.state]:
        raise kernel.Refusal(
            _("Không chuyển được từ “%(old)s” sang “%(new)s”.")
            % {"old": MeetingState(meeting.state).label, "new": MeetingState(new_state).label}
        )
    if new_state == MeetingState.ENDED and meeting.ballots.filter(state=BallotState.OPEN).exists():
        raise kernel.Refusal(_("Còn phiếu đang bỏ; hãy kết thúc bỏ phiếu trước khi kết thúc hội nghị."))
    old = meeting.state
    meeting.state = new_state
    meeting.save(update_fields=["state"])
    kernel.log(actor, "meeting.state_changed", meeting, old={"state": old}, new={"state": new_state})
    return kernel.sync(original, meeting)


def _next_sort_order(meeting):
    return (meeting.delegates.aggregate(top=Max("sort_order"))["top"] or 0) + 1


@transaction.atomic
def add_delegate(meeting, *, full_name, actor, title="", unit=None, user=None, role=None, is_present=True):
    require_manager(actor, meeting)
    require_not_ended(meeting)
    if meeting.is_conference and unit is not None and not meeting.cluster_year.memberships.filter(unit=unit).exists():
        raise kernel.Refusal(
            _("%(unit)s không phải thành viên của cụm năm %(year)s.")
            % {"unit": unit.full_name, "year": meeting.cluster_year.year}
        )
    if (
        user is not None
        and not meeting.is_conference
        and meeting.province_id not in scope_of(user).council_province_ids
    ):
        # An account on a council's roll votes on its ballots: only a member of that province's council may.
        raise kernel.Refusal(
            _("Tài khoản %(user)s không phải thành viên Hội đồng Thi đua - Khen thưởng của %(province)s.")
            % {"user": user.username, "province": meeting.province.name}
        )
    if user is not None and meeting.delegates.filter(user=user).exists():
        raise kernel.Refusal(_("Tài khoản %(user)s đã có trong danh sách.") % {"user": user.username})
    if not full_name.strip():
        raise kernel.Refusal(_("Hãy nhập họ và tên đại biểu."))
    role = role or (DelegateRole.DELEGATE if meeting.is_conference else DelegateRole.COUNCIL_MEMBER)
    delegate = Delegate.objects.create(
        meeting=meeting,
        role=role,
        full_name=full_name.strip(),
        title=title,
        unit=unit,
        user=user,
        is_present=is_present,
        sort_order=_next_sort_order(meeting),
    )
    kernel.log(actor, "meeting.delegate_added", delegate, new=snapshot(delegate, ("full_name", "unit", "user")))
    return delegate


def _title_in_unit(user, unit, day):
    person = getattr(user, "person", None)
    if person is None:
        return ""
    position = (
        person.positions.filter(unit=unit)
        .exclude(valid_from__gt=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )
    return f"{position.title} {unit.full_name}" if position else ""


@transaction.atomic
def add_member_delegates(meeting, *, actor):
    """Fill the roll: one delegate per member unit (its head's account) or every council member of the province."""
    require_manager(actor, meeting)
    require_not_ended(meeting)
    added = []
    if meeting.is_conference:
        have = set(meeting.delegates.exclude(unit=None).values_list("unit_id", flat=True))
        for membership in meeting.cluster_year.memberships.select_related("unit").order_by("unit__folded_name"):
            unit = membership.unit
            if unit.pk in have:
                continue
            head = (
                RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit=unit)
                .select_related("user__person")
                .order_by("id")
                .first()
            )
            user = head.user if head and not meeting.delegates.filter(user=head.user).exists() else None
            name = (
                (user.full_name or user.username)
                if user
                else vietnamese(gettext_lazy("Đại diện %(unit)s")) % {"unit": unit.full_name}
            )
            title = _title_in_unit(user, unit, meeting.held_on) if user else ""
            added.append(add_delegate(meeting, full_name=name, title=title, unit=unit, user=user, actor=actor))
        return added
    have = set(meeting.delegates.exclude(user=None).values_list("user_id", flat=True))
    members = RoleAssignment.objects.filter(role=Role.COUNCIL_MEMBER, province=meeting.province).select_related("user")
    for assignment in members.order_by("user__full_name", "user_id"):
        if assignment.user_id in have:
            continue
        have.add(assignment.user_id)
        user = assignment.user
        added.append(
            add_delegate(
                meeting,
                full_name=user.full_name or user.username,
                title=vietnamese(gettext_lazy("Thành viên Hội đồng Thi đua - Khen thưởng")),
                user=user,
                actor=actor,
            )
        )
    return added


@transaction.atomic
def set_attendance(delegate, *, is_present, actor):
    """Attendance may change between ballots; each ballot keeps the roll as it stood when it opened."""
    meeting = delegate.meeting
    require_manager(actor, meeting)
    require_not_ended(meeting)
    old = delegate.is_present
    delegate.is_present = bool(is_present)
    delegate.save(update_fields=["is_present"])
    kernel.log(actor, "meeting.attendance_set", delegate, old={"is_present": old}, new={"is_present": is_present})
    return delegate


@transaction.atomic
def remove_delegate(delegate, *, actor):
    meeting = delegate.meeting
    require_manager(actor, meeting)
    require_not_ended(meeting)
    if delegate.voter_entries.exists():
        raise kernel.Refusal(_("Đại biểu đã có tên trong danh sách của một phiếu đã mở; không xóa được."))
    kernel.log(actor, "meeting.delegate_removed", delegate, old=snapshot(delegate, ("full_name", "unit", "user")))
    delegate.delete()
