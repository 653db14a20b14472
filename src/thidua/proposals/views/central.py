"""The board's pages for what goes upward: a line's public notice and its papers for the central dossier, and the
list of dossiers still waiting for the central decision. Each POST calls one service (services.central)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.web import form_errors, require, run
from thidua.proposals import central, selectors, services
from thidua.proposals.forms import CentralPaperForm, NoticeForm, PendingFilterForm
from thidua.proposals.views.common import load_item


def _notice_initial(item):
    notice = getattr(item, "public_notice", None)
    if notice is None:
        return {"objections": 0, "version": 0}
    fields = ("place", "starts_on", "ends_on", "objections", "settlement", "version")
    return {name: getattr(notice, name) for name in fields}


@login_required
def item_notice(request, pk):
    """Record or correct a line's public notice; the page also shows what the rules ask and the line's papers."""
    item = load_item(request, pk, "proposals.manage_proposal")
    proposal = item.proposal
    form = NoticeForm(request.POST or None, initial=_notice_initial(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _notice = run(
            request,
            lambda: services.record_notice(
                item,
                actor=request.user,
                place=data["place"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                objections=data["objections"],
                settlement=data["settlement"],
                seen_version=data["version"],
            ),
            _("Đã ghi việc công khai: %(n)s.") % {"n": item.name},
        )
        if ok:
            return redirect("proposals:forward", proposal.pk)
    elif request.method == "POST":
        form_errors(request, form)
    today = timezone.localdate()
    rule_set = central.central_rules(proposal.province, today)
    context = {
        "proposal": proposal,
        "item": item,
        "form": form,
        "paper_form": CentralPaperForm(),
        "rule_set": rule_set,
        "notice": central.notice_state(item, rule_set, today) if rule_set else None,
    }
    return render(request, "proposals/notice_form.html", context)


@login_required
@require_POST
def item_paper(request, pk):
    item = load_item(request, pk, "proposals.manage_proposal")
    form = CentralPaperForm(request.POST, request.FILES)
    if not form.is_valid():
        form_errors(request, form)
    else:
        run(
            request,
            lambda: services.add_central_paper(
                item, form.cleaned_data["file"], actor=request.user, kind=form.cleaned_data["kind"]
            ),
            _("Đã thêm giấy tờ của dòng %(n)s.") % {"n": item.name},
        )
    return redirect("proposals:item_notice", item.pk)


@login_required
def pending(request):
    """Hồ sơ đang chờ Trung ương: every forwarded state-level line without a central decision yet."""
    require(request, "proposals.view_central_pending")
    form = PendingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.pending_central(request.user, year=data.get("year"), award_form=data.get("award_form"))
    today = timezone.localdate()
    for item in rows:
        item.days_waiting = (today - item.proposal.forwarded_on).days if item.proposal.forwarded_on else None
    return render(request, "proposals/central_pending.html", {"form": form, "rows": rows})
