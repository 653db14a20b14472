"""Meetings, their voter rolls, ballots and counts.

Secrecy lives in the table layout: Voter (who may vote, and whether they did) and CastBallot (what was chosen) share
only the ballot. CastBallot has a random uuid4 key, a random receipt, no timestamp and no column that names or
orders its voter; see services.cast and services._shuffle_after_close.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.voting.enums import (
    BallotPurpose,
    BallotState,
    CandidateKind,
    CountState,
    DelegateRole,
    LeadershipSource,
    MeetingKind,
    MeetingState,
    SlipKind,
    VotingMode,
)


class Meeting(models.Model):
    """A cluster's year-end conference (of one ClusterYear) or a session of a province's council."""

    kind = models.CharField(_("loại"), max_length=20, choices=MeetingKind.choices)
    cluster_year = models.ForeignKey(
        "organizations.ClusterYear",
        verbose_name=_("kỳ thi đua được tổng kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    province = models.ForeignKey("organizations.Province", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("tên hội nghị, phiên họp"), max_length=300)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300)
    chair_name = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    chair_title = models.CharField(_("chức vụ người chủ trì"), max_length=300, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=200, blank=True)
    secretary_title = models.CharField(_("chức vụ thư ký"), max_length=300, blank=True)
    guests = models.TextField(_("khách mời"), blank=True, help_text=_("Mỗi dòng một khách mời hoặc cơ quan."))
    conclusions = models.TextField(_("kết luận, ý kiến khác"), blank=True)
    minutes_number = models.CharField(_("số biên bản"), max_length=50, blank=True)
    submission_number = models.CharField(_("số tờ trình"), max_length=50, blank=True)
    state = models.CharField(_("tình trạng"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)
    next_leader = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("Trưởng cụm năm sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_deputy = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("Phó Trưởng cụm năm sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leadership_source = models.CharField(max_length=20, choices=LeadershipSource.choices, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("hội nghị, phiên họp")
        verbose_name_plural = _("hội nghị, phiên họp")
        constraints = [
            models.CheckConstraint(
                name="meeting_kind_scope",
                condition=Q(kind=MeetingKind.CONFERENCE, cluster_year__isnull=False) | Q(kind=MeetingKind.COUNCIL),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def guest_list(self):
        return [line.strip() for line in self.guests.splitlines() if line.strip()]

    @property
    def is_conference(self):
        return self.kind == MeetingKind.CONFERENCE


class Delegate(models.Model):
    """One person on the meeting's roll: a member unit's delegate, or a council member."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegates")
    role = models.CharField(_("tư cách"), max_length=20, choices=DelegateRole.choices, default=DelegateRole.DELEGATE)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegacies",
    )
    is_present = models.BooleanField(_("có mặt"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "sort_order", "id"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="delegate_user_once_per_meeting"
            )
        ]

    def __str__(self):
        return self.full_name

    def activity_scope(self):
        # The roll is the meeting's business, read by its province's board, not by the delegate's unit.
        return {"unit_id": None, "province_id": self.meeting.province_id}


class Ballot(models.Model):
    """One question on the agenda. Frozen when it opens: candidates, roll and rule parameters stop changing."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="ballots")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    question = models.CharField(_("nội dung bỏ phiếu"), max_length=500)
    purpose = models.CharField(_("mục đích"), max_length=20, choices=BallotPurpose.choices, default=BallotPurpose.OTHER)
    award_form = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("danh hiệu, hình thức đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mode = models.CharField(_("hình thức"), max_length=20, choices=VotingMode.choices, default=VotingMode.ELECTRONIC)
    rule_set = models.ForeignKey(
        "awards.RuleSet", verbose_name=_("quy định bỏ phiếu"), on_delete=models.PROTECT, related_name="+"
    )
    max_choices = models.PositiveSmallIntegerField(_("số lựa chọn tối đa của mỗi phiếu"), default=1)
    seats = models.PositiveSmallIntegerField(
        _("số lượng được chọn"),
        null=True,
        blank=True,
        help_text=_("Để trống thì theo quy định (quota); bầu Trưởng, Phó cụm và bỏ phiếu lại dùng số riêng."),
    )
    runoff_of = models.ForeignKey(
        "self",
        verbose_name=_("bỏ phiếu lại của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runoffs",
    )
    state = models.CharField(_("tình trạng"), max_length=20, choices=BallotState.choices, default=BallotState.DRAFT)
    # Fixed when the ballot opens (the freeze): what the result is computed against.
    rules_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    member_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    present_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    # Sealed electronic voting (docs/ballot-secrecy.md): the public key is made at opening; the private key exists
    # only as shares held by the counting board until closing, when it is rebuilt, used, and published.
    key_threshold = models.PositiveSmallIntegerField(_("số phần khóa cần để kiểm phiếu"), default=2)
    key_holders = models.PositiveSmallIntegerField(_("số thành viên ban kiểm phiếu giữ phần khóa"), default=3)
    public_key = models.CharField(max_length=64, blank=True, editable=False)  # hex; empty: a ballot opened unsealed
    published_key = models.CharField(max_length=64, blank=True, editable=False)  # hex, after closing only
    # Fixed by the first printing of code slips; the minutes say which kind was used.
    slip_kind = models.CharField(_("loại phiếu mã"), max_length=10, choices=SlipKind.choices, blank=True)
    # A tie the rule set leaves to the chair: the chair's choice, recorded.
    tie_note = models.TextField(_("quyết định của người chủ trì khi bằng phiếu"), blank=True)
    tie_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tie_decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.CheckConstraint(name="ballot_max_choices_positive", condition=Q(max_choices__gte=1)),
        ]

    def __str__(self):
        return self.question

    @property
    def is_secret_electronic(self):
        return self.mode == VotingMode.ELECTRONIC

    @property
    def key_share_numbers(self):
        return range(1, self.key_holders + 1)

    @property
    def is_counted_by_hand(self):
        return self.mode in (VotingMode.PAPER, VotingMode.ACCLAMATION)


class Candidate(models.Model):
    """A unit, a person or a free label; `reference` points at whatever it stands for (e.g. a proposal line)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=10, choices=CandidateKind.choices)
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("tên"), max_length=300, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    reference = GenericForeignKey("content_type", "object_id")
    ranking_rank = models.PositiveIntegerField(_("thứ hạng chấm điểm"), null=True, blank=True)
    ranking_total = models.DecimalField(_("tổng điểm"), max_digits=10, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    chosen_by_chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["ballot", "position", "id"]
        verbose_name = _("ứng viên")
        verbose_name_plural = _("ứng viên")
        constraints = [
            models.CheckConstraint(
                name="candidate_kind_matches",
                condition=Q(kind=CandidateKind.UNIT, unit__isnull=False)
                | Q(kind=CandidateKind.PERSON, person__isnull=False)
                | (Q(kind=CandidateKind.LABEL) & ~Q(label="")),
            ),
            models.UniqueConstraint(
                fields=["ballot", "unit"], condition=Q(unit__isnull=False), name="candidate_unit_once"
            ),
            models.UniqueConstraint(
                fields=["ballot", "person"], condition=Q(person__isnull=False), name="candidate_person_once"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.label:
            return self.label
        if self.unit_id:
            return self.unit.full_name
        if self.person_id:
            return self.person.full_name
        return ""


class Voter(models.Model):
    """The ballot's roll, fixed when it opens. No code and no time of voting; has_voted is set by signed-in voting
    and by named slips only (an unnamed slip's use is recorded on its VotingCode, which names nobody)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="voters")
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="voter_entries")
    was_present = models.BooleanField(default=True)
    has_voted = models.BooleanField(default=False)

    class Meta:
        ordering = ["ballot", "delegate__sort_order", "delegate_id"]
        constraints = [models.UniqueConstraint(fields=["ballot", "delegate"], name="voter_once_per_ballot")]

    def __str__(self):
        return f"{self.delegate_id} @ {self.ballot_id}"


class VotingCode(models.Model):
    """One printed slip's one-time code, kept only as a keyed hash. An unnamed slip (voter None) names nobody:
    whose it was is known only to the delegate who drew it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    voter = models.ForeignKey(Voter, null=True, blank=True, on_delete=models.PROTECT, related_name="codes")
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]  # random

    def __str__(self):
        return str(self.id)


class CastBallot(models.Model):
    """What one voter chose. No link to the voter, no timestamp; the key and the receipt are random.

    A sealed ballot makes one empty slot per voter on the roll at opening, in random order; casting fills a random
    empty slot with the sealed paper (and rewrites every slot of the ballot, so no row version tells which was
    filled last). `choices` is written only at closing, from the opened papers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="cast_ballots")
    receipt = models.CharField(max_length=20)
    choices = models.JSONField(default=list)  # candidate ids, sorted
    sealed = models.TextField(blank=True)  # base64 of sealing.seal(); empty on an unsealed ballot's rows
    filled = models.BooleanField(default=True)  # False: a slot not used (yet); rows of unsealed ballots are votes

    class Meta:
        ordering = ["id"]  # random: listing them says nothing about who came first
        constraints = [models.UniqueConstraint(fields=["ballot", "receipt"], name="cast_receipt_unique")]

    def __str__(self):
        return self.receipt


class PaperCount(models.Model):
    """The counting team's figures for a paper ballot or a show of hands; counts once a second person confirms."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="paper_counts")
    state = models.CharField(max_length=20, choices=CountState.choices, default=CountState.ENTERED)
    issued = models.PositiveIntegerField(_("số phiếu phát ra"))
    returned = models.PositiveIntegerField(_("số phiếu thu về"))
    valid = models.PositiveIntegerField(_("số phiếu hợp lệ"))
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"))
    note = models.TextField(_("ghi chú"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["ballot", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot"], condition=~Q(state=CountState.REJECTED), name="one_live_paper_count"
            ),
            models.CheckConstraint(name="paper_returned_le_issued", condition=Q(returned__lte=models.F("issued"))),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.valid}/{self.returned}/{self.issued}"


class PaperCountLine(models.Model):
    count = models.ForeignKey(PaperCount, on_delete=models.CASCADE, related_name="lines")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("số phiếu"))

    class Meta:
        ordering = ["count", "candidate__position"]
        constraints = [models.UniqueConstraint(fields=["count", "candidate"], name="paper_line_once")]

    def __str__(self):
        return f"{self.candidate_id}: {self.votes}"


class WrittenVote(models.Model):
    """An absent member's vote in writing (council), typed in by one person and typed again by another.

    No choice is stored here: only a salted digest of the first entry under a matching key that is written on the
    paper's envelope and never stored (voting/matching.py). When the second entry matches, the choices are sealed
    into a CastBallot, unlinked, and the digest is erased.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="written_votes")
    voter = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="written_votes")
    state = models.CharField(max_length=20, choices=CountState.choices, default=CountState.ENTERED)
    digest = models.CharField(max_length=64, blank=True, editable=False)
    salt = models.CharField(max_length=32, blank=True, editable=False)
    failed_matches = models.PositiveSmallIntegerField(default=0, editable=False)
    entered_at = models.DateTimeField(null=True, blank=True, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reject_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["ballot", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["voter"], condition=~Q(state=CountState.REJECTED), name="one_live_written_vote"
            )
        ]

    def __str__(self):
        return f"{self.voter_id}: {self.state}"


class CodeGuess(models.Model):
    """Wrong one-time codes typed in one minute, per address (keyed hash, not the address) and per ballot.

    Only wrong guesses are counted: a right code leaves no row, so nothing here tells when anyone voted."""

    key = models.CharField(max_length=64)
    minute = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "minute"], name="code_guess_once_per_minute")]

    def __str__(self):
        return f"{self.key[:8]} @ {self.minute}: {self.count}"
