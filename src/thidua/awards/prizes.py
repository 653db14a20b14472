"""Prize money by the rules in force on the decision date: coefficient × base salary, rounded up as the decree says.

The numbers are data: the decrees' coefficients and rounding rules (PrizeBasis, PrizeCoefficient, first filled from
awards/data/prize_money.json with the law check's citations) and the base salary (BaseSalary, a dated table the
board extends). This module looks them up and multiplies; it holds no legal number.
"""

import datetime
import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from thidua.awards.models import AwardForm, BaseSalary, PrizeBasis, PrizeCoefficient

DATA = Path(__file__).parent / "data" / "prize_money.json"


def load_data():
    return json.loads(DATA.read_text(encoding="utf-8"))


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _coefficient_values(entry, forms):
    relative = entry.get("individual_form")
    return {
        "coefficient": None if relative else Decimal(entry["coefficient"]),
        "individual_form": forms[relative] if relative else None,
        "times_individual": Decimal(entry["times_individual"]) if relative else None,
        "citation": entry["citation"],
        "source": entry.get("source", ""),
        "is_verified": entry["is_verified"],
        "note": entry.get("note", ""),
    }


def ensure_prize_data(basis_model, coefficient_model, salary_model, form_model):
    """Create the bases, coefficients and base salaries of the data file that are missing; never overwrite a row.

    Takes the model classes so a data migration can pass its historical models. Returns how many rows it made."""
    data = load_data()
    forms = {f.code: f for f in form_model.objects.all()}
    created = 0
    for entry in data["bases"]:
        basis, made = basis_model.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "valid_from": _date(entry["valid_from"]),
                "valid_to": _date(entry["valid_to"]),
                "round_up_to": entry["round_up_to"],
                "rounding_citation": entry["rounding_citation"],
                "rounding_verified": entry["rounding_verified"],
                "source": entry.get("source", ""),
                "note": f"{entry.get('note', '')} ({data['edition']})".strip(),
            },
        )
        created += made
        present = set(coefficient_model.objects.filter(basis=basis).values_list("award_form__code", flat=True))
        for code, coefficient in entry["coefficients"].items():
            needed = {code, coefficient.get("individual_form") or code}
            if code in present or not needed <= set(forms):
                continue  # a form not yet in the catalogue gets its row when the catalogue is filled
            coefficient_model.objects.create(
                basis=basis, award_form=forms[code], **_coefficient_values(coefficient, forms)
            )
            created += 1
    for entry in data["base_salaries"]:
        _row, made = salary_model.objects.get_or_create(
            valid_from=_date(entry["valid_from"]),
            defaults={k: entry[k] for k in ("amount", "citation", "source", "is_verified", "note")},
        )
        created += made
    return created


def ensure_prizes():
    return ensure_prize_data(PrizeBasis, PrizeCoefficient, BaseSalary, AwardForm)


def fmt_money(amount):
    """3510000 -> "3.510.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def fmt_coefficient(value):
    """Decimal("1.50") -> "1,5"."""
    text = format(value.normalize(), "f") if value is not None else ""
    return text.replace(".", ",")


@dataclass
class Prize:
    """The money of one form on one day, with what it rests on; `problem` says why it cannot be computed."""

    award_form: object
    day: datetime.date
    basis: object = None
    row: object = None  # the PrizeCoefficient
    individual_row: object = None  # for a collective rate stated as a multiple of the individual one
    coefficient: Decimal | None = None
    salary: object = None  # the BaseSalary in force
    amount: int | None = None
    exact: Decimal | None = None
    problem: str = ""

    @property
    def is_verified(self):
        rows = [self.row, self.individual_row] if self.individual_row else [self.row]
        return bool(
            self.amount is not None
            and all(r.is_verified for r in rows)
            and self.basis.rounding_verified
            and self.salary.is_verified
        )

    @property
    def coefficient_text(self):
        return fmt_coefficient(self.coefficient) if self.coefficient is not None else ""

    @property
    def amount_text(self):
        return fmt_money(self.amount) if self.amount is not None else ""

    @property
    def how(self):
        """How the coefficient was found, for the page and the API (Vietnamese)."""
        if self.row is None:
            return ""
        if self.individual_row is None:
            return _("%(c)s lần mức lương cơ sở (%(cite)s)") % {"c": self.coefficient_text, "cite": self.row.citation}
        return _("gấp %(t)s lần mức của %(form)s (%(i)s) = %(c)s lần mức lương cơ sở (%(cite)s)") % {
            "t": fmt_coefficient(self.row.times_individual),
            "form": self.individual_row.award_form.name,
            "i": fmt_coefficient(self.individual_row.coefficient),
            "c": self.coefficient_text,
            "cite": self.row.citation,
        }


class PrizeTable:
    """Every basis, coefficient and base salary read once (three queries), to price any number of lines."""

    def __init__(self):
        self.bases = sorted(PrizeBasis.objects.all(), key=lambda b: b.valid_from, reverse=True)
        self.rows = {
            (c.basis_id, c.award_form_id): c
            for c in PrizeCoefficient.objects.select_related("award_form", "individual_form")
        }
        self.salaries = sorted(BaseSalary.objects.all(), key=lambda s: s.valid_from, reverse=True)

    def basis_on(self, day):
        return next((b for b in self.bases if b.valid_from <= day and (b.valid_to is None or day <= b.valid_to)), None)

    def salary_on(self, day):
        return next((s for s in self.salaries if s.valid_from <= day), None)

    def prize(self, award_form, day):
        prize = Prize(award_form, day)
        prize.basis = self.basis_on(day)
        if prize.basis is None:
            prize.problem = _("Chưa có căn cứ tiền thưởng nào có hiệu lực ngày %(d)s.") % {"d": f"{day:%d/%m/%Y}"}
            return prize
        prize.row = self.rows.get((prize.basis.pk, award_form.pk))
        if prize.row is None:
            prize.problem = _("%(form)s không có mức tiền thưởng theo %(basis)s.") % {
                "form": award_form.name,
                "basis": prize.basis.name,
            }
            return prize
        if prize.row.individual_form_id:
            prize.individual_row = self.rows.get((prize.basis.pk, prize.row.individual_form_id))
            if prize.individual_row is None or prize.individual_row.coefficient is None:
                prize.problem = _("Chưa có mức tiền thưởng của %(form)s theo %(basis)s.") % {
                    "form": prize.row.individual_form.name,
                    "basis": prize.basis.name,
                }
                return prize
            prize.coefficient = prize.individual_row.coefficient * prize.row.times_individual
        else:
            prize.coefficient = prize.row.coefficient
        prize.salary = self.salary_on(day)
        if prize.salary is None:
            prize.problem = _("Chưa có mức lương cơ sở áp dụng ngày %(d)s.") % {"d": f"{day:%d/%m/%Y}"}
            return prize
        prize.exact = prize.coefficient * prize.salary.amount
        step = Decimal(prize.basis.round_up_to or 1)
        prize.amount = int((prize.exact / step).to_integral_value(rounding=ROUND_CEILING) * step)
        return prize


def prize_on(award_form, day):
    return PrizeTable().prize(award_form, day)
