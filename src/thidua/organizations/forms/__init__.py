"""Forms for recording a unit's history and managing a cluster's year. The services do the checking."""

import datetime

from django import forms
from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.organizations.enums import ClusterKind, LeaderSelection, LineageKind, UnitKind
from thidua.organizations.models import Unit


class UnitChoiceMixin:
    def label_from_instance(self, obj):
        label = f"{obj.full_name} – {obj.province.name}"
        if obj.valid_to is not None:
            label += " " + str(_("(đến %(date)s)") % {"date": obj.valid_to.strftime("%d/%m/%Y")})
        return label


class UnitMultipleChoiceField(UnitChoiceMixin, forms.ModelMultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"size": 12})


class UnitChoiceField(UnitChoiceMixin, forms.ModelChoiceField):
    pass


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LineageEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sự kiện"), choices=LineageKind.choices)
    date = forms.DateField(label=_("Ngày hiệu lực"), widget=_date_input())
    decision = forms.CharField(label=_("Văn bản quyết định"), max_length=300, required=False)
    decision_date = forms.DateField(label=_("Ngày ban hành"), required=False, widget=_date_input())
    predecessors = UnitMultipleChoiceField(
        label=_("Đơn vị trước sự kiện"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Giữ phím Ctrl để chọn nhiều đơn vị."),
    )
    successors = UnitMultipleChoiceField(
        label=_("Đơn vị sau sự kiện (đã có)"), queryset=Unit.objects.none(), required=False
    )
    new_unit_name = forms.CharField(
        label=_("Hoặc tạo đơn vị mới: tên"),
        max_length=200,
        required=False,
        help_text=_("Đơn vị mới hoạt động từ ngày hiệu lực và là đơn vị sau của sự kiện."),
    )
    new_unit_kind = forms.ChoiceField(
        label=_("Loại đơn vị mới"), choices=[("", "—"), *UnitKind.choices], required=False
    )
    end_predecessors = forms.BooleanField(
        label=_("Các đơn vị trước kết thúc hoạt động vào ngày trước ngày hiệu lực"), required=False, initial=True
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = units
        self.fields["successors"].queryset = units
        self.provinces = list(provinces)
        if len(self.provinces) > 1:
            self.fields["new_unit_province"] = forms.ModelChoiceField(
                label=_("Tỉnh của đơn vị mới"), queryset=provinces, required=False
            )
            self.order_fields([*list(self.fields)[:8], "new_unit_province"])

    def clean(self):
        data = super().clean()
        if data.get("new_unit_name") and not data.get("new_unit_kind"):
            self.add_error("new_unit_kind", _("Hãy chọn loại của đơn vị mới."))
        if data.get("new_unit_name") and len(self.provinces) > 1 and not data.get("new_unit_province"):
            self.add_error("new_unit_province", _("Hãy chọn tỉnh của đơn vị mới."))
        return data

    def new_unit_province(self):
        return self.cleaned_data.get("new_unit_province") or (self.provinces[0] if self.provinces else None)


class RenameUnitForm(forms.Form):
    new_name = forms.CharField(label=_("Tên mới"), max_length=200)
    date = forms.DateField(label=_("Ngày hiệu lực"), widget=_date_input())
    decision = forms.CharField(label=_("Văn bản quyết định"), max_length=300, required=False)
    expected_name = forms.CharField(widget=forms.HiddenInput, required=False)


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def candidate_units(provinces, year, extra_ids=()):
    """Units that existed at some point of the year in the given provinces, plus the ones already chosen.

    The chosen ones come first, then units of the same kinds (a district cluster lists districts before communes).
    """
    start, end = _year_bounds(year)
    extra_ids = list(extra_ids)
    alive = Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    alive &= Q(valid_from__isnull=True) | Q(valid_from__lte=end)
    kinds = list(Unit.objects.filter(pk__in=extra_ids).values_list("kind", flat=True).distinct())
    return (
        Unit.objects.filter((Q(province__in=provinces) & alive) | Q(pk__in=extra_ids))
        .select_related("province")
        .annotate(
            rank=Case(
                When(pk__in=extra_ids, then=0), When(kind__in=kinds, then=1), default=2, output_field=IntegerField()
            )
        )
        .order_by("rank", "province__name", "folded_name", "id")
    )


class ClusterYearForm(forms.Form):
    members = UnitMultipleChoiceField(label=_("Đơn vị thành viên"), queryset=Unit.objects.none())
    leader = UnitChoiceField(label=_("Trưởng cụm"), queryset=Unit.objects.none(), required=False)
    deputy = UnitChoiceField(label=_("Phó Trưởng cụm"), queryset=Unit.objects.none(), required=False)
    state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = units


class OpenClusterYearForm(ClusterYearForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    motto = forms.CharField(label=_("Phương châm"), max_length=300, required=False)

    field_order = ["year", "members", "leader", "deputy", "motto"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ClusterForm(forms.Form):
    """Found or edit a cụm or khối. `version` is the cluster's version the user read (a lost edit race is refused)."""

    province = forms.ModelChoiceField(label=_("Tỉnh"), queryset=None)
    name = forms.CharField(label=_("Tên cụm, khối"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại"), choices=ClusterKind.choices)
    founding_decision = forms.CharField(
        label=_("Quyết định thành lập"),
        max_length=300,
        required=False,
        help_text=_("Số, ký hiệu và trích yếu, ví dụ: Quyết định số 12/QĐ-HĐTĐKT về việc thành lập các cụm thi đua."),
    )
    founding_decision_date = forms.DateField(label=_("Ngày ký quyết định"), required=False, widget=_date_input())
    valid_from = forms.DateField(label=_("Hoạt động từ ngày"), required=False, widget=_date_input())
    leader_selection = forms.ChoiceField(label=_("Cách chọn Trưởng cụm"), choices=LeaderSelection.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, provinces, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        if editing:  # a cluster stays in its province; a merged province's clusters are closed and founded anew
            del self.fields["province"]


class CloseClusterForm(forms.Form):
    date = forms.DateField(label=_("Ngày kết thúc hoạt động"), widget=_date_input())
    decision = forms.CharField(label=_("Văn bản kết thúc"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)


class RotationAddForm(forms.Form):
    unit = UnitChoiceField(label=_("Thêm đơn vị vào cuối thứ tự"), queryset=Unit.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RotationMoveForm(forms.Form):
    """One button of the rotation list: move a unit up or down, or take it out of the order."""

    unit = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    action = forms.ChoiceField(choices=[("up", "up"), ("down", "down"), ("remove", "remove")])
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)
