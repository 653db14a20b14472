from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Unit
from thidua.scoring.calculation import parse_decimal, step_label
from thidua.scoring.enums import CriterionKind, FinalScoreRule, ReviewerRole, TieBreakStep
from thidua.scoring.models import Criterion

TIE_STEPS = 3


class DecimalTextField(forms.CharField):
    """A number typed the Vietnamese way ("7,5") or the English way ("7.5")."""

    def to_python(self, value):
        return parse_decimal(super().to_python(value))


def tie_step_choices(tree):
    choices = [("", _("(không dùng)"))]
    choices += [(f"{TieBreakStep.GROUP}:{g.code}", step_label(f"group:{g.code}")) for g in tree.regular_groups()]
    choices += [(s.value, s.label) for s in (TieBreakStep.PENALTY, TieBreakStep.BONUS, TieBreakStep.DECISION)]
    return choices


class TableSettingsForm(forms.Form):
    name = forms.CharField(label=_("Tên bảng"), max_length=300)
    total_points = DecimalTextField(label=_("Tổng điểm chuẩn (ví dụ 100 hoặc 1.000)"))
    final_score_rule = forms.ChoiceField(label=_("Cách tính điểm cuối cùng"), choices=FinalScoreRule.choices)
    discrepancy_margin = DecimalTextField(label=_("Ngưỡng chênh lệch cần Thư ký cụm xử lý (điểm)"))

    def __init__(self, *args, tree, **kwargs):
        super().__init__(*args, **kwargs)
        choices = tie_step_choices(tree)
        for index in range(1, TIE_STEPS + 1):
            self.fields[f"tie_step_{index}"] = forms.ChoiceField(
                label=_("Phân định khi bằng điểm, bước %(n)s") % {"n": index}, choices=choices, required=False
            )

    @staticmethod
    def initial_for(table):
        initial = {
            key: getattr(table, key) for key in ("name", "total_points", "final_score_rule", "discrepancy_margin")
        }
        for index, step in enumerate(table.tie_break_steps[:TIE_STEPS], start=1):
            initial[f"tie_step_{index}"] = step
        return initial

    def settings(self):
        data = dict(self.cleaned_data)
        steps = [data.pop(f"tie_step_{i}") for i in range(1, TIE_STEPS + 1)]
        chosen = [s for s in steps if s]
        if len(set(chosen)) != len(chosen):
            raise ValidationError(_("Mỗi bước phân định chỉ chọn một lần."))
        data["tie_break_rule"] = ",".join(chosen)
        return data


class CriterionForm(forms.ModelForm):
    max_points = DecimalTextField(label=_("Điểm tối đa (với nhóm thưởng, trừ: mức trần)"), required=False)
    target = DecimalTextField(label=_("Chỉ tiêu (chỉ với loại tỷ lệ)"), required=False)

    class Meta:
        model = Criterion
        fields = [
            "parent",
            "code",
            "title",
            "kind",
            "max_points",
            "target",
            "guidance",
            "evidence_required",
            "evidence_description",
            "position",
        ]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        groups = Criterion.objects.filter(table=table, kind=CriterionKind.GROUP)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups.order_by("position", "id")
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("(nhóm cấp cao nhất)")
        self.fields["position"].required = False

    def values(self):
        data = dict(self.cleaned_data)
        data.pop("parent")
        data["max_points"] = data["max_points"] or 0
        if data.get("position") is None:
            data.pop("position", None)
        return data


class ScoreForm(forms.Form):
    """One criterion of a self-assessment or a review. The note is the explanation or the reviewer's comment."""

    value = forms.CharField(label=_("Giá trị"), required=False, max_length=30)
    note = forms.CharField(label=_("Giải trình"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def parsed_value(self):
        return parse_decimal(self.cleaned_data["value"])


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, ảnh, Word, Excel)"))
    note = forms.CharField(label=_("Mô tả ngắn"), required=False, max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignmentForm(forms.Form):
    reviewee = forms.ModelChoiceField(label=_("Đơn vị được thẩm định"), queryset=Unit.objects.none())
    reviewer = forms.ModelChoiceField(label=_("Đơn vị thẩm định"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=ReviewerRole.choices)
    group_code = forms.ChoiceField(label=_("Phạm vi"), required=False)

    def __init__(self, *args, cluster_year, tree, **kwargs):
        super().__init__(*args, **kwargs)
        members = cluster_year.members.order_by("folded_name")
        self.fields["reviewee"].queryset = members
        local = [*UnitKind.district_level(), *UnitKind.commune_level()]
        departments = Q(province_id=cluster_year.cluster.province_id) & ~Q(kind__in=local)
        self.fields["reviewer"].queryset = Unit.objects.filter(Q(pk__in=members.values("pk")) | departments).order_by(
            "folded_name"
        )
        self.fields["group_code"].choices = [("", _("Toàn bộ bảng tiêu chí"))] + [
            (root.code, f"{root.code}. {root.title}") for root in tree.roots if tree.category(root) is not None
        ]


class RotationForm(forms.Form):
    step = forms.IntegerField(
        label=_("Bước luân phiên (đơn vị thứ i chấm đơn vị thứ i + bước)"), min_value=1, initial=1
    )
    leader_reviews_all = forms.BooleanField(
        label=_("Trưởng cụm thẩm định tất cả thành viên, Phó Trưởng cụm thẩm định Trưởng cụm"),
        required=False,
        initial=True,
    )


class SettleForm(forms.Form):
    value = forms.CharField(label=_("Giá trị quyết định"), max_length=30)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Sao chép từ bảng"), queryset=None)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class TieDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Căn cứ quyết định"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for index, unit in enumerate(self.units, start=1):
            self.fields[f"pos_{unit.pk}"] = forms.IntegerField(
                label=unit.full_name, min_value=1, max_value=len(self.units), initial=index
            )

    def unit_order(self):
        positions = [(self.cleaned_data[f"pos_{u.pk}"], u.pk) for u in self.units]
        if len({p for p, _pk in positions}) != len(positions):
            raise ValidationError(_("Mỗi đơn vị cần một thứ tự khác nhau."))
        return [pk for _p, pk in sorted(positions)]


class PublishForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
