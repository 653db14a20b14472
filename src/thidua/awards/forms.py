from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.conditions import TYPES
from thidua.awards.enums import (
    AchievementKind,
    AwardLevel,
    ConditionCode,
    DisciplineLevel,
    InitiativeKind,
    InitiativeScope,
    ReviewKind,
    RuleSetKind,
    TaskCompletion,
)
from thidua.awards.kinds import SCHEMAS, condition_unit
from thidua.awards.models import AwardForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AwardFormCorrectionForm(VersionedForm):
    name = forms.CharField(label=_("Tên"), max_length=200)
    issuer = forms.CharField(label=_("Thẩm quyền quyết định"), max_length=200, required=False)
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)
    is_record_only = forms.BooleanField(label=_("Chỉ ghi sổ (không xét trong hệ thống)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


def _kind_param_field(param):
    """A form field for one parameter of a rule set's kind (awards.kinds). Bounds and requiredness are checked by
    the service against the same schema, so the page and the API refuse with the same Vietnamese sentence."""
    label = f"{param.label} ({param.unit})" if param.unit else param.label
    if param.type == "bool":
        return forms.BooleanField(label=label, required=False, help_text=param.help)
    if param.type == "choice":
        return forms.ChoiceField(label=label, choices=[("", "—"), *param.choices], required=False, help_text=param.help)
    attrs = {"inputmode": "decimal"} if param.type == "share" else {"inputmode": "numeric"}
    return forms.CharField(label=label, required=False, help_text=param.help, widget=forms.TextInput(attrs=attrs))


class RuleSetForm(forms.Form):
    """A rule set's citation, dates, province, source document and EVERY parameter of its kind, each field built
    from the kind's schema (awards.kinds) with its Vietnamese label and unit."""

    name = forms.CharField(label=_("Tên bộ quy định"), max_length=300)
    citation = forms.CharField(
        label=_("Căn cứ pháp lý"),
        max_length=500,
        help_text=_("Số, ký hiệu, ngày và điều, khoản của văn bản quy định các tham số dưới đây."),
    )
    province = forms.ChoiceField(label=_("Phạm vi"), required=False)
    valid_from = forms.DateField(label=_("Hiệu lực từ"), widget=DateInput())
    valid_to = forms.DateField(label=_("Hiệu lực đến"), widget=DateInput(), required=False)
    source_file = forms.FileField(
        label=_("Tệp văn bản gốc (PDF, DOCX, ảnh chụp)"),
        required=False,
        help_text=_("Để trống thì giữ tệp đã có (nếu có)."),
    )
    source_url = forms.CharField(label=_("Địa chỉ văn bản gốc trên mạng"), max_length=500, required=False)
    is_verified = forms.BooleanField(label=_("Đã đối chiếu văn bản gốc"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)

    def __init__(self, *args, kind, provinces, allow_national, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = SCHEMAS[kind]
        self.provinces = {str(p.pk): p for p in provinces}
        choices = [(pk, _("Riêng tỉnh %(name)s") % {"name": p.name}) for pk, p in self.provinces.items()]
        if allow_national:
            choices.insert(0, ("", _("Toàn quốc (mọi tỉnh)")))
        self.fields["province"].choices = choices
        for param in self.spec.params:
            self.fields[f"p_{param.name}"] = _kind_param_field(param)
        names = [f"p_{p.name}" for p in self.spec.params]
        self.order_fields(["template", "name", "citation", "province", "valid_from", "valid_to", *names])

    @staticmethod
    def initial_parameters(parameters):
        initial = {}
        for name, value in (parameters or {}).items():
            initial[f"p_{name}"] = str(value).replace(".", ",") if isinstance(value, float) else value
        return initial

    def clean_province(self):
        value = self.cleaned_data.get("province") or ""
        if value and value not in self.provinces:
            raise forms.ValidationError(_("Hãy chọn một tỉnh trong danh sách."))
        return self.provinces.get(value)

    def parameter_fields(self):
        return [self[f"p_{p.name}"] for p in self.spec.params]

    def parameters(self):
        """The typed values as the service expects them; blanks become None, so the schema says what is missing."""
        values = {}
        for param in self.spec.params:
            value = self.cleaned_data.get(f"p_{param.name}")
            if param.type == "bool":
                values[param.name] = bool(value)
            elif param.type == "forms":
                values[param.name] = list(value or [])
            else:
                values[param.name] = str(value).strip() if value not in (None, "") else None
        return values

    def set_values(self):
        fields = ["name", "citation", "valid_from", "valid_to", "is_verified", "note", "source_url"]
        return {name: self.cleaned_data[name] for name in fields}


class RuleSetCreateForm(RuleSetForm):
    pass


class RuleSetCorrectionForm(RuleSetForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do sửa (ghi vào nhật ký)"), max_length=500)


class RuleSetStartForm(forms.Form):
    """The create page's first step: which kind, and optionally which existing rule set to copy."""

    kind = forms.ChoiceField(label=_("Loại quy định"), choices=[("", "—"), *RuleSetKind.choices], required=False)
    template = forms.ChoiceField(label=_("Dùng bộ quy định có sẵn làm mẫu"), required=False)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            ("", _("Không, tạo bộ trống")),
            *[
                (str(rs.pk), f"{rs.get_kind_display()}: {rs.name} ({rs.province or _('toàn quốc')})")
                for rs in templates
            ],
        ]


class ChecklistForm(forms.Form):
    province = forms.ChoiceField(label=_("Tỉnh"), required=False)
    on = forms.DateField(label=_("Tại ngày"), widget=DateInput(), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {str(p.pk): p for p in provinces}
        self.fields["province"].choices = [(pk, p.name) for pk, p in self.provinces.items()]


def _form_choices():
    return [(f.code, f.name) for f in AwardForm.objects.all()]


def _param_field(param):
    if param.kind == "int":
        return forms.IntegerField(
            label=param.label, min_value=param.min_value, max_value=param.max_value, required=param.required
        )
    if param.kind == "percent":
        return forms.DecimalField(
            label=param.label, min_value=0, max_value=100, decimal_places=2, required=param.required
        )
    if param.kind == "bool":
        return forms.BooleanField(label=param.label, required=False)
    if param.kind == "choice":
        return forms.ChoiceField(label=param.label, choices=param.choices.choices, required=param.required)
    if param.kind == "choices":
        return forms.MultipleChoiceField(
            label=param.label,
            choices=param.choices.choices,
            widget=forms.CheckboxSelectMultiple,
            required=param.required,
        )
    if param.kind == "forms":
        return forms.MultipleChoiceField(
            label=param.label, choices=_form_choices, widget=forms.CheckboxSelectMultiple, required=param.required
        )
    return forms.CharField(label=param.label, widget=forms.Textarea, required=param.required)


class RuleForm(VersionedForm):
    """A condition's citation, certainty and parameters; the parameter fields follow the condition's schema."""

    citation = forms.CharField(label=_("Căn cứ pháp lý"), max_length=500)
    is_verified = forms.BooleanField(label=_("Đã đối chiếu văn bản gốc"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)
    reason = forms.CharField(label=_("Lý do sửa (ghi vào nhật ký)"), max_length=500)

    def __init__(self, *args, condition, with_form_choice=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.condition = condition
        self.spec = TYPES[condition]
        if with_form_choice:
            self.fields["award_form"] = forms.ChoiceField(
                label=_("Áp dụng cho"), choices=[("", _("Mọi danh hiệu, hình thức")), *_form_choices()], required=False
            )
        for param in self.spec.params:
            field = _param_field(param)
            unit = condition_unit(condition, param)
            if unit and f"({unit})" not in str(param.label):
                field.label = f"{param.label} ({unit})"
            self.fields[f"p_{param.name}"] = field
        params = [f"p_{p.name}" for p in self.spec.params]
        self.order_fields(["award_form", "citation", *params, "is_verified", "note", "reason"])

    @classmethod
    def initial_for(cls, rule, version):
        initial = {
            "version": version,
            "citation": rule.citation,
            "is_verified": rule.is_verified,
            "note": rule.note,
        }
        for name, value in rule.parameters.items():
            initial[f"p_{name}"] = value
        return initial

    def parameter_fields(self):
        return [self[f"p_{p.name}"] for p in self.spec.params]

    def parameters(self):
        values = {}
        for param in self.spec.params:
            value = self.cleaned_data.get(f"p_{param.name}")
            if value in (None, "", []) and param.kind != "bool":
                continue
            if param.kind == "percent":
                value = float(value) if value != int(value) else int(value)
            values[param.name] = value
        return values


class AddRuleChoiceForm(forms.Form):
    condition = forms.ChoiceField(label=_("Loại điều kiện"), choices=ConditionCode.choices)


class AwardRecordForm(forms.Form):
    award_form = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=AwardForm.objects.none())
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    achievement_kind = forms.ChoiceField(label=_("Loại thành tích"), choices=AchievementKind.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    issuer = forms.CharField(label=_("Cấp, người ký quyết định"), max_length=200)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea, required=False)

    def __init__(self, *args, recipient_kind, own_level_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        forms_ = AwardForm.objects.filter(recipient_kind=recipient_kind)
        self.fields["award_form"].queryset = forms_.filter(level=AwardLevel.GRASSROOTS) if own_level_only else forms_


class RevokeForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do hủy bỏ"), widget=forms.Textarea)
    decision = forms.CharField(label=_("Quyết định hủy bỏ (số, ngày)"), max_length=200, required=False)
    revoked_on = forms.DateField(label=_("Ngày hủy bỏ"), widget=DateInput())


class TaskRatingForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    completion = forms.ChoiceField(label=_("Mức độ hoàn thành nhiệm vụ"), choices=TaskCompletion.choices)
    basis = forms.CharField(label=_("Căn cứ (văn bản đánh giá)"), max_length=300, required=False)


class DisciplineForm(forms.Form):
    level = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineLevel.choices)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DateInput(), required=False)
    decision = forms.CharField(label=_("Quyết định kỷ luật"), max_length=200, required=False)
    reason = forms.CharField(label=_("Nội dung vi phạm"), widget=forms.Textarea, required=False)


class ReviewFlagForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=ReviewKind.choices)
    opened_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)


class CloseFlagForm(VersionedForm):
    closed_on = forms.DateField(label=_("Kết thúc ngày"), widget=DateInput())
    outcome = forms.CharField(label=_("Kết quả"), max_length=500, required=False)


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến, đề tài"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices, initial=InitiativeKind.INITIATIVE)
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), choices=InitiativeScope.choices)
    co_authors = forms.CharField(label=_("Đồng tác giả (nếu có)"), max_length=500, required=False)
    recognised_by = forms.CharField(
        label=_("Cơ quan, người công nhận"),
        max_length=300,
        help_text=_("Ví dụ: Hội đồng sáng kiến huyện Lệ Thủy; Chủ tịch UBND tỉnh."),
    )
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    year = forms.IntegerField(label=_("Năm tính thành tích"), min_value=1945, max_value=2100)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RemoveInitiativeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xóa"), max_length=500)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên, số quyết định"), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)
    award_form = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardForm.objects.all(),
        required=False,
        empty_label=_("Mọi hình thức"),
    )
    level = forms.ChoiceField(label=_("Cấp"), choices=[("", _("Mọi cấp")), *AwardLevel.choices], required=False)
    kind = forms.ChoiceField(
        label=_("Loại thành tích"), choices=[("", _("Mọi loại")), *AchievementKind.choices], required=False
    )
    recipient = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[("", _("Tập thể và cá nhân")), ("collective", _("Tập thể")), ("individual", _("Cá nhân"))],
        required=False,
    )
    revoked = forms.ChoiceField(
        label=_("Hủy bỏ"),
        choices=[("exclude", _("Còn hiệu lực")), ("include", _("Cả đã hủy bỏ")), ("only", _("Chỉ đã hủy bỏ"))],
        required=False,
    )


class EvaluateForm(forms.Form):
    """On a unit's or person's history page: judge one form for one year."""

    form = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)

    def __init__(self, *args, recipient_kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [
            (f.code, f.name) for f in AwardForm.objects.filter(recipient_kind=recipient_kind, is_record_only=False)
        ]


class ScreeningForm(forms.Form):
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    award_form = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        required=False,
        queryset=AwardForm.objects.filter(is_record_only=False),
        empty_label=_("Mọi danh hiệu, hình thức"),
    )
    as_of = forms.DateField(
        label=_("Ngày xét"),
        widget=DateInput(),
        required=False,
        help_text=_("Kỷ luật, việc đang xem xét và đơn vị đã giải thể tính tại ngày này."),
    )
    only_qualifying = forms.BooleanField(label=_("Chỉ hiện người, tập thể có thể đề nghị"), required=False)


class BaseSalaryForm(forms.Form):
    amount = forms.IntegerField(label=_("Mức lương cơ sở (đồng/tháng)"), min_value=1, max_value=2_000_000_000)
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=DateInput())
    citation = forms.CharField(label=_("Căn cứ (số, ngày văn bản)"), max_length=300)
    source = forms.CharField(label=_("Nguồn (địa chỉ văn bản)"), max_length=500, required=False)
    is_verified = forms.BooleanField(label=_("Đã đối chiếu văn bản"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PrizeQueryForm(forms.Form):
    award_form = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=AwardForm.objects.filter(is_record_only=False), required=True
    )
    day = forms.DateField(label=_("Ngày ban hành quyết định"), widget=DateInput())
