"""The prize money page: the base salary table (extended by the board), the coefficients of each decree and a
calculator that prices one form on one decision date."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import services
from thidua.awards.forms import BaseSalaryForm, PrizeQueryForm
from thidua.awards.prizes import PrizeTable
from thidua.core import web


def _bases(table):
    """Each basis with its coefficient rows priced on its own first day (so the page shows the multiples)."""
    rows = sorted(table.rows.values(), key=lambda r: (r.award_form.sort_order, r.award_form.name))
    return [
        (basis, [table.prize(r.award_form, basis.valid_from) for r in rows if r.basis_id == basis.pk])
        for basis in table.bases
    ]


def _page(request, salary_form=None):
    table = PrizeTable()
    query = PrizeQueryForm(request.GET or None)
    prize = table.prize(query.cleaned_data["award_form"], query.cleaned_data["day"]) if query.is_valid() else None
    can_change = request.user.has_perm("awards.change_base_salary")
    return render(
        request,
        "awards/prize_money.html",
        {
            "salaries": table.salaries,
            "bases": _bases(table),
            "query": query,
            "prize": prize,
            "can_change": can_change,
            "salary_form": salary_form or (BaseSalaryForm() if can_change else None),
        },
    )


@login_required
def prize_money(request):
    web.require(request, "awards.view_prize_money")
    return _page(request)


@login_required
@require_POST
def base_salary_add(request):
    web.require(request, "awards.change_base_salary")
    form = BaseSalaryForm(request.POST)
    if not form.is_valid():
        web.form_errors(request, form)
        return _page(request, form)
    data = form.cleaned_data
    done, _result = web.run(
        request,
        lambda: services.add_base_salary(actor=request.user, **data),
        _("Đã thêm mức lương cơ sở (ghi nhật ký)."),
    )
    return redirect("awards:prize_money") if done else _page(request, form)
