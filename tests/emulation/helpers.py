"""Helpers the tests of this app share."""

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards.models import AwardForm
from thidua.emulation import services


def pdf_upload(name="minh-chung.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def fake_pdf(name="gia-mao.pdf"):
    """A file that says it is a PDF and is not."""
    return SimpleUploadedFile(name, b"day khong phai PDF, chi la van ban", content_type="application/pdf")


def fill(registration, actor, **kwargs):
    registration.refresh_from_db()
    values = {
        "collective_forms": forms("co-thi-dua-tinh"),
        "targets": {AwardForm.objects.get(code="chien-si-thi-dua-co-so"): 12},
        "commitments": "Hoàn thành vượt mức chỉ tiêu",
    }
    values.update(kwargs)
    return services.save_registration(registration, actor=actor, seen_version=registration.version, **values)


def forms(*codes):
    return list(AwardForm.objects.filter(code__in=codes).order_by("code"))
