from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardForm, RuleSet
from thidua.organizations.models import Unit
from thidua.voting.enums import BallotPurpose, VotingMode
from thidua.voting.models import Delegate, Meeting


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "title",
            "held_on",
            "place",
            "chair_name",
            "chair_title",
            "secretary_name",
            "secretary_title",
            "guests",
            "conclusions",
        ]
        widgets = {"held_on": DateInput(), "guests": forms.Textarea(attrs={"rows": 3})}


class DelegateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    title = forms.CharField(label=_("Chức vụ"), max_length=300, required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False)
    is_present = forms.BooleanField(label=_("Có mặt"), required=False, initial=True)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class BallotForm(forms.Form):
    SOURCE_DEFAULT = "default"
    SOURCE_LABELS = "labels"

    question = forms.CharField(label=_("Nội dung bỏ phiếu"), max_length=500)
    purpose = forms.ChoiceField(label=_("Mục đích"), choices=BallotPurpose.choices, initial=BallotPurpose.AWARD)
    award_form = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"), queryset=AwardForm.objects.filter(is_record_only=False), required=False
    )
    mode = forms.ChoiceField(label=_("Hình thức bỏ phiếu"), choices=VotingMode.choices)
    max_choices = forms.IntegerField(label=_("Mỗi phiếu chọn tối đa"), min_value=1, initial=1)
    seats = forms.IntegerField(label=_("Số lượng được chọn (để trống: theo quy định)"), min_value=1, required=False)
    rule_set = forms.ModelChoiceField(label=_("Quy định bỏ phiếu"), queryset=None, empty_label=None)
    key_holders = forms.IntegerField(
        label=_("Số thành viên ban kiểm phiếu giữ phần khóa (phiếu điện tử; để trống: theo quy định)"), required=False
    )
    key_threshold = forms.IntegerField(
        label=_("Số phần khóa cần để kiểm phiếu (phiếu điện tử; để trống: theo quy định)"), required=False
    )
    source = forms.ChoiceField(
        label=_("Ứng viên"),
        choices=[
            (SOURCE_DEFAULT, _("Mặc định (kết quả xếp hạng, bỏ đơn vị bị điểm liệt; bầu Trưởng, Phó cụm: mọi đơn vị)")),
            (SOURCE_LABELS, _("Tự nhập, mỗi dòng một ứng viên")),
        ],
        initial=SOURCE_DEFAULT,
        widget=forms.RadioSelect,
    )
    labels = forms.CharField(label=_("Danh sách tự nhập"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, rule_sets=(), is_conference=True, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["rule_set"].queryset = RuleSet.objects.filter(pk__in=[r.pk for r in rule_sets])
        if not is_conference:
            self.fields["purpose"].choices = [
                c for c in BallotPurpose.choices if c[0] not in (BallotPurpose.LEADER, BallotPurpose.DEPUTY)
            ]
            self.fields["source"].initial = self.SOURCE_LABELS

    def clean(self):
        data = super().clean()
        if data.get("source") == self.SOURCE_LABELS and not self.label_list():
            raise ValidationError(_("Hãy nhập ít nhất một ứng viên, mỗi dòng một tên."))
        return data

    def label_list(self):
        raw = self.cleaned_data.get("labels") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class BallotEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    question = forms.CharField(label=_("Nội dung bỏ phiếu"), max_length=500)
    mode = forms.ChoiceField(label=_("Hình thức bỏ phiếu"), choices=VotingMode.choices)
    max_choices = forms.IntegerField(label=_("Mỗi phiếu chọn tối đa"), min_value=1)
    seats = forms.IntegerField(label=_("Số lượng được chọn (để trống: theo quy định)"), min_value=1, required=False)
    # Electronic ballots only: the counting board that holds the key shares (bounds in voting.parameters).
    key_holders = forms.IntegerField(label=_("Số thành viên ban kiểm phiếu giữ phần khóa (phiếu điện tử)"))
    key_threshold = forms.IntegerField(label=_("Số phần khóa cần để kiểm phiếu"))


class CandidateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False)
    label = forms.CharField(label=_("hoặc tên ứng viên"), max_length=300, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("label", "").strip():
            raise ValidationError(_("Chọn một đơn vị hoặc nhập tên ứng viên."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


def candidate_choices(candidates):
    return [(str(c.pk), c.display_name) for c in candidates]


class VoteForm(forms.Form):
    """The ballot paper: tick at most max_choices candidates (none at all is a valid, blank ballot)."""

    choices = forms.MultipleChoiceField(label=_("Lựa chọn"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, ballot, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        self.fields["choices"].choices = candidate_choices(candidates)

    def clean_choices(self):
        chosen = self.cleaned_data["choices"]
        if len(chosen) > self.ballot.max_choices:
            raise ValidationError(
                _("Chỉ được chọn tối đa %(n)s; bạn đã chọn %(m)s.") % {"n": self.ballot.max_choices, "m": len(chosen)}
            )
        return [int(pk) for pk in chosen]


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Mã bỏ phiếu"), max_length=40)


class PaperCountForm(forms.Form):
    """The counting team's figures; for a show of hands only the number voting and each candidate's hands."""

    issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0, required=False)
    returned = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0, required=False)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0, required=False, initial=0)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, ballot, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        if ballot.mode == VotingMode.ACCLAMATION:
            for name in ("issued", "returned", "invalid"):
                del self.fields[name]
            self.fields["valid"].label = _("Số đại biểu tham gia biểu quyết")
        for candidate in self.candidates:
            self.fields[f"c_{candidate.pk}"] = forms.IntegerField(label=candidate.display_name, min_value=0, initial=0)

    def counts(self):
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.candidates}

    def candidate_fields(self):
        return [self[f"c_{c.pk}"] for c in self.candidates]


class WrittenVoteForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=None)
    choices = forms.MultipleChoiceField(label=_("Lựa chọn"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, delegates, candidates, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["delegate"].queryset = Delegate.objects.filter(pk__in=[d.pk for d in delegates])
        self.fields["choices"].choices = candidate_choices(candidates)


class WrittenVoteConfirmForm(forms.Form):
    """The second, blind entry of a written vote: the choices again from the paper and the key from its envelope."""

    choices = forms.MultipleChoiceField(
        label=_("Lựa chọn trên phiếu giấy"), widget=forms.CheckboxSelectMultiple, required=False
    )
    matching_key = forms.CharField(
        label=_("Mã đối chiếu ghi trên phong bì"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices"].choices = candidate_choices(candidates)


class TieDecisionForm(forms.Form):
    chosen = forms.MultipleChoiceField(label=_("Đơn vị được chọn"), widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Ý kiến quyết định của người chủ trì"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, tied, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = candidate_choices(tied)
