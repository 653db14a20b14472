import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.organizations.enums import (
    ClusterKind,
    Gender,
    LeaderSelection,
    LineageKind,
    LineageRole,
    Role,
    UnitKind,
)


class Province(models.Model):
    """A province-level unit. Provinces merge too (Quảng Bình + Quảng Trị -> Quảng Trị on 1/7/2025)."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="successors", verbose_name=_("tỉnh trước sắp xếp")
    )
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self):
        return self.name


@functools.cache
def _vietnamese_kind(kind):
    # Read once per process: switching the language for every unit cost ~4 ms a unit, seconds on a page that lists
    # a cluster's members over eleven years (issue 17's page benchmark).
    with translation.override("vi"):
        return str(UnitKind(kind).label)


class Unit(models.Model):
    """An agency or administrative unit. Never deleted: an ended unit keeps its names, history and awards."""

    code = models.SlugField(_("mã"), max_length=100, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("tên hiện tại hoặc sau cùng"), max_length=200)
    folded_name = models.CharField(max_length=200, db_index=True, editable=False)
    province = models.ForeignKey(Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["folded_name", "id"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Search folds the Vietnamese name ("huyen le thuy"), whichever language the person saving reads.
        self.folded_name = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:unit_detail", args=[self.pk])

    @property
    def full_name(self):
        # A unit's name ("huyện Lệ Thủy") is a Vietnamese proper name: the same on English pages, and never
        # half-translated in the documents, titles and log entries that copy it.
        # Territorial units are named without their kind ("Lệ Thủy"); a department or agency carries it in its
        # own name ("Phòng Nội vụ huyện Lệ Thủy"), so prefixing "sở"/"cơ quan, đơn vị khác" would garble it.
        if self.kind not in UnitKind.territorial():
            return self.name
        return f"{_vietnamese_kind(self.kind)} {self.name}"

    def is_active_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class UnitName(models.Model):
    """A name a unit bore over a period (đổi tên keeps the old one here)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("tên"), max_length=200)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "valid_from"]
        verbose_name = _("tên đơn vị theo thời gian")

    def __str__(self):
        return self.name


class LineageEvent(models.Model):
    """thành lập, sáp nhập, chia tách, đổi tên, giải thể: which units went in and which came out."""

    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=LineageKind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("văn bản quyết định"), max_length=300, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sự kiện lịch sử đơn vị")
        verbose_name_plural = _("sự kiện lịch sử đơn vị")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class LineageLink(models.Model):
    event = models.ForeignKey(LineageEvent, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="lineage_links")
    role = models.CharField(max_length=10, choices=LineageRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "unit", "role"], name="lineage_link_unique")]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.event} {self.role} {self.unit_id}"


class Cluster(models.Model):
    """A cụm or khối thi đua set up by the province's council."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="clusters")
    name = models.CharField(_("tên"), max_length=300)
    folded_name = models.CharField(max_length=300, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CLUSTER)
    founding_decision = models.CharField(_("quyết định thành lập"), max_length=300, blank=True)
    founding_decision_date = models.DateField(_("ngày quyết định thành lập"), null=True, blank=True)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    closing_decision = models.CharField(_("văn bản kết thúc"), max_length=300, blank=True)
    leader_selection = models.CharField(
        _("cách chọn Trưởng cụm"), max_length=20, choices=LeaderSelection.choices, default=LeaderSelection.ELECTED
    )
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    # Bumped by every edit of the cluster or its rotation order: two people editing at once, the second save loses.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["province", "name", "id"]
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:cluster_detail", args=[self.pk])


class RotationSlot(models.Model):
    """The cluster's rotation order for leader and deputy, used when leader_selection is rotation."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="rotation")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["cluster", "position"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "position"], name="rotation_position_unique"),
            models.UniqueConstraint(fields=["cluster", "unit"], name="rotation_unit_unique"),
        ]

    def __str__(self):
        return f"{self.position}. {self.unit_id}"


class ClusterYear(models.Model):
    """One emulation year (kỳ thi đua) of a cluster: members, leader (Trưởng cụm) and deputy (Phó Trưởng cụm)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"))
    leader = models.ForeignKey(
        Unit, verbose_name=_("Trưởng cụm"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        Unit, verbose_name=_("Phó Trưởng cụm"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motto = models.CharField(_("phương châm"), max_length=300, blank=True)
    leader_is_invented = models.BooleanField(_("Trưởng, Phó cụm là dữ liệu minh họa"), default=False)
    members = models.ManyToManyField(Unit, through="ClusterMembership", related_name="cluster_years")

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = _("kỳ thi đua của cụm")
        verbose_name_plural = _("kỳ thi đua của cụm")
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="cluster_year_unique")]

    def __str__(self):
        return f"{self.cluster} – {self.year}"


class MembershipQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for membership in objs:
            membership.fill_year_and_kind()
        return super().bulk_create(objs, *args, **kwargs)


class ClusterMembership(models.Model):
    cluster_year = models.ForeignKey(ClusterYear, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(null=True, blank=True)
    # Copies of the year and the cluster's kind, so that the database itself refuses a unit in two clusters (or two
    # blocks) of the same year; a unit may be in one cluster and one block.
    year = models.PositiveSmallIntegerField(editable=False)
    cluster_kind = models.CharField(max_length=10, choices=ClusterKind.choices, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["cluster_year", "unit__folded_name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="membership_unique"),
            models.UniqueConstraint(fields=["unit", "year", "cluster_kind"], name="membership_one_cluster_a_year"),
        ]

    def __str__(self):
        return f"{self.unit_id} in {self.cluster_year_id}"

    def save(self, *args, **kwargs):
        self.fill_year_and_kind()
        super().save(*args, **kwargs)

    def fill_year_and_kind(self):
        self.year = self.cluster_year.year
        self.cluster_kind = self.cluster_year.cluster.kind

    def clean(self):
        # The Django admin's inline: the same refusal as the services give, instead of an integrity error.
        if self.cluster_year_id is None or self.unit_id is None:
            return
        self.fill_year_and_kind()
        other = (
            ClusterMembership.objects.filter(unit_id=self.unit_id, year=self.year, cluster_kind=self.cluster_kind)
            .exclude(cluster_year_id=self.cluster_year_id)
            .select_related("cluster_year__cluster")
            .first()
        )
        if other is not None:
            raise ValidationError(
                _("%(unit)s đã là thành viên của %(cluster)s năm %(year)s.")
                % {"unit": capfirst(self.unit.full_name), "cluster": other.cluster_year.cluster, "year": self.year}
            )


class Person(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    folded_name = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="people")
    is_direct_labourer = models.BooleanField(
        _("trực tiếp lao động, sản xuất"),
        default=False,
        help_text=_("Người trực tiếp lao động, sản xuất, kinh doanh: được ưu tiên khi xét khen thưởng."),
    )
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    # Bumped by every edit, so that of two people editing the same record the second is told (kernel.StaleEdit).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["folded_name", "id"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:person_detail", args=[self.pk])


class Position(models.Model):
    """A person's post in a unit over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("chức vụ"), max_length=200)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["person", "-valid_from"]
        verbose_name = _("chức vụ, nơi công tác")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="position_valid_range",
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.unit_id}"

    def activity_scope(self):
        # A post is the record of the unit it is in: that unit's officers and its province's board read the entry.
        return {"unit_id": self.unit_id, "province_id": self.unit.province_id}

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class RoleAssignment(models.Model):
    """What a user may do, and where: a unit, a cluster year or a province."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    cluster_year = models.ForeignKey(
        ClusterYear,
        verbose_name=_("kỳ thi đua của cụm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches",
                condition=(
                    Q(role__in=Role.unit_roles(), unit__isnull=False)
                    | Q(role=Role.CLUSTER_SECRETARIAT, cluster_year__isnull=False)
                    | Q(role__in=Role.province_roles(), province__isnull=False)
                    | Q(role=Role.ADMIN)
                ),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    SCOPE_FIELD = {
        Role.UNIT_OFFICER: "unit",
        Role.UNIT_HEAD: "unit",
        Role.CLUSTER_SECRETARIAT: "cluster_year",
        Role.BOARD_OFFICER: "province",
        Role.COUNCIL_MEMBER: "province",
        Role.ADMIN: None,
    }

    @property
    def scope_object(self):
        field = self.SCOPE_FIELD.get(self.role)
        return getattr(self, field) if field else None

    @property
    def scope_province_id(self):
        """The province the role is exercised in (None for an administrator)."""
        if self.unit_id:
            return self.unit.province_id
        if self.cluster_year_id:
            return self.cluster_year.cluster.province_id
        return self.province_id

    def overlapping(self):
        """Other rows giving the same user the same role on the same scope for some common day."""
        rows = RoleAssignment.objects.filter(
            user_id=self.user_id,
            role=self.role,
            unit_id=self.unit_id,
            cluster_year_id=self.cluster_year_id,
            province_id=self.province_id,
        ).exclude(pk=self.pk)
        if self.valid_to is not None:
            rows = rows.exclude(valid_from__gt=self.valid_to)
        if self.valid_from is not None:
            rows = rows.exclude(valid_to__lt=self.valid_from)
        return rows

    def clean(self):
        # The admin's form and the services both ask this: a role needs exactly its scope, once per period.
        field = self.SCOPE_FIELD.get(self.role)
        others = {"unit", "cluster_year", "province"} - {field}
        if field and getattr(self, f"{field}_id") is None:
            raise ValidationError(
                _("Vai trò “%(role)s” cần chọn %(scope)s.")
                % {"role": self.get_role_display(), "scope": self._meta.get_field(field).verbose_name}
            )
        for name in others:
            setattr(self, name, None)
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(_("Ngày kết thúc vai trò không được trước ngày bắt đầu."))
        if self.user_id is not None and self.overlapping().exists():
            raise ValidationError(
                _("Tài khoản này đã có vai trò “%(role)s” ở phạm vi này trong cùng thời gian; không thêm lần nữa.")
                % {"role": self.get_role_display()}
            )
