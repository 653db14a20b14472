"""Pages for meetings: the list, set-up, the roll of delegates, and next year's leader and deputy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.documents import vietnamese
from thidua.core.exports import Column, list_export
from thidua.core.web import form_errors, run
from thidua.organizations.models import ClusterYear, Province
from thidua.organizations.scopes import scope_of
from thidua.registers.selectors import entry_for
from thidua.voting import numbered, selectors, services
from thidua.voting.enums import BallotPurpose, LeadershipSource, MeetingKind, MeetingState
from thidua.voting.forms import DelegateForm, MeetingForm
from thidua.voting.models import Delegate
from thidua.voting.views.common import load_meeting, load_meeting_of


def _creatable(user):
    scope = scope_of(user)
    years = ClusterYear.objects.select_related("cluster").order_by("-year", "cluster__name")
    provinces = Province.objects.filter(valid_to__isnull=True)
    if not scope.is_admin:
        years = years.filter(
            Q(pk__in=scope.secretariat_cluster_year_ids) | Q(cluster__province_id__in=scope.board_province_ids)
        )
        provinces = provinces.filter(pk__in=scope.board_province_ids)
    return list(years[:60]), list(provinces)


@login_required
def meeting_list(request):
    if not request.user.has_perm("voting.list_meetings"):
        raise PermissionDenied
    page = Paginator(selectors.meetings_for_list(request.user), 30).get_page(request.GET.get("page"))
    years, provinces = _creatable(request.user)
    return render(
        request,
        "voting/meeting_list.html",
        {"page": page, "cluster_years": years, "provinces": provinces, "open_ballots": _my_open(request.user)},
    )


@login_required
def meeting_list_export(request):
    if not request.user.has_perm("voting.list_meetings"):
        raise PermissionDenied
    columns = [
        Column(_("Hội nghị, phiên họp"), lambda m: m.title),
        Column(_("Loại"), lambda m: m.get_kind_display()),
        Column(_("Ngày họp"), lambda m: m.held_on),
        Column(_("Địa điểm"), lambda m: m.place),
        Column(_("Cụm, khối"), lambda m: m.cluster_year.cluster.name if m.cluster_year else ""),
        Column(_("Tỉnh"), lambda m: m.province.name),
        Column(_("Tình trạng"), lambda m: m.get_state_display()),
        Column(_("Số phiếu bầu"), lambda m: m.ballot_count),
        Column(_("Số đại biểu"), lambda m: m.delegate_count),
    ]
    meetings = selectors.meetings_for_list(request.user)
    return list_export(meetings, columns, sheet="Hoi nghi", filename="hoi-nghi-bo-phieu")


def _my_open(user):
    return list(selectors.open_ballots_for_user(user)[:10])


def _chosen_pk(request, name):
    """The id the form or link carries; anything but digits is no such object (not a server error)."""
    value = (request.GET.get(name) or request.POST.get(name) or "").strip()
    if not value.isdecimal():
        raise Http404
    return int(value)


@login_required
def meeting_create(request):
    cluster_year = province = None
    if request.GET.get("cluster_year") or request.POST.get("cluster_year"):
        pk = _chosen_pk(request, "cluster_year")
        cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province"), pk=pk)
        if not request.user.has_perm("voting.add_conference", cluster_year):
            raise PermissionDenied
        kind = MeetingKind.CONFERENCE
        initial = {
            "title": vietnamese(gettext_lazy("Hội nghị tổng kết công tác thi đua, khen thưởng năm %(y)s"))
            % {"y": cluster_year.year}
        }
    else:
        province = get_object_or_404(Province, pk=_chosen_pk(request, "province"))
        if not request.user.has_perm("voting.add_council_session", province):
            raise PermissionDenied
        kind = MeetingKind.COUNCIL
        initial = {
            "title": vietnamese(gettext_lazy("Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh %(p)s"))
            % {"p": province.name}
        }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        ok, meeting = run(
            request,
            lambda: services.create_meeting(
                kind=kind, cluster_year=cluster_year, province=province, actor=request.user, **data
            ),
            _("Đã tạo hội nghị, phiên họp."),
        )
        if ok:
            return redirect("voting:meeting_detail", meeting.pk)
    return render(
        request,
        "voting/meeting_form.html",
        {"form": form, "cluster_year": cluster_year, "province": province, "kind": kind},
    )


@login_required
def meeting_detail(request, pk):
    meeting = load_meeting(request, pk)
    can_manage = request.user.has_perm("voting.manage_meeting", meeting)
    delegates = list(selectors.delegates_of(meeting))
    units = [m.unit for m in meeting.cluster_year.memberships.select_related("unit")] if meeting.is_conference else []
    return render(
        request,
        "voting/meeting_detail.html",
        {
            "meeting": meeting,
            "delegates": delegates,
            "present": sum(1 for d in delegates if d.is_present),
            "ballots": list(selectors.ballots_of(meeting)),
            "can_manage": can_manage,
            "delegate_form": DelegateForm(units=units),
            "states": MeetingState,
            "open_ballots": _my_open(request.user),
            "submission_entry": entry_for(numbered.SUBMISSION, meeting.pk) if meeting.is_conference else None,
            "submission_code": numbered.SUBMISSION,
            "minutes_entry": entry_for(numbered.MINUTES, meeting.pk),
            "minutes_code": numbered.MINUTES,
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = load_meeting(request, pk, "voting.manage_meeting")
    form = MeetingForm(request.POST or None, instance=meeting, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in MeetingForm.Meta.fields}
        fresh = meeting.__class__.objects.get(pk=meeting.pk)
        ok, _result = run(
            request,
            lambda: services.update_meeting(
                fresh, actor=request.user, seen_version=form.cleaned_data.get("version"), **changes
            ),
            _("Đã lưu."),
        )
        if ok:
            return redirect("voting:meeting_detail", meeting.pk)
        form = MeetingForm(instance=fresh, initial={"version": fresh.version})
    return render(request, "voting/meeting_form.html", {"form": form, "meeting": meeting, "kind": meeting.kind})


@login_required
@require_POST
def meeting_state(request, pk):
    meeting = load_meeting(request, pk, "voting.manage_meeting")
    state = request.POST.get("state", "")
    if state in MeetingState.values:
        run(request, lambda: services.set_meeting_state(meeting, state, actor=request.user), _("Đã cập nhật."))
    return redirect("voting:meeting_detail", meeting.pk)


@login_required
@require_POST
def delegate_add(request, pk):
    meeting = load_meeting(request, pk, "voting.manage_meeting")
    units = [m.unit for m in meeting.cluster_year.memberships.select_related("unit")] if meeting.is_conference else []
    form = DelegateForm(request.POST, units=units)
    if form.is_valid():
        run(
            request,
            lambda: services.add_delegate(meeting, actor=request.user, **form.cleaned_data),
            _("Đã thêm đại biểu."),
        )
    else:
        form_errors(request, form)
    return redirect("voting:meeting_detail", meeting.pk)


@login_required
@require_POST
def delegates_from_members(request, pk):
    meeting = load_meeting(request, pk, "voting.manage_meeting")
    ok, added = run(request, lambda: services.add_member_delegates(meeting, actor=request.user))
    if ok:
        messages.success(request, _("Đã thêm %(n)s người vào danh sách.") % {"n": len(added)})
    return redirect("voting:meeting_detail", meeting.pk)


@login_required
@require_POST
def delegate_attendance(request, pk):
    delegate = get_object_or_404(Delegate.objects.select_related("meeting"), pk=pk)
    load_meeting_of(request, delegate.meeting, "voting.manage_meeting")
    present = request.POST.get("is_present") == "1"
    run(request, lambda: services.set_attendance(delegate, is_present=present, actor=request.user))
    return redirect("voting:meeting_detail", delegate.meeting_id)


@login_required
@require_POST
def delegate_remove(request, pk):
    delegate = get_object_or_404(Delegate.objects.select_related("meeting"), pk=pk)
    load_meeting_of(request, delegate.meeting, "voting.manage_meeting")
    run(request, lambda: services.remove_delegate(delegate, actor=request.user), _("Đã xóa khỏi danh sách."))
    return redirect("voting:meeting_detail", delegate.meeting_id)


def _election_summary(meeting, purpose):
    ballot = selectors.election_ballot(meeting, purpose)
    if ballot is None:
        return {"ballot": None}
    if ballot.state != "closed":
        return {"ballot": ballot}
    outcome = selectors.ballot_outcome(ballot)
    return {"ballot": ballot, "outcome": outcome}


@login_required
def leadership(request, pk):
    meeting = load_meeting(request, pk)
    if not meeting.is_conference:
        raise PermissionDenied
    if request.method == "POST":
        load_meeting_of(request, meeting, "voting.manage_meeting")
        source = request.POST.get("source", LeadershipSource.BALLOT)
        if source in LeadershipSource.values:
            ok, _result = run(
                request,
                lambda: services.apply_leadership(meeting, actor=request.user, source=source),
                _("Đã ghi Trưởng cụm, Phó Trưởng cụm cho năm sau."),
            )
            if ok:
                return redirect("voting:leadership", meeting.pk)
    rotation_leader, rotation_deputy = selectors.rotation_leaders(meeting.cluster_year)
    return render(
        request,
        "voting/leadership.html",
        {
            "meeting": meeting,
            "leader": _election_summary(meeting, BallotPurpose.LEADER),
            "deputy": _election_summary(meeting, BallotPurpose.DEPUTY),
            "rotation": (rotation_leader, rotation_deputy),
            "next_year": meeting.cluster_year.year + 1,
            "selection": meeting.cluster_year.cluster.get_leader_selection_display(),
            "can_manage": request.user.has_perm("voting.manage_meeting", meeting),
        },
    )
