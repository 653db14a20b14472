"""The proposals list with its two ways to start a draft, and the priority statistics."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards.statistics import award_priority_statistics
from thidua.core.web import form_errors, require, run
from thidua.organizations.models import ClusterYear, Province, Unit
from thidua.organizations.scopes import scope_of
from thidua.proposals import selectors, services
from thidua.proposals.enums import ProposerKind
from thidua.proposals.forms import ConferenceForm, FilterForm, ProposalCreateForm, StatisticsForm
from thidua.proposals.statistics import proposal_priority_statistics
from thidua.voting.models import Meeting


@login_required
def proposal_list(request):
    require(request, "proposals.list_proposals")
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.proposals_for_list(
        request.user, state=data.get("state", ""), year=data.get("year"), query=data.get("q", "")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    can_add = request.user.has_perm("proposals.add_proposal")
    targets = selectors.drafting_targets(request.user) if can_add else ([], [], [])
    conferences = selectors.conferences_ready_for(request.user) if targets[0] else []
    return render(
        request,
        "proposals/list.html",
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "create_form": ProposalCreateForm(targets=targets, initial={"year": timezone.localdate().year - 1})
            if any(targets)
            else None,
            "conference_form": ConferenceForm(meetings=conferences) if conferences else None,
        },
    )


def _target(value):
    kind, _sep, pk = value.partition(":")
    model = {"cy": ClusterYear, "unit": Unit, "province": Province}[kind]
    proposer = {"cy": ProposerKind.CLUSTER, "unit": ProposerKind.UNIT, "province": ProposerKind.BOARD}[kind]
    target = get_object_or_404(model, pk=pk)
    field = {"cy": "cluster_year", "unit": "unit", "province": "province"}[kind]
    return proposer, {field: target}


@login_required
@require_POST
def proposal_create(request):
    require(request, "proposals.add_proposal")
    form = ProposalCreateForm(request.POST, targets=selectors.drafting_targets(request.user))
    if not form.is_valid():
        form_errors(request, form)
        return redirect("proposals:list")
    proposer, scope = _target(form.cleaned_data["proposer"])
    ok, proposal = run(
        request,
        lambda: services.create_proposal(
            proposer_kind=proposer,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
            actor=request.user,
            **scope,
        ),
        _("Đã tạo tờ trình nháp. Hãy thêm các dòng đề nghị."),
    )
    return redirect("proposals:detail", proposal.pk) if ok else redirect("proposals:list")


@login_required
@require_POST
def proposal_from_conference(request):
    require(request, "proposals.add_proposal")
    form = ConferenceForm(request.POST, meetings=selectors.conferences_ready_for(request.user))
    if not form.is_valid():
        form_errors(request, form)
        return redirect("proposals:list")
    meeting = get_object_or_404(
        Meeting.objects.select_related("cluster_year__cluster"), pk=form.cleaned_data["meeting"]
    )
    ok, proposal = run(
        request,
        lambda: services.create_proposal_from_conference(meeting, actor=request.user),
        _("Đã tạo tờ trình từ kết quả hội nghị. Hãy bổ sung tóm tắt thành tích rồi gửi tỉnh."),
    )
    return redirect("proposals:detail", proposal.pk) if ok else redirect("proposals:list")


@login_required
def priority_statistics(request):
    require(request, "awards.view_statistics")
    scope = scope_of(request.user)
    provinces = Province.objects.all() if scope.is_admin else Province.objects.filter(pk__in=scope.province_ids)
    form = StatisticsForm(request.GET or None, provinces=provinces.order_by("name"))
    data = form.cleaned_data if form.is_valid() else {}
    # By default the newest province in scope: a board of today's Quảng Trị also sees the merged Quảng Bình.
    newest = provinces.exclude(successors__in=provinces).order_by("name").first()
    province = data.get("province") or (None if scope.is_admin else newest)
    year = data.get("year")
    return render(
        request,
        "proposals/priority_statistics.html",
        {
            "form": form,
            "province": province,
            "tables": [
                {"title": _("Trong các đề nghị"), "rows": proposal_priority_statistics(province=province, year=year)},
                {"title": _("Trong các khen thưởng"), "rows": award_priority_statistics(province=province, year=year)},
            ],
        },
    )
