"""The arithmetic of a criteria table, free of the database: the tree, points from entered values, table checks,
totals, the year's final-score rule and tie-break ranking. Services and selectors feed it rows they loaded."""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.scoring.enums import Category, CriterionKind, FinalScoreRule, TieBreakStep

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
MAX_DEPTH = 3
# Entered values are stored with 14 digits, 2 of them decimals; points (maxima, earned) with 9 digits, 2 decimals.
MAX_VALUE = Decimal(10) ** 12
MAX_POINTS = Decimal(10) ** 7
KIND_CATEGORY = {
    CriterionKind.POINTS: Category.REGULAR,
    CriterionKind.YES_NO: Category.REGULAR,
    CriterionKind.PERCENT: Category.REGULAR,
    CriterionKind.BONUS: Category.BONUS,
    CriterionKind.PENALTY: Category.PENALTY,
    CriterionKind.VETO: Category.VETO,
}


def fmt(value):
    """Points as a Vietnamese reader writes them: 12, 7,5, 0,25 (no trailing zeros, decimal comma)."""
    if value is None:
        return "—"
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(ONE))
    return format(value.normalize(), "f").replace(".", ",")


def parse_decimal(raw):
    """Text typed by a user ("7,5", "7.5", " 8 ") -> Decimal; "" -> None. Refuses anything else in Vietnamese."""
    if raw is None:
        return None
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    text = str(raw).strip().replace(" ", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(raw)s” không phải là một số.") % {"raw": raw}) from None
    if not value.is_finite():
        raise ValidationError(_("“%(raw)s” không phải là một số.") % {"raw": raw})
    if abs(value) >= MAX_VALUE:
        raise ValidationError(
            _("“%(raw)s” quá lớn: chỉ nhận số nhỏ hơn %(max)s.") % {"raw": raw, "max": fmt(MAX_VALUE)}
        )
    return value


class CriteriaTree:
    """The criteria of one table as a tree, in display order."""

    def __init__(self, criteria):
        self.criteria = sorted(criteria, key=lambda c: (c.position, c.pk or 0))
        self.by_id = {c.pk: c for c in self.criteria}
        self.by_code = {c.code: c for c in self.criteria}
        self.children = {c.pk: [] for c in self.criteria}
        self.roots = []
        for criterion in self.criteria:
            if criterion.parent_id in self.children:
                self.children[criterion.parent_id].append(criterion)
            else:
                self.roots.append(criterion)

    def walk(self, nodes=None, depth=0):
        """(criterion, depth) in display order: each group followed by its children."""
        for node in self.roots if nodes is None else nodes:
            yield node, depth
            yield from self.walk(self.children[node.pk], depth + 1)

    def leaves(self):
        return [node for node, _depth in self.walk() if not self.children[node.pk]]

    def leaves_under(self, node):
        if not self.children[node.pk]:
            return [node]
        return [leaf for child in self.children[node.pk] for leaf in self.leaves_under(child)]

    def is_leaf(self, node):
        return not self.children[node.pk]

    def category(self, node):
        """The category of a node: its own kind's for a leaf, its children's for a group (None if mixed/empty)."""
        if self.is_leaf(node):
            return KIND_CATEGORY.get(node.kind)
        found = {self.category(child) for child in self.children[node.pk]}
        return found.pop() if len(found) == 1 else None

    def regular_groups(self):
        """Top-level lines that carry regular points (nhóm I, II, ...): the columns of the summary."""
        return [root for root in self.roots if self.category(root) == Category.REGULAR]


def table_problems(total_points, tree):
    """Everything that keeps a table from being used, as Vietnamese sentences. Empty list = the table is sound."""
    problems = []
    if total_points is None or total_points <= 0:
        problems.append(_("Tổng điểm chuẩn của bảng phải lớn hơn 0."))
    if not tree.criteria:
        return [*problems, _("Bảng chưa có tiêu chí nào.")]
    for node, depth in tree.walk():
        problems.extend(_node_problems(tree, node, depth))
    regular_sum = sum((r.max_points for r in tree.roots if tree.category(r) == Category.REGULAR), ZERO)
    if total_points and regular_sum != total_points:
        problems.append(
            _("Tổng điểm tối đa của các tiêu chí là %(sum)s, chưa bằng tổng điểm chuẩn của bảng (%(total)s).")
            % {"sum": fmt(regular_sum), "total": fmt(total_points)}
        )
    return problems


def _node_problems(tree, node, depth):
    label = node.code
    if depth >= MAX_DEPTH:
        return [_("Mục %(code)s nằm quá %(n)s cấp (nhóm, tiêu chí, tiêu chí con).") % {"code": label, "n": MAX_DEPTH}]
    if tree.is_leaf(node):
        return _leaf_problems(node)
    if node.kind != CriterionKind.GROUP:
        return [_("Mục %(code)s có tiêu chí con nên phải là loại “nhóm, mục”.") % {"code": label}]
    category = tree.category(node)
    if category is None:
        return [
            _("Nhóm %(code)s trộn lẫn nhiều loại (điểm chuẩn, điểm thưởng, điểm trừ, điểm liệt); hãy tách riêng.")
            % {"code": label}
        ]
    children_sum = sum((c.max_points for c in tree.children[node.pk]), ZERO)
    if category == Category.REGULAR and node.max_points != children_sum:
        return [
            _("Nhóm %(code)s có điểm tối đa %(max)s, khác tổng điểm tối đa các tiêu chí con (%(sum)s).")
            % {"code": label, "max": fmt(node.max_points), "sum": fmt(children_sum)}
        ]
    if category in (Category.BONUS, Category.PENALTY) and node.max_points <= 0:
        return [_("Nhóm %(code)s cần mức trần (điểm tối đa) lớn hơn 0.") % {"code": label}]
    return []


def _leaf_problems(node):
    if node.kind == CriterionKind.GROUP:
        return [_("Nhóm %(code)s chưa có tiêu chí con.") % {"code": node.code}]
    if node.kind == CriterionKind.VETO:
        return []
    if node.max_points <= 0:
        return [_("Tiêu chí %(code)s cần điểm tối đa lớn hơn 0.") % {"code": node.code}]
    if node.kind == CriterionKind.PERCENT and (node.target is None or node.target <= 0):
        return [_("Tiêu chí %(code)s tính theo tỷ lệ nên cần chỉ tiêu lớn hơn 0.") % {"code": node.code}]
    return []


def points_for(criterion, value):
    """The points an entered value earns on a leaf. Raises ValidationError (Vietnamese, naming the criterion)."""
    if value is None:
        return None
    code, kind = criterion.code, criterion.kind
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise ValidationError(
            _("Tiêu chí %(code)s: giá trị phải nhỏ hơn %(max)s.") % {"code": code, "max": fmt(MAX_VALUE)}
        )
    if value != value.quantize(CENT):
        raise ValidationError(_("Tiêu chí %(code)s: chỉ ghi tối đa 2 chữ số thập phân.") % {"code": code})
    if value < 0:
        raise ValidationError(_("Tiêu chí %(code)s: giá trị không được âm.") % {"code": code})
    if kind in CriterionKind.binary():
        if value not in (ZERO, ONE):
            raise ValidationError(
                _("Tiêu chí %(code)s chỉ nhận giá trị 1 (có) hoặc 0 (không), không nhận %(value)s.")
                % {"code": code, "value": fmt(value)}
            )
        return criterion.max_points if kind == CriterionKind.YES_NO and value == ONE else ZERO
    if kind == CriterionKind.PERCENT:
        ratio = min(value / criterion.target, ONE)
        return (criterion.max_points * ratio).quantize(CENT, rounding=ROUND_HALF_UP)
    if value > criterion.max_points:
        label = {CriterionKind.BONUS: _("Điểm thưởng"), CriterionKind.PENALTY: _("Điểm trừ")}.get(kind, _("Điểm"))
        raise ValidationError(
            _("%(label)s %(value)s vượt mức tối đa %(max)s của tiêu chí %(code)s")
            % {"label": label, "value": fmt(value), "max": fmt(criterion.max_points), "code": code}
        )
    if kind == CriterionKind.GROUP:
        raise ValidationError(_("Mục %(code)s là nhóm; điểm được chấm ở các tiêu chí con.") % {"code": code})
    return value


@dataclass
class Totals:
    regular: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    group_scores: dict = field(default_factory=dict)  # top-level regular group code -> points
    vetoes: list = field(default_factory=list)  # codes of veto criteria the unit hit
    missing: int = 0  # leaves with no value yet

    @property
    def total(self):
        return self.regular + self.bonus - self.penalty

    @property
    def is_vetoed(self):
        return bool(self.vetoes)


def compute_totals(tree, values):
    """values: criterion id -> (value, points) for leaves. Bonus and penalty groups are capped at their maximum."""
    totals = Totals()

    def subtotal(node):
        if tree.is_leaf(node):
            value, points = values.get(node.pk, (None, None))
            if value is None:
                totals.missing += 1
            if node.kind == CriterionKind.VETO and value is not None and value >= Decimal("0.5"):
                totals.vetoes.append(node.code)
            return points or ZERO
        amount = sum((subtotal(child) for child in tree.children[node.pk]), ZERO)
        if tree.category(node) in (Category.BONUS, Category.PENALTY):
            amount = min(amount, node.max_points)
        return amount

    for root in tree.roots:
        amount = subtotal(root)
        category = tree.category(root)
        if category == Category.REGULAR:
            totals.regular += amount
            totals.group_scores[root.code] = amount
        elif category == Category.BONUS:
            totals.bonus += amount
        elif category == Category.PENALTY:
            totals.penalty += amount
    return totals


def aggregate(rule, reviews):
    """The final figure of one criterion from the reviewers' figures. reviews: list of (is_leader, figure)."""
    figures = [figure for _is_leader, figure in reviews]
    if not figures:
        return None
    if rule == FinalScoreRule.LEADER:
        leader = [figure for is_leader, figure in reviews if is_leader]
        # The leader may not appraise this criterion (a department does, or the leader is the reviewee).
        if leader:
            return leader[0]
    mean = sum(figures, ZERO) / len(figures)
    result = Decimal(statistics.median(figures)) if rule == FinalScoreRule.MEDIAN else mean
    return result.quantize(CENT, rounding=ROUND_HALF_UP)


def discrepancy(criterion, self_figure, review_figures, final_figure, margin):
    """Why a criterion's scores differ beyond the margin ("" when they do not). Binary kinds: any difference."""
    binary = criterion.kind in CriterionKind.binary()
    notes = []
    if len(review_figures) > 1:
        spread = max(review_figures) - min(review_figures)
        if (binary and spread) or (not binary and spread > margin):
            notes.append(
                _("các thành viên thẩm định chấm lệch nhau %(diff)s") % {"diff": fmt(spread)}
                if not binary
                else _("các thành viên thẩm định đánh giá khác nhau")
            )
    if self_figure is not None and final_figure is not None:
        gap = abs(self_figure - final_figure)
        if (binary and gap) or (not binary and gap > margin):
            notes.append(
                _("lệch %(diff)s so với điểm tự chấm") % {"diff": fmt(gap)}
                if not binary
                else _("khác với kết quả tự chấm")
            )
    return "; ".join(notes)


def step_label(step):
    kind, _sep, code = step.partition(":")
    if kind == TieBreakStep.GROUP:
        return str(TieBreakStep.GROUP.label) % {"code": code}
    try:
        return str(TieBreakStep(kind).label)
    except ValueError:
        return step


def _lower_first(text):
    return text[:1].lower() + text[1:]


def describe_rule(steps):
    """The tie-break rule in words, for the ranking page and the documents."""
    if not steps:
        return _("Khi bằng tổng điểm: các đơn vị đồng hạng (chưa cấu hình cách phân định).")
    parts = [f"{i}) {_lower_first(step_label(step))}" for i, step in enumerate(steps, start=1)]
    return _("Khi bằng tổng điểm, lần lượt xét: %(steps)s; nếu vẫn bằng nhau thì đồng hạng.") % {
        "steps": "; ".join(parts)
    }


@dataclass
class Entry:
    """One unit to rank."""

    key: object  # unit id
    name: str
    totals: Totals
    extra: object = None


def _step_value(step, entry, decision_index):
    """A sortable figure (higher ranks first) for one tie-break step, and its text for the note."""
    kind, _sep, code = step.partition(":")
    totals = entry.totals
    if kind == TieBreakStep.GROUP:
        value = totals.group_scores.get(code, ZERO)
        return value, fmt(value)
    if kind == TieBreakStep.PENALTY:
        return -totals.penalty, fmt(totals.penalty)
    if kind == TieBreakStep.BONUS:
        return totals.bonus, fmt(totals.bonus)
    if kind == TieBreakStep.DECISION:
        positions, reason = decision_index
        position = positions.get(entry.key)
        return (-position if position is not None else None), reason
    return ZERO, ""


def _split(group, steps, decisions, notes):
    """Order a tied group by the steps; return a list of subgroups (still tied inside) best first."""
    if len(group) == 1 or not steps:
        return [group]
    step, rest = steps[0], steps[1:]
    index = _decision_index(group, decisions) if step.startswith(TieBreakStep.DECISION) else ({}, "")
    valued = [(_step_value(step, entry, index), entry) for entry in group]
    if any(value is None for (value, _text), _entry in valued):
        return _split(group, rest, decisions, notes)  # no recorded decision covers this group: next step
    buckets = {}
    for (value, _text), entry in valued:
        buckets.setdefault(value, []).append(entry)
    if len(buckets) > 1:
        # Deeper steps overwrite: each note names the step that finally told the units apart.
        if step.startswith(TieBreakStep.DECISION):
            summary = valued[0][0][1]
        else:
            summary = "; ".join(
                f"{entry.name} {text}" for (_value, text), entry in sorted(valued, key=lambda v: -v[0][0])
            )
        for entry in group:
            notes[entry.key] = (step, summary)
    ordered = []
    for value in sorted(buckets, reverse=True):
        ordered.extend(_split(buckets[value], rest, decisions, notes))
    return ordered


def _decision_index(group, decisions):
    keys = {entry.key for entry in group}
    for decision in decisions:  # newest first
        order = [key for key in decision.unit_order if key in keys]
        if set(order) == keys:
            return {key: position for position, key in enumerate(order)}, decision.reason
    return {}, ""


def rank_entries(entries, steps, decisions=()):
    """Rank units: candidates first by total, vetoed units after them; ties broken by the steps.

    Returns (entry, rank, note) in rank order. Units still tied after every step share a rank (1, 2, 2, 4)."""
    results = []
    for vetoed in (False, True):
        part = sorted((e for e in entries if e.totals.is_vetoed == vetoed), key=lambda e: (-e.totals.total, e.name))
        by_total = {}
        for entry in part:
            by_total.setdefault(entry.totals.total, []).append(entry)
        for total in sorted(by_total, reverse=True):
            tied = by_total[total]
            notes = {}
            for subgroup in _split(tied, list(steps), list(decisions), notes):
                rank = len(results) + 1
                for entry in subgroup:
                    note = _tie_note(entry, tied, subgroup, notes)
                    if vetoed:
                        note = " ".join(filter(None, [_veto_note(entry), note]))
                    results.append((entry, rank, note))
    return results


def _tie_note(entry, tied, subgroup, notes):
    if len(tied) == 1:
        return ""
    others = ", ".join(e.name for e in tied if e is not entry)
    head = _("Bằng %(total)s điểm với %(others)s") % {"total": fmt(entry.totals.total), "others": others}
    if len(subgroup) > 1:
        return head + "; " + _("chưa phân định được, đồng hạng.")
    step, text = notes.get(entry.key, ("", ""))
    detail = _lower_first(step_label(step))
    if text:
        detail = f"{detail} ({text})"
    return head + "; " + _("phân định theo: %(detail)s.") % {"detail": detail}


def _veto_note(entry):
    return _("Vi phạm điểm liệt (tiêu chí %(codes)s): không là ứng viên suy tôn.") % {
        "codes": ", ".join(entry.totals.vetoes)
    }
