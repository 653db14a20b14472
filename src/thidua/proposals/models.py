"""A proposal dossier (hồ sơ đề nghị khen thưởng), its lines, attachments and the chairman's decision.

States move only through services.set_proposal_state. The council's ballot and the award records live in the voting
and awards apps; a proposal points at them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.proposals.enums import AttachmentKind, ProposalState, ProposerKind, Verdict


class Proposal(models.Model):
    proposer_kind = models.CharField(_("đơn vị đề nghị"), max_length=20, choices=ProposerKind.choices)
    cluster_year = models.ForeignKey(
        "organizations.ClusterYear",
        verbose_name=_("kỳ thi đua của cụm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    province = models.ForeignKey("organizations.Province", on_delete=models.PROTECT, related_name="proposals")
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    folded_title = models.CharField(max_length=300, editable=False, db_index=True)
    conference = models.ForeignKey(
        "voting.Meeting",
        verbose_name=_("hội nghị bình xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    submission_number = models.CharField(_("số tờ trình"), max_length=50, blank=True)
    submission_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    signer_name = models.CharField(_("người ký tờ trình"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=300, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT, db_index=True
    )
    due_on = models.DateField(_("hạn xử lý bước hiện tại"), null=True, blank=True)
    sent_on = models.DateField(_("ngày gửi tỉnh"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    council_ballot = models.ForeignKey(
        "voting.Ballot",
        verbose_name=_("phiếu của Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The province's submission upward (Thủ tướng, Chủ tịch nước): its number and day, and the reference the
    # central body gave the dossier when it received it.
    forward_number = models.CharField(_("số tờ trình lên Trung ương"), max_length=50, blank=True)
    forwarded_on = models.DateField(_("ngày trình Trung ương"), null=True, blank=True)
    central_reference = models.CharField(_("số tiếp nhận của Trung ương"), max_length=100, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit saves only if nobody saved since it was opened.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                name="proposal_proposer_scope",
                condition=Q(proposer_kind=ProposerKind.CLUSTER, cluster_year__isnull=False)
                | Q(proposer_kind=ProposerKind.UNIT, unit__isnull=False)
                | Q(proposer_kind=ProposerKind.BOARD),
            )
        ]
        indexes = [models.Index(fields=["province", "state"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.folded_title = fold(self.title)[:300]
        super().save(*args, **kwargs)

    def activity_scope(self):
        # A unit's own proposal is read by its staff; a cluster's or the board's only by the province.
        unit_id = self.unit_id if self.proposer_kind == ProposerKind.UNIT else None
        return {"unit_id": unit_id, "province_id": self.province_id}

    @property
    def proposer_name(self):
        if self.proposer_kind == ProposerKind.CLUSTER:
            return self.cluster_year.cluster.name
        if self.proposer_kind == ProposerKind.UNIT:
            return self.unit.full_name
        return str(ProposerKind.BOARD.label)

    @property
    def is_editable(self):
        return self.state in ProposalState.editable()


class ProposalItem(models.Model):
    """One candidate of a proposal: a unit or a person, for one award form and year."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    award_form = models.ForeignKey(
        "awards.AwardForm", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    conference_votes = models.PositiveIntegerField(_("số phiếu tại hội nghị"), null=True, blank=True)
    conference_percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    verdict = models.CharField(_("kết quả thẩm định"), max_length=20, choices=Verdict.choices, default=Verdict.PENDING)
    verdict_reason = models.TextField(_("lý do"), blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verdict_at = models.DateTimeField(null=True, blank=True)
    # What the eligibility engine said when the board judged the item (the record changes afterwards).
    eligibility_status = models.CharField(max_length=20, blank=True)
    eligibility = models.JSONField(default=list, blank=True)
    council_votes = models.PositiveIntegerField(_("số phiếu của Hội đồng"), null=True, blank=True)
    council_percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    council_passed = models.BooleanField(_("Hội đồng thông qua"), null=True, blank=True)
    in_decision = models.BooleanField(_("có trong quyết định"), default=False)
    award_record = models.ForeignKey(
        "awards.AwardRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["proposal", "position", "id"]
        verbose_name = _("dòng đề nghị")
        verbose_name_plural = _("dòng đề nghị")
        constraints = [
            models.CheckConstraint(
                name="proposal_item_one_recipient",
                condition=Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.award_form} {self.year} – {self.name}"

    @property
    def subject(self):
        return self.unit if self.unit_id else self.person

    @property
    def name(self):
        return self.unit.full_name if self.unit_id else self.person.full_name

    @property
    def is_collective(self):
        return self.unit_id is not None


class ProposalAttachment(models.Model):
    """An uploaded paper of the dossier: minutes, an achievement report (of one item), anything else."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    item = models.ForeignKey(ProposalItem, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=AttachmentKind.choices)
    stored_file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "kind", "id"]
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")

    def __str__(self):
        return self.stored_file.original_name


class Decision(models.Model):
    """The chairman's decision as recorded by the board (there is no chairman login)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cấp quyết định"), max_length=200)
    signer_name = models.CharField(_("người ký"), max_length=200)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self):
        return f"{self.number} ({self.decision_date:%d/%m/%Y})"


class PublicNotice(models.Model):
    """The public notice (công khai) of one line before the province forwards it upward: where, from when to when,
    and the objections received with how they were settled. How long it must run is rule data (proposals.central)."""

    item = models.OneToOneField(ProposalItem, on_delete=models.CASCADE, related_name="public_notice")
    place = models.CharField(_("nơi công khai"), max_length=300)
    starts_on = models.DateField(_("công khai từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    objections = models.PositiveIntegerField(_("số ý kiến phản ánh"), default=0)
    settlement = models.TextField(_("kết quả giải quyết ý kiến"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("công khai trước khi trình")
        verbose_name_plural = _("công khai trước khi trình")
        constraints = [
            models.CheckConstraint(name="public_notice_dates_in_order", condition=Q(ends_on__gte=F("starts_on")))
        ]

    def __str__(self):
        return f"{self.place} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    @property
    def is_settled(self):
        return self.objections == 0 or bool(self.settlement.strip())
