"""Forms of the account pages. The unit is typed (its code or its name, with or without diacritics) and resolved
on the server, so the picker works the same for "Lệ Thủy", "le thuy" and "qb-lethuy"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterYear, Province
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import accounts as account_selectors


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClusterYearChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cluster.name} – {obj.year}"


class RoleFields(forms.Form):
    """A role and its scope. `unit` is text resolved to one unit in the clean step."""

    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = forms.CharField(
        label=_("Đơn vị (cho cán bộ thi đua, thủ trưởng)"),
        max_length=200,
        required=False,
        help_text=_("Gõ mã hoặc tên đơn vị, có dấu hay không dấu đều được, ví dụ “Lệ Thủy” hoặc “le thuy”."),
        widget=forms.TextInput(attrs={"list": "unit-choices", "autocomplete": "off"}),
    )
    cluster_year = ClusterYearChoiceField(
        label=_("Kỳ thi đua của cụm (cho thư ký cụm)"), queryset=ClusterYear.objects.none(), required=False
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh (cho Ban Thi đua - Khen thưởng, Hội đồng)"), queryset=Province.objects.none(), required=False
    )
    valid_from = forms.DateField(label=_("Bắt đầu từ ngày"), required=False, widget=_date_input())

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if not scope_of(actor).is_admin:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.ADMIN]
        self.fields["cluster_year"].queryset = account_selectors.cluster_years_for_picker(actor)
        self.fields["province"].queryset = account_selectors.provinces_for_picker(actor)

    def clean(self):
        data = super().clean()
        data["unit_obj"] = None
        if data.get("role") in Role.unit_roles():
            text = data.get("unit", "")
            unit, candidates = account_selectors.resolve_unit(self.actor, text)
            if not text:
                self.add_error("unit", _("Vai trò này cần chọn đơn vị."))
            elif unit is None and candidates:
                names = "; ".join(f"{u.full_name} ({u.code})" for u in candidates[:10])
                self.add_error(
                    "unit", _("Có nhiều đơn vị khớp: %(names)s. Hãy gõ rõ hơn hoặc nhập mã.") % {"names": names}
                )
            elif unit is None:
                self.add_error("unit", _("Không tìm thấy đơn vị “%(text)s”.") % {"text": text})
            data["unit_obj"] = unit
        return data

    def role_kwargs(self):
        data = self.cleaned_data
        return {
            "role": data["role"],
            "unit": data["unit_obj"],
            "cluster_year": data.get("cluster_year"),
            "province": data.get("province"),
            "valid_from": data.get("valid_from"),
        }


class AccountCreateForm(RoleFields):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ thường không dấu, ví dụ canbo.lethuy."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    field_order = ["full_name", "username", "email", "phone", "role", "unit", "cluster_year", "province", "valid_from"]


class AddRoleForm(RoleFields):
    valid_to = forms.DateField(label=_("Kết thúc ngày (nếu đã biết)"), required=False, widget=_date_input())

    def role_kwargs(self):
        return {**super().role_kwargs(), "valid_to": self.cleaned_data.get("valid_to")}


class EndRoleForm(forms.Form):
    on_date = forms.DateField(label=_("Ngày cuối của vai trò"), required=False, widget=_date_input())


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
    commit = forms.BooleanField(required=False, widget=forms.HiddenInput)
