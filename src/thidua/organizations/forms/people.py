"""Forms for keeping people: add, correct, a further post, correct a post, transfer. The services do the checking."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.enums import Gender
from thidua.organizations.forms import UnitChoiceField
from thidua.organizations.models import Unit


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=_date_input())
    is_direct_labourer = forms.BooleanField(
        label=_("Trực tiếp lao động, sản xuất"),
        required=False,
        help_text=_("Công nhân, nông dân, người lao động trực tiếp: được ưu tiên khi xét khen thưởng."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewPersonForm(PersonForm):
    unit = UnitChoiceField(label=_("Đơn vị công tác"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Chức vụ"), max_length=200)
    valid_from = forms.DateField(label=_("Công tác từ ngày"), required=False, widget=_date_input())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        del self.fields["version"]


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=200)
    valid_from = forms.DateField(label=_("Từ ngày"), required=False, widget=_date_input())
    valid_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=_date_input(), help_text=_("Để trống nếu vẫn đang giữ chức vụ.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewPositionForm(PositionForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())

    field_order = ["unit", "title", "valid_from", "valid_to"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        del self.fields["version"]


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}, {obj.unit.full_name}"


class TransferForm(forms.Form):
    position = PositionChoiceField(label=_("Chức vụ hiện tại (kết thúc)"), queryset=Unit.objects.none())
    to_unit = UnitChoiceField(label=_("Chuyển đến đơn vị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Chức vụ tại đơn vị mới"), max_length=200)
    date = forms.DateField(
        label=_("Ngày chuyển công tác"),
        widget=_date_input(),
        help_text=_("Chức vụ hiện tại kết thúc vào ngày trước ngày này; chức vụ mới bắt đầu từ ngày này."),
    )

    def __init__(self, *args, positions, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions
        self.fields["to_unit"].queryset = units
