"""The parameters of a voting rule set (awards.RuleSet of kind cluster_voting or council_voting), checked by a schema.

The numbers come from the rule set's own row, with its citation and effective dates; this module only says what
shape they must have and turns percentages into exact fractions, so "exactly at the threshold" is decided exactly.
"""

import decimal
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import pydantic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

AT_LEAST = "at_least"
MORE_THAN = "more_than"
PRESENT = "present"
ALL_MEMBERS = "all_members"
RUNOFF = "runoff"
CHAIR_DECIDES = "chair_decides"

# Bounds of a counting board (ban kiểm phiếu) holding key shares: fewer than two would let one person open every
# paper alone; more than nine sheets is more than any board prints and brings.
KEY_MIN = 2
KEY_MAX = 9

_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class _Schema(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", strict=False)

    # A percentage as a number (50, 66.67), or an exact share of the whole as "p/q" (e.g. "2/3").
    quorum_percent: decimal.Decimal | str
    threshold_percent: decimal.Decimal | str
    comparison: Literal["at_least", "more_than"]
    denominator: Literal["present", "all_members"]
    quota: int | None = pydantic.Field(default=None, ge=1)
    tie_rule: Literal["runoff", "chair_decides"]
    secret: bool
    written_votes_allowed: bool = False
    # The award forms (catalogue codes) this rule governs; empty: every form no other rule in force names.
    award_forms: list[str] = []
    # The counting board of an electronic ballot: how many members hold a key share, and how many must bring theirs
    # to open the papers. A ballot may set its own within KEY_BOUNDS.
    key_holders: int = pydantic.Field(default=3, ge=KEY_MIN, le=KEY_MAX)
    key_threshold: int = pydantic.Field(default=2, ge=KEY_MIN, le=KEY_MAX)


FIELD_LABELS = {
    "quorum_percent": gettext_lazy("quorum_percent (tỷ lệ thành viên có mặt tối thiểu)"),
    "threshold_percent": gettext_lazy("threshold_percent (tỷ lệ phiếu cần đạt)"),
    "comparison": gettext_lazy("comparison (“at_least”: từ … trở lên; “more_than”: trên …)"),
    "denominator": gettext_lazy("denominator (“present”: số có mặt; “all_members”: tổng số thành viên)"),
    "quota": gettext_lazy("quota (số lượng tối đa được chọn, hoặc null)"),
    "tie_rule": gettext_lazy("tie_rule (“runoff”: bỏ phiếu lại; “chair_decides”: chủ trì quyết định)"),
    "secret": gettext_lazy("secret (bắt buộc bỏ phiếu kín)"),
    "written_votes_allowed": gettext_lazy(
        "written_votes_allowed (cho phép thành viên vắng mặt gửi phiếu bằng văn bản)"
    ),
    "award_forms": gettext_lazy(
        "award_forms (mã các danh hiệu, hình thức áp dụng quy định này; để trống: các danh hiệu còn lại)"
    ),
    "key_holders": gettext_lazy("key_holders (số thành viên ban kiểm phiếu giữ phần khóa, từ 2 đến 9)"),
    "key_threshold": gettext_lazy("key_threshold (số phần khóa cần để kiểm phiếu, từ 2 đến số người giữ)"),
}


@dataclass(frozen=True)
class VotingRules:
    quorum: Fraction  # share of the members who must be present, 0..1
    threshold: Fraction  # share of the denominator a candidate needs, 0..1
    comparison: str
    denominator: str
    quota: int | None
    tie_rule: str
    secret: bool
    written_votes_allowed: bool
    award_forms: tuple = ()
    key_holders: int = 3
    key_threshold: int = 2

    def meets_threshold(self, votes, base):
        """Whether votes out of base reach the threshold, compared exactly (no rounding)."""
        if base <= 0:
            return False
        share = Fraction(votes, base)
        return share >= self.threshold if self.comparison == AT_LEAST else share > self.threshold

    def quorum_met(self, present, members):
        return members > 0 and Fraction(present, members) >= self.quorum

    @property
    def threshold_percent(self):
        return percent(self.threshold)

    @property
    def quorum_percent(self):
        return percent(self.quorum)


def percent(share):
    """A Fraction as a percentage with two decimals, rounded half up (what the minutes print)."""
    value = decimal.Decimal(share.numerator) * 100 / decimal.Decimal(share.denominator)
    return value.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)


def fmt_percent(value):
    """62.50 -> "62,50": Vietnamese decimal comma, the same on the page, in .docx and in PDF."""
    return f"{value:.2f}".replace(".", ",")


def _share(raw, field):
    if isinstance(raw, str):
        match = _FRACTION.match(raw)
        if match is None:
            try:
                raw = decimal.Decimal(raw.strip())
            except decimal.InvalidOperation:
                raise ValidationError(_("Tham số %(field)s không hợp lệ.") % {"field": FIELD_LABELS[field]}) from None
        else:
            top, bottom = int(match[1]), int(match[2])
            if bottom == 0:
                raise ValidationError(_("Tham số %(field)s không hợp lệ.") % {"field": FIELD_LABELS[field]})
            return Fraction(top, bottom)
    return Fraction(raw) / 100


def _message(error):
    field = str(error["loc"][0]) if error["loc"] else ""
    label = FIELD_LABELS.get(field, field)
    if error["type"] == "missing":
        return _("Thiếu tham số %(field)s.") % {"field": label}
    if error["type"] == "extra_forbidden":
        return _("Tham số “%(field)s” không thuộc bộ quy định bỏ phiếu.") % {"field": field}
    return _("Tham số %(field)s không hợp lệ.") % {"field": label}


def parse_voting_rules(parameters):
    """Check a rule set's parameters and return VotingRules; ValidationError with Vietnamese messages otherwise."""
    if not isinstance(parameters, dict):
        raise ValidationError(_("Tham số của bộ quy định bỏ phiếu phải là một đối tượng JSON."))
    try:
        data = _Schema.model_validate(parameters)
    except pydantic.ValidationError as invalid:
        seen = []
        for error in invalid.errors():
            message = _message(error)
            if message not in seen:
                seen.append(message)
        raise ValidationError(seen) from None
    quorum = _share(data.quorum_percent, "quorum_percent")
    threshold = _share(data.threshold_percent, "threshold_percent")
    if not 0 <= quorum <= 1:
        raise ValidationError(_("Tham số %(field)s phải từ 0 đến 100%%.") % {"field": FIELD_LABELS["quorum_percent"]})
    if not 0 < threshold <= 1:
        raise ValidationError(
            _("Tham số %(field)s phải lớn hơn 0 và không quá 100%%.") % {"field": FIELD_LABELS["threshold_percent"]}
        )
    if data.key_threshold > data.key_holders:
        raise ValidationError(key_bounds_message(data.key_threshold, data.key_holders))
    return VotingRules(
        quorum=quorum,
        threshold=threshold,
        comparison=data.comparison,
        denominator=data.denominator,
        quota=data.quota,
        tie_rule=data.tie_rule,
        secret=data.secret,
        written_votes_allowed=data.written_votes_allowed,
        award_forms=tuple(dict.fromkeys(code.strip() for code in data.award_forms if code.strip())),
        key_holders=data.key_holders,
        key_threshold=data.key_threshold,
    )


def key_bounds_ok(k, n):
    return isinstance(k, int) and isinstance(n, int) and KEY_MIN <= k <= n <= KEY_MAX


def key_bounds_message(k, n):
    return _(
        "Số phần khóa cần để kiểm phiếu (%(k)s) phải từ %(low)s đến số thành viên ban kiểm phiếu giữ phần khóa "
        "(%(n)s); ban kiểm phiếu có từ %(low)s đến %(high)s người."
    ) % {"k": k, "n": n, "low": KEY_MIN, "high": KEY_MAX}
