"""Signed papers: an issued PDF is signed (PAdES) with the office's certificate, and the check page and API say
who signed, when, and whether the file changed since. The certificates are made here with `cryptography`."""

import asyncio
import datetime
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.papers import assert_shipped_fonts_only, pdf_page_lines
from thidua.core import signing
from thidua.core.documents import pdf_from_html

PASSWORD = "mat-khau-thu"
OFFICE = "UBND tỉnh Quảng Bình"
PAPER = (
    "<html><body><section><h1>QUYẾT ĐỊNH</h1><p>Điều 1. Tặng Cờ thi đua cho huyện Lệ Thủy.</p></section></body></html>"
)


def _name(common, organization=None):
    parts = [x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    return x509.Name(parts)


def _certificate(subject, issuer, key, issuer_key, *, ca):
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(issuer_key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """A throwaway CA and the office's certificate it issued, as the PKCS#12 file a province would configure."""
    folder = tmp_path_factory.mktemp("keys")
    ca_key, office_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA thử nghiệm")
    ca = _certificate(ca_name, ca_name, ca_key, ca_key, ca=True)
    office = _certificate(_name("Văn thư", OFFICE), ca_name, office_key, ca_key, ca=False)
    bundle = pkcs12.serialize_key_and_certificates(
        b"office", office_key, office, [ca], serialization.BestAvailableEncryption(PASSWORD.encode())
    )
    (folder / "office.p12").write_bytes(bundle)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return folder


@pytest.fixture(scope="module")
def signed(keys):
    """One signed paper for the module: signing and rendering cost a second each."""
    from django.test import override_settings

    with override_settings(PAPER_SIGNING_PKCS12=str(keys / "office.p12"), PAPER_SIGNING_PASSWORD=PASSWORD):
        return pdf_from_html(PAPER, sign=True)


@pytest.fixture
def trusted(settings, keys):
    settings.PAPER_SIGNING_TRUST_ROOTS = [str(keys / "ca.pem")]


def test_without_a_certificate_nothing_is_signed(settings):
    settings.PAPER_SIGNING_PKCS12 = ""
    content = pdf_from_html(PAPER, sign=True)
    assert signing.check_pdf(content) == []


def test_the_issued_paper_is_signed_and_marked_in_the_shipped_font(signed, trusted):
    [check] = signing.check_pdf(signed)
    assert (check.field, check.signer, check.intact, check.valid, check.trusted, check.covers_whole_file) == (
        signing.SIGNATURE_FIELD,
        OFFICE,
        True,
        True,
        True,
        True,
    )
    assert check.unchanged
    assert check.issuer == "Common Name: CA thử nghiệm"
    assert abs(check.signed_at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=10)
    assert b"/ETSI.CAdES.detached" in signed  # PAdES, not the older adbe.pkcs7 sub-filter
    first = pdf_page_lines(signed, 1)
    assert first[0] == f"Ký bởi: {OFFICE}"
    assert first[1].startswith("Thời gian ký: ")
    assert first[1].endswith("+07:00")
    assert_shipped_fonts_only(signed)


def test_an_unknown_ca_is_valid_but_not_trusted(signed, settings):
    settings.PAPER_SIGNING_TRUST_ROOTS = []
    [check] = signing.check_pdf(signed)
    assert (check.intact, check.valid, check.trusted, check.unchanged) == (True, True, False, True)


def test_a_changed_byte_breaks_the_signature(signed, trusted):
    # The text sits in a compressed stream: flip a byte inside the page content.
    tampered = bytearray(signed)
    position = signed.index(b"stream\n", signed.index(b"/Contents")) + 20
    tampered[position] ^= 0xFF
    [check] = signing.check_pdf(bytes(tampered))
    assert not check.intact
    assert not check.unchanged


def test_an_appended_revision_is_reported(signed, trusted):
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    info = writer.root
    info[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    [check] = signing.check_pdf(out.getvalue())
    assert (check.intact, check.valid, check.covers_whole_file, check.unchanged) == (True, True, False, False)


def test_signing_and_checking_work_where_an_event_loop_already_runs(keys, settings, trusted):
    # pyhanko's synchronous calls use asyncio.run; a running loop (an async server, Playwright's in the browser
    # tests) made them fail with "asyncio.run() cannot be called from a running event loop".
    settings.PAPER_SIGNING_PKCS12 = str(keys / "office.p12")
    settings.PAPER_SIGNING_PASSWORD = PASSWORD
    unsigned = pdf_from_html(PAPER)

    async def inside_a_loop():
        signed_here = signing.sign_pdf(unsigned, signing.office_signer())
        return [(c.signer, c.unchanged, c.trusted) for c in signing.check_pdf(signed_here)]

    assert asyncio.run(inside_a_loop()) == [(OFFICE, True, True)]


def test_bad_files_are_refused_in_vietnamese():
    with pytest.raises(signing.kernel.Refusal, match="không phải là tệp PDF"):
        signing.check_pdf(b"PK\x03\x04 a zip")
    with pytest.raises(signing.kernel.Refusal, match="Không đọc được tệp PDF"):
        signing.check_pdf(b"%PDF-1.7\n garbage")


@pytest.mark.django_db
def test_the_page_checks_an_upload_for_anyone(client, signed, trusted):
    url = reverse("core:verify_signature")
    assert client.get(url).status_code == 200
    page = client.post(url, {"file": SimpleUploadedFile("qd.pdf", signed, "application/pdf")}).content.decode()
    assert "Chữ ký hợp lệ, chứng thư số được tin cậy, tệp không bị sửa sau khi ký." in page
    assert f"<dd>{OFFICE}</dd>" in page
    bad = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf")}).content.decode()
    assert "Tệp không phải là tệp PDF." in bad
    assert "Chữ ký 1" not in bad


@pytest.mark.django_db
def test_the_api_gives_the_same_answer(client, signed, trusted):
    response = client.post(
        "/api/v1/signatures/verify", {"file": SimpleUploadedFile("qd.pdf", signed, "application/pdf")}
    )
    assert response.status_code == 200
    [body] = response.json()
    assert {
        k: body[k] for k in ("field", "signer", "intact", "valid", "trusted", "covers_whole_file", "unchanged")
    } == {
        "field": signing.SIGNATURE_FIELD,
        "signer": OFFICE,
        "intact": True,
        "valid": True,
        "trusted": True,
        "covers_whole_file": True,
        "unchanged": True,
    }
    refused = client.post("/api/v1/signatures/verify", {"file": SimpleUploadedFile("a.pdf", b"xx", "text/plain")})
    assert refused.status_code == 422
    assert refused.json() == {"detail": "Tệp không phải là tệp PDF."}


def test_an_issued_paper_is_signed_and_a_draft_is_not(keys, settings):
    from thidua.core.documents import OfficialDocument, Signature
    from thidua.voting import documents as voting_documents

    settings.PAPER_SIGNING_PKCS12 = str(keys / "office.p12")
    settings.PAPER_SIGNING_PASSWORD = PASSWORD

    def paper(draft):
        meta = OfficialDocument(
            issuer="Cụm thi đua các huyện, thị xã, thành phố",
            parent_issuer="UBND tỉnh Quảng Bình",
            doc_type="Tờ trình",
            summary="Về việc đề nghị tặng Cờ thi đua năm 2023",
            place="Quảng Bình",
            date=datetime.date(2024, 1, 15),
            number="01/TTr-CTĐ",
            signatures=[Signature(prefix="TM.", title="Cụm thi đua", deputy_title="Trưởng cụm", name="Đinh Xuân Hòa")],
            distribution=["Ban Thi đua - Khen thưởng tỉnh"],
            drafter="CTĐ",
            draft=draft,
        )
        return voting_documents.Document(meta=meta, blocks=[voting_documents.Para("Cụm thi đua đề nghị.")])

    assert [c.signer for c in signing.check_pdf(voting_documents.to_pdf(paper(draft=False)))] == [OFFICE]
    assert signing.check_pdf(voting_documents.to_pdf(paper(draft=True))) == []
