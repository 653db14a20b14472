from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardForm
from thidua.proposals.central import CENTRAL_LEVELS
from thidua.proposals.enums import AttachmentKind, ProposalState, Verdict
from thidua.voting.enums import VotingMode


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo trích yếu"), required=False)
    state = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả")), *ProposalState.choices], required=False
    )
    year = forms.IntegerField(label=_("Năm thành tích"), required=False, min_value=1945, max_value=2100)


class ProposalCreateForm(forms.Form):
    """The drafter is picked from what the user may draft for: "cy:<id>", "unit:<id>" or "province:<id>"."""

    proposer = forms.ChoiceField(label=_("Đơn vị đề nghị"))
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    title = forms.CharField(label=_("Trích yếu"), max_length=300)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        years, units, provinces = targets
        choices = [(f"cy:{cy.pk}", _("Cụm: %(cy)s") % {"cy": cy}) for cy in years]
        choices += [(f"unit:{u.pk}", _("Đơn vị: %(u)s") % {"u": u.full_name}) for u in units]
        choices += [(f"province:{p.pk}", _("Ban Thi đua - Khen thưởng tỉnh %(p)s") % {"p": p.name}) for p in provinces]
        self.fields["proposer"].choices = choices


class ConferenceForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Hội nghị tổng kết"), coerce=int)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (m.pk, f"{m.title} – {m.cluster_year} ({m.held_on:%d/%m/%Y})") for m in meetings
        ]


class ProposalEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    submission_date = forms.DateField(label=_("Ngày tờ trình"), widget=DateInput(), required=False)
    signer_name = forms.CharField(label=_("Người ký tờ trình"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=300, required=False)


class ItemForm(forms.Form):
    award_form = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=AwardForm.objects.none())
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=None, required=False)
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=None, required=False)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    report = forms.FileField(
        label=_("Báo cáo thành tích (PDF hoặc Word)"),
        required=False,
        help_text=_("Không bắt buộc: khi không tải lên, hệ thống tạo báo cáo từ tóm tắt thành tích."),
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = AwardForm.objects.filter(is_record_only=False)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["unit"].label_from_instance = lambda u: u.full_name

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("person")):
            raise forms.ValidationError(_("Chọn đúng một đối tượng: một tập thể hoặc một cá nhân."))
        return data


class ItemEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 6}), required=False)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    item = forms.TypedChoiceField(label=_("Của dòng"), coerce=int, required=False, empty_value=None)
    file = forms.FileField(label=_("Tệp (PDF, Word, ảnh)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("Cả hồ sơ"))] + [(i.pk, i.name) for i in items]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class VerdictForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=_("Kết quả thẩm định"),
        choices=[(Verdict.ACCEPTED, Verdict.ACCEPTED.label), (Verdict.REJECTED, Verdict.REJECTED.label)],
    )
    reason = forms.CharField(
        label=_("Lý do, ý kiến thẩm định"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CouncilForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Phiên họp Hội đồng"), coerce=int, required=False, empty_value=None)
    held_on = forms.DateField(label=_("Ngày họp (phiên mới)"), widget=DateInput(), required=False)
    place = forms.CharField(label=_("Địa điểm (phiên mới)"), max_length=300, required=False)
    chair_name = forms.CharField(label=_("Người chủ trì (phiên mới)"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("Thư ký (phiên mới)"), max_length=200, required=False)
    mode = forms.ChoiceField(
        label=_("Hình thức bỏ phiếu"),
        choices=[(VotingMode.ELECTRONIC, VotingMode.ELECTRONIC.label), (VotingMode.PAPER, VotingMode.PAPER.label)],
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", _("Tạo phiên họp mới"))] + [
            (m.pk, f"{m.title} ({m.held_on:%d/%m/%Y})") for m in meetings
        ]


class ForwardForm(forms.Form):
    number = forms.CharField(label=_("Số tờ trình lên Trung ương"), max_length=50)
    forwarded_on = forms.DateField(label=_("Ngày trình"), widget=DateInput())
    central_reference = forms.CharField(
        label=_("Số tiếp nhận của Trung ương (nếu đã có)"), max_length=100, required=False
    )


class NoticeForm(forms.Form):
    place = forms.CharField(
        label=_("Nơi công khai"),
        max_length=300,
        help_text=_("Ví dụ: Cổng thông tin điện tử của tỉnh; bảng tin của đơn vị."),
    )
    starts_on = forms.DateField(label=_("Công khai từ ngày"), widget=DateInput())
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    objections = forms.IntegerField(label=_("Số ý kiến phản ánh nhận được"), min_value=0, initial=0)
    settlement = forms.CharField(
        label=_("Kết quả giải quyết ý kiến (nếu có)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CentralPaperForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại giấy tờ"),
        choices=[
            (AttachmentKind.REPORT, _("Báo cáo thành tích có xác nhận")),
            (AttachmentKind.EXTRACT, AttachmentKind.EXTRACT.label),
        ],
    )
    file = forms.FileField(label=_("Tệp (PDF, Word hoặc ảnh)"))


class PendingFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm thành tích"), required=False, min_value=1945, max_value=2100)
    award_form = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=AwardForm.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = AwardForm.objects.filter(level__in=CENTRAL_LEVELS).order_by("name")


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    signer_name = forms.CharField(label=_("Người ký"), max_length=200)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, initial=_("Chủ tịch"))
    issuer = forms.CharField(label=_("Cấp quyết định"), max_length=200)
    items = forms.TypedMultipleChoiceField(
        label=_("Danh sách được khen thưởng"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, passed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i.pk, f"{i.name} – {i.award_form.name} {i.year}") for i in passed]
        self.fields["items"].initial = [i.pk for i in passed]


class StatisticsForm(forms.Form):
    province = forms.ModelChoiceField(label=_("Tỉnh"), queryset=None, required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
