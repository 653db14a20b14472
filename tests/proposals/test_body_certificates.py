"""Issue 16: each issuing body's own signing certificate. The province's board uploads, replaces and removes it
(page and API), it is stored sealed, a wrong password or an expired file is refused and changes nothing, and the
body's issued papers (the dossier included) are signed with it; the installation's certificate is the fallback."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.test_signing import _certificate, _name
from tests.proposals.helpers import draft
from tests.voting.factories import MeetingFactory
from thidua.core import signing
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry
from thidua.proposals import dossier
from thidua.proposals.numbered import SUBMISSION
from thidua.registers import certificates, services
from thidua.registers.models import SigningCertificate
from thidua.registers.papers import board_issuer, cluster_issuer
from thidua.registers.services import issue_paper
from thidua.voting import documents as voting_documents
from thidua.voting.enums import MeetingKind
from thidua.voting.numbered import MINUTES

PASSWORD = "mat-khau-cum"
CLUSTER_ORG = "Cụm thi đua thử"


def _bundle(organization, *, expired=False):
    """(PKCS#12 bytes, the certificate) from a throwaway CA; `expired` ends its validity yesterday."""
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA thử nghiệm")
    ca = _certificate(ca_name, ca_name, ca_key, ca_key, ca=True)
    if expired:
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name("Văn thư", organization))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=400))
            .not_valid_after(now - datetime.timedelta(days=1))
            .sign(ca_key, hashes.SHA256())
        )
    else:
        certificate = _certificate(_name("Văn thư", organization), ca_name, key, ca_key, ca=False)
    content = pkcs12.serialize_key_and_certificates(
        b"body", key, certificate, [ca], serialization.BestAvailableEncryption(PASSWORD.encode())
    )
    return content, certificate


@pytest.fixture(scope="module")
def cluster_p12():
    return _bundle(CLUSTER_ORG)


def _upload(client, body_key, content, password=PASSWORD):
    upload = SimpleUploadedFile("cum.p12", content, "application/x-pkcs12")
    return client.post(reverse("registers:certificates"), {"body": body_key, "file": upload, "password": password})


def test_the_board_uploads_a_certificate_and_sees_what_it_says(world, login, cluster_p12):
    content, certificate = cluster_p12
    body = cluster_issuer(world.cluster_year.cluster)
    client = login(world.board)
    response = _upload(client, body.body_key, content)
    assert response.status_code == 302
    stored = SigningCertificate.objects.get()
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex().upper()
    assert (stored.body_key, stored.name, stored.subject, stored.issuer, stored.fingerprint.replace(":", "")) == (
        body.body_key,
        world.cluster_year.cluster.name,
        f"CN=Văn thư, O={CLUSTER_ORG}",
        "CN=CA thử nghiệm",
        fingerprint,
    )
    assert (stored.valid_from, stored.valid_to) == (certificate.not_valid_before_utc, certificate.not_valid_after_utc)
    # Sealed at rest: neither the password nor the key file is in the row as written.
    sealed = bytes(stored.sealed)
    assert PASSWORD.encode() not in sealed
    assert content not in sealed
    assert certificates.unseal(sealed) == (content, PASSWORD)
    page = client.get(reverse("registers:certificates")).content.decode()
    assert f"CN=Văn thư, O={CLUSTER_ORG}" in page
    assert stored.fingerprint in page
    assert certificate.not_valid_after_utc.strftime("%d/%m/%Y") in page
    [logged] = ActivityLogEntry.objects.filter(action="certificate.uploaded")
    assert PASSWORD not in str(logged.new_values)
    assert logged.new_values["fingerprint"] == stored.fingerprint


def test_a_wrong_password_or_an_expired_file_is_refused_and_changes_nothing(world, login, cluster_p12):
    content = cluster_p12[0]
    body = cluster_issuer(world.cluster_year.cluster)
    client = login(world.board)
    wrong = _upload(client, body.body_key, content, password="sai")
    assert wrong.status_code == 200
    assert "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12, .pfx)." in (
        wrong.content.decode()
    )
    assert not SigningCertificate.objects.exists()
    _upload(client, body.body_key, content)
    kept = SigningCertificate.objects.get()
    expired, old = _bundle(CLUSTER_ORG, expired=True)
    with pytest.raises(Refusal) as refused:
        services.upload_certificate(world.board, body, expired, PASSWORD)
    day = old.not_valid_after_utc.astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%d/%m/%Y")
    assert refused.value.messages == [f"Chứng thư số đã hết hạn ngày {day}."]
    assert list(SigningCertificate.objects.values_list("pk", "fingerprint")) == [(kept.pk, kept.fingerprint)]
    with pytest.raises(Refusal, match="Hãy chọn tệp chứng thư số"):
        services.upload_certificate(world.board, body, b"", PASSWORD)


def test_replace_and_remove_only_by_the_provinces_board(world, login, cluster_p12):
    body = cluster_issuer(world.cluster_year.cluster)
    first = services.upload_certificate(world.board, body, cluster_p12[0], PASSWORD)
    other, _cert = _bundle("Cụm thi đua thử 2")
    with pytest.raises(PermissionDenied):
        services.upload_certificate(world.outsider, body, other, PASSWORD)
    with pytest.raises(PermissionDenied):
        services.upload_certificate(world.secretary, body, other, PASSWORD)
    replaced = services.upload_certificate(world.board, body, other, PASSWORD)
    assert (replaced.pk, SigningCertificate.objects.count()) == (first.pk, 1)
    assert replaced.fingerprint != first.fingerprint
    assert ActivityLogEntry.objects.filter(action="certificate.replaced").count() == 1
    assert login(world.secretary).get(reverse("registers:certificates")).status_code == 403
    remove = reverse("registers:certificate_remove", args=[replaced.pk])
    assert login(world.outsider).post(remove).status_code == 404
    assert SigningCertificate.objects.count() == 1
    assert login(world.board).post(remove).status_code == 302
    assert not SigningCertificate.objects.exists()
    assert ActivityLogEntry.objects.filter(action="certificate.removed").count() == 1


def test_the_api_lists_uploads_refuses_and_removes(world, login, cluster_p12):
    body = cluster_issuer(world.cluster_year.cluster)
    client = login(world.board)
    path = "/api/v1/signing-certificates"
    wrong = client.post(path, {"body_key": body.body_key, "password": "sai", "file": _file(cluster_p12[0])})
    assert (wrong.status_code, wrong.json()["detail"]) == (
        422,
        "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12, .pfx).",
    )
    created = client.post(path, {"body_key": body.body_key, "password": PASSWORD, "file": _file(cluster_p12[0])})
    assert created.status_code == 201
    assert (created.json()["subject"], created.json()["name"]) == (
        f"CN=Văn thư, O={CLUSTER_ORG}",
        world.cluster_year.cluster.name,
    )
    assert "sealed" not in created.json()
    assert [c["body_key"] for c in client.get(path).json()] == [body.body_key]
    assert login(world.outsider).get(path).json() == []
    assert login(world.secretary).get(path).status_code == 403
    outsider = login(world.outsider).post(
        path, {"body_key": body.body_key, "password": PASSWORD, "file": _file(cluster_p12[0])}
    )
    assert outsider.status_code == 403
    pk = created.json()["id"]
    assert login(world.outsider).delete(f"{path}/{pk}").status_code == 404
    assert client.delete(f"{path}/{pk}").status_code == 204
    assert not SigningCertificate.objects.exists()


def _file(content):
    return SimpleUploadedFile("cum.p12", content, "application/x-pkcs12")


def test_the_bodys_issued_papers_are_signed_with_its_own_certificate(world, settings, cluster_p12):
    settings.PAPER_SIGNING_PKCS12 = ""  # no installation certificate: only the body's own can sign
    meeting = MeetingFactory(kind=MeetingKind.CONFERENCE, cluster_year=world.cluster_year, province=world.province)
    services.upload_certificate(world.board, cluster_issuer(world.cluster_year.cluster), cluster_p12[0], PASSWORD)
    draft_pdf = voting_documents.to_pdf(voting_documents.meeting_minutes(meeting))
    assert signing.check_pdf(draft_pdf) == []  # a draft is never signed
    issue_paper(world.secretary, MINUTES, meeting.pk)
    [check] = signing.check_pdf(voting_documents.to_pdf(voting_documents.meeting_minutes(meeting)))
    assert (check.signer, check.intact, check.valid, check.covers_whole_file) == (CLUSTER_ORG, True, True, True)
    # The board has no certificate of its own and the installation none: its council minutes stay unsigned.
    session = MeetingFactory(kind=MeetingKind.COUNCIL, province=world.province)
    issue_paper(world.board, MINUTES, session.pk)
    assert board_issuer(world.province).body_key == f"board:{world.province.pk}"
    assert signing.check_pdf(voting_documents.to_pdf(voting_documents.meeting_minutes(session))) == []


def test_the_dossier_is_signed_once_its_submission_is_numbered(world, settings, cluster_p12):
    settings.PAPER_SIGNING_PKCS12 = ""
    proposal = draft(world)
    services.upload_certificate(world.board, cluster_issuer(world.cluster_year.cluster), cluster_p12[0], PASSWORD)
    assert signing.check_pdf(dossier.dossier_pdf(proposal)) == []
    issue_paper(world.secretary, SUBMISSION, proposal.pk)
    proposal.refresh_from_db()
    [check] = signing.check_pdf(dossier.dossier_pdf(proposal))
    assert (check.signer, check.intact, check.valid, check.covers_whole_file) == (CLUSTER_ORG, True, True, True)
