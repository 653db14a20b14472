"""The outgoing register (sổ văn bản đi) of each issuing body per year, and the numbers it gave out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.registers.enums import IssuerKind, PaperType


class Register(models.Model):
    """One body's register for one year. Numbers start at 1 each year and are never given twice."""

    issuer_kind = models.CharField(_("loại cơ quan ban hành"), max_length=10, choices=IssuerKind.choices)
    # "unit:5", "cluster:3", "board:1": one key per body, so the unique constraint holds where FKs are NULL.
    body_key = models.CharField(max_length=40)
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True, on_delete=models.PROTECT)
    cluster = models.ForeignKey("organizations.Cluster", null=True, blank=True, on_delete=models.PROTECT)
    province = models.ForeignKey("organizations.Province", on_delete=models.PROTECT)
    name = models.CharField(_("cơ quan ban hành"), max_length=300)
    symbol = models.CharField(_("chữ viết tắt"), max_length=30)
    year = models.PositiveSmallIntegerField(_("năm"))
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("sổ văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["body_key", "year"], name="register_one_per_body_year")]

    def __str__(self):
        return f"{self.name} – {self.year}"

    def activity_scope(self):
        return {"unit_id": self.unit_id, "province_id": self.province_id}


class Entry(models.Model):
    """A number given to one paper: it stays with that paper, and the register never gives it again."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    paper_type = models.CharField(_("loại văn bản"), max_length=20, choices=PaperType.choices)
    paper_code = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField()
    summary = models.CharField(_("trích yếu"), max_length=500)
    folded_summary = models.CharField(max_length=500, editable=False, default="")
    issued_on = models.DateField(_("ngày ban hành"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản đi")
        verbose_name_plural = _("số văn bản đi")
        ordering = ["-register__year", "register_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="register_number_once"),
            models.UniqueConstraint(fields=["paper_code", "object_id"], name="register_paper_once"),
        ]

    def __str__(self):
        return self.full_number

    def save(self, *args, **kwargs):
        self.folded_summary = fold(f"{self.full_number} {self.summary}")[:500]
        super().save(*args, **kwargs)

    @property
    def full_number(self):
        """ "12/TTr-CTĐ"."""
        return f"{self.number}/{self.symbol}"

    def activity_scope(self):
        return self.register.activity_scope()


class SigningCertificate(models.Model):
    """An issuing body's own signing certificate (PKCS#12 with its password), sealed with a key derived from the
    installation's secret (registers/certificates.py): the database alone does not give the private key away. What
    the certificate says is kept beside it in the clear, so the page can show it without unsealing."""

    issuer_kind = models.CharField(_("loại cơ quan ban hành"), max_length=10, choices=IssuerKind.choices)
    body_key = models.CharField(max_length=40, unique=True)
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(
        "organizations.Cluster", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey("organizations.Province", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("cơ quan ban hành"), max_length=300)
    subject = models.CharField(_("chủ thể"), max_length=1000)
    issuer = models.CharField(_("tổ chức cấp"), max_length=1000)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_to = models.DateTimeField(_("hiệu lực đến"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=100)
    sealed = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("chứng thư số của cơ quan")
        verbose_name_plural = _("chứng thư số của cơ quan")
        ordering = ["province_id", "name"]

    def __str__(self):
        return f"{self.name} ({self.fingerprint[:23]})"

    def activity_scope(self):
        return {"unit_id": self.unit_id, "province_id": self.province_id}
