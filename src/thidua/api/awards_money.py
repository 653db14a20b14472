"""API of prize money: the base salary table (the board extends it), the decrees' coefficients, and the prize of a
form on a decision date. Same permissions as the page (awards.view_prize_money, awards.change_base_salary). Also
the warning of rule sets that end with no successor (awards.coverage)."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from thidua.api.common import AUTH, require_perm
from thidua.awards import coverage, services
from thidua.awards.models import AwardForm
from thidua.awards.prizes import PrizeTable

router = Router(tags=["awards"], auth=AUTH)


class BaseSalaryOut(Schema):
    id: int
    amount: int
    valid_from: datetime.date
    citation: str
    source: str
    is_verified: bool
    note: str


class BaseSalaryIn(Schema):
    amount: int
    valid_from: datetime.date
    citation: str
    source: str = ""
    note: str = ""
    is_verified: bool = False


class CoefficientOut(Schema):
    award_form: str
    coefficient: Decimal | None
    individual_form: str | None
    times_individual: Decimal | None
    citation: str
    source: str
    is_verified: bool
    note: str


class PrizeBasisOut(Schema):
    code: str
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    round_up_to: int
    rounding_citation: str
    rounding_verified: bool
    note: str
    coefficients: list[CoefficientOut]


class PrizeOut(Schema):
    award_form: str
    award_form_name: str
    decision_date: datetime.date
    basis: str | None
    coefficient: Decimal | None
    coefficient_citation: str
    how: str
    base_salary: int | None
    base_salary_citation: str
    round_up_to: int | None
    rounding_citation: str
    amount: int | None
    is_verified: bool
    problem: str


@router.get("/awards/base-salaries", response=list[BaseSalaryOut], summary="Mức lương cơ sở theo thời gian")
def list_base_salaries(request):
    require_perm(request, "awards.view_prize_money")
    return PrizeTable().salaries


@router.post("/awards/base-salaries", response={201: BaseSalaryOut}, summary="Thêm mức lương cơ sở (ghi nhật ký)")
def add_base_salary(request, payload: BaseSalaryIn):
    require_perm(request, "awards.change_base_salary")
    return Status(201, services.add_base_salary(actor=request.user, **payload.model_dump()))


@router.get("/awards/prize-bases", response=list[PrizeBasisOut], summary="Hệ số tiền thưởng theo từng nghị định")
def list_prize_bases(request):
    require_perm(request, "awards.view_prize_money")
    table = PrizeTable()
    rows = sorted(table.rows.values(), key=lambda r: (r.award_form.sort_order, r.award_form.code))
    return [
        {
            **{k: getattr(b, k) for k in PrizeBasisOut.model_fields if k != "coefficients"},
            "coefficients": [
                {
                    "award_form": r.award_form.code,
                    "coefficient": r.coefficient,
                    "individual_form": r.individual_form.code if r.individual_form_id else None,
                    "times_individual": r.times_individual,
                    **{k: getattr(r, k) for k in ("citation", "source", "is_verified", "note")},
                }
                for r in rows
                if r.basis_id == b.pk
            ],
        }
        for b in table.bases
    ]


@router.get("/awards/prize", response=PrizeOut, summary="Tiền thưởng của một hình thức theo ngày ban hành quyết định")
def prize(request, form: str, decision_date: datetime.date):
    require_perm(request, "awards.view_prize_money")
    award_form = get_object_or_404(AwardForm, code=form)
    found = PrizeTable().prize(award_form, decision_date)
    return {
        "award_form": award_form.code,
        "award_form_name": award_form.name,
        "decision_date": decision_date,
        "basis": found.basis.name if found.basis else None,
        "coefficient": found.coefficient,
        "coefficient_citation": found.row.citation if found.row else "",
        "how": found.how,
        "base_salary": found.salary.amount if found.salary else None,
        "base_salary_citation": found.salary.citation if found.salary else "",
        "round_up_to": found.basis.round_up_to if found.basis else None,
        "rounding_citation": found.basis.rounding_citation if found.basis else "",
        "amount": found.amount,
        "is_verified": found.is_verified,
        "problem": found.problem,
    }


class GapOut(Schema):
    kind: str
    label: str
    province_id: int | None
    last_day: datetime.date
    days_left: int
    message: str
    rule_sets: list[str]


@router.get(
    "/awards/rule-set-gaps",
    response=list[GapOut],
    summary="Loại quy định sắp hết hiệu lực mà chưa có văn bản thay thế",
)
def rule_set_gaps(request, on: datetime.date | None = None):
    require_perm(request, "awards.view_rule_set")
    found = coverage.rule_set_gaps(on or timezone.localdate(), provinces=coverage.provinces_of(request.user))
    return [
        {
            "kind": g.kind,
            "label": str(g.label),
            "province_id": g.province.pk if g.province else None,
            "last_day": g.last_day,
            "days_left": g.days_left,
            "message": g.message,
            "rule_sets": g.names,
        }
        for g in found
    ]
