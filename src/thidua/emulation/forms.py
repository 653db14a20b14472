"""Forms of the emulation pages. They only collect and shape input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.emulation import selectors
from thidua.emulation.enums import ExemplarKind, GuidingDocumentType, MovementKind, MovementLevel, PhaseKind
from thidua.emulation.models import Movement, MovementModel
from thidua.organizations.models import Cluster, ClusterYear, Province, Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in core.files when the service stores it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PhaseDatesForm(forms.Form):
    """One start/end pair per phase kind; a kind left blank is not set up."""

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing = dict(phases)
        for kind in PhaseKind:
            phase = existing.get(kind)
            self.fields[f"{kind.value}_starts_on"] = forms.DateField(
                label=_("Bắt đầu"), required=False, widget=DateInput(), initial=phase.starts_on if phase else None
            )
            self.fields[f"{kind.value}_ends_on"] = forms.DateField(
                label=_("Kết thúc"), required=False, widget=DateInput(), initial=phase.ends_on if phase else None
            )

    def rows(self):
        return [(kind, self[f"{kind.value}_starts_on"], self[f"{kind.value}_ends_on"]) for kind in PhaseKind]

    def changes(self):
        """(kind, starts_on, ends_on) for each kind with both dates filled in."""
        result = []
        for kind in PhaseKind:
            start = self.cleaned_data.get(f"{kind.value}_starts_on")
            end = self.cleaned_data.get(f"{kind.value}_ends_on")
            if start or end:
                result.append((kind, start, end))
        return result


class RegistrationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput())
    collective_forms = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng tập thể đăng ký"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commitments = forms.CharField(label=_("Nội dung cam kết"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, registration=None, **kwargs):
        if registration is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(registration)
        super().__init__(*args, **kwargs)
        self.fields["collective_forms"].queryset = selectors.registrable_collective_forms()
        self.individual_forms = list(selectors.registrable_individual_forms())
        for form in self.individual_forms:
            self.fields[f"target_{form.pk}"] = forms.IntegerField(
                label=form.name, min_value=0, max_value=100000, required=False
            )

    @staticmethod
    def initial_from(registration):
        initial = {
            "version": registration.version,
            "collective_forms": list(registration.collective_forms.all()),
            "commitments": registration.commitments,
        }
        for target in registration.targets.all():
            initial[f"target_{target.award_form_id}"] = target.count
        return initial

    def target_fields(self):
        return [self[f"target_{f.pk}"] for f in self.individual_forms]

    def targets(self):
        return {f: self.cleaned_data.get(f"target_{f.pk}") or 0 for f in self.individual_forms}


class ReasonForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput())
    reason = forms.CharField(label=_("Lý do, ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PledgeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)
    motto = forms.CharField(label=_("Phương châm"), max_length=300)
    preamble = forms.CharField(label=_("Phần mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label=_("Nội dung giao ước (mỗi dòng một nội dung)"), widget=forms.Textarea(attrs={"rows": 10})
    )
    signing_place = forms.CharField(label=_("Địa điểm ký kết"), max_length=200, required=False)
    signing_date = forms.DateField(label=_("Ngày ký kết"), required=False, widget=DateInput())
    change_note = forms.CharField(
        label=_("Lý do sửa đổi (bắt buộc khi giao ước đã có chữ ký)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @staticmethod
    def initial_from(pledge):
        return {
            "version": pledge.version,
            "motto": pledge.motto,
            "preamble": pledge.preamble,
            "items": "\n".join(i.text for i in pledge.items.all()),
            "signing_place": pledge.signing_place,
            "signing_date": pledge.signing_date,
        }

    def item_list(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class SignForm(forms.Form):
    scan = forms.FileField(label=_("Bản chụp giao ước đã ký (PDF, PNG, JPEG; không bắt buộc)"), required=False)


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Bản chụp giao ước đã ký (PDF, PNG, JPEG)"))


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=500)
    level = forms.ChoiceField(label=_("Cấp phát động"), choices=MovementLevel.choices)
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    launch_reference = forms.CharField(label=_("Văn bản phát động"), max_length=500, required=False)
    starts_on = forms.DateField(label=_("Bắt đầu"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Kết thúc"), required=False, widget=DateInput())
    targets = forms.CharField(label=_("Mục tiêu, chỉ tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    description = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    provinces = forms.ModelMultipleChoiceField(label=_("Tỉnh áp dụng"), queryset=Province.objects.all(), required=False)
    clusters = forms.ModelMultipleChoiceField(
        label=_("Cụm, khối áp dụng"), queryset=Cluster.objects.all(), required=False
    )

    FIELDS = ("name", "level", "kind", "launch_reference", "starts_on", "ends_on", "targets", "description")

    @classmethod
    def initial_from(cls, movement):
        initial = {k: getattr(movement, k) for k in cls.FIELDS}
        initial["provinces"] = list(movement.provinces.all())
        initial["clusters"] = list(movement.clusters.all())
        return initial

    def data_for_service(self):
        return {k: self.cleaned_data[k] for k in self.FIELDS}


class UnitChoiceMixin:
    def limit_units(self, user_units):
        self.fields["unit"].queryset = user_units
        if user_units.count() == 1:
            self.fields["unit"].initial = user_units.first()


class JoinMovementForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    commitment = forms.CharField(
        label=_("Nội dung hưởng ứng"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MovementReportForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period = forms.CharField(label=_("Kỳ báo cáo"), max_length=100, help_text=_("Ví dụ: 6 tháng đầu năm, cả năm"))
    content = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 6}))
    figures = forms.CharField(
        label=_("Số liệu (mỗi dòng “tên chỉ tiêu: giá trị”)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(label=_("Tệp minh chứng (PDF, ảnh, Word, Excel)"))

    def figure_rows(self):
        rows = []
        for line in self.cleaned_data.get("figures", "").splitlines():
            if not line.strip():
                continue
            label, _sep, value = line.partition(":")
            rows.append({"label": label.strip(), "value": value.strip()})
        return rows


class MovementModelForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Tên mô hình"), max_length=300)
    category = forms.CharField(label=_("Nhóm mô hình"), max_length=100, required=False, help_text=_("Ví dụ: OCOP"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("Mô tả, hiệu quả"), widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Minh chứng (PDF, ảnh, Word, Excel)"))


class ExemplarForm(UnitChoiceMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề xuất"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplarKind.choices)
    name = forms.CharField(label=_("Tên cá nhân, tập thể, mô hình"), max_length=300)
    title = forms.CharField(label=_("Chức vụ, nơi công tác"), max_length=300, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("Phong trào"), queryset=Movement.objects.all(), required=False)
    movement_model = forms.ModelChoiceField(
        label=_("Mô hình đã ghi nhận"), queryset=MovementModel.objects.none(), required=False
    )
    achievements = forms.CharField(label=_("Thành tích"), widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("Minh chứng (PDF, ảnh, Word, Excel)"))

    FIELDS = ("kind", "name", "title", "year", "movement", "movement_model", "achievements")

    def __init__(self, *args, user_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user_units is not None:
            self.limit_units(user_units)
            self.fields["movement_model"].queryset = MovementModel.objects.filter(unit__in=user_units)

    def data_for_service(self):
        return {k: self.cleaned_data[k] for k in self.FIELDS}


class GuidingDocumentForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300)
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=GuidingDocumentType.choices)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    province = forms.ModelChoiceField(label=_("Tỉnh"), queryset=Province.objects.all(), required=False)
    movements = forms.ModelMultipleChoiceField(
        label=_("Phong trào liên quan"), queryset=Movement.objects.all(), required=False
    )
    cluster_years = forms.ModelMultipleChoiceField(
        label=_("Kỳ thi đua liên quan"), queryset=ClusterYear.objects.select_related("cluster"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Tệp văn bản (PDF hoặc Word)"), required=False)

    FIELDS = ("number", "issued_on", "issuer", "doc_type", "summary", "province", "note")

    @classmethod
    def initial_from(cls, document):
        initial = {k: getattr(document, k) for k in cls.FIELDS}
        initial["movements"] = list(document.movements.all())
        initial["cluster_years"] = list(document.cluster_years.all())
        return initial

    def data_for_service(self):
        return {k: self.cleaned_data[k] for k in self.FIELDS}
