"""Each issuing body's own signing certificate: read an uploaded PKCS#12, seal it for storage, and the signer of a
body's papers (its own certificate, else the installation's from the environment, core/signing.py).

The PKCS#12 and its password are stored encrypted (Fernet) under a key derived from THIDUA_SIGNING_KEY_SECRET, or
SECRET_KEY when that is not set: a copy of the database alone does not yield a private key; a copy of the database
together with the secret does (docs/deployment.md)."""

import base64
import datetime
import json
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel, signing
from thidua.registers.models import SigningCertificate

MAX_BYTES = 100 * 1024  # a PKCS#12 with its chain is a few kilobytes


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    issuer: str
    valid_from: datetime.datetime
    valid_to: datetime.datetime
    fingerprint: str


def _fernet():
    secret = settings.SIGNING_KEY_SECRET or settings.SECRET_KEY
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"thidua signing certificates").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _dn(name):
    return ", ".join(f"{attribute.rfc4514_attribute_name}={attribute.value}" for attribute in name)


def read_pkcs12(content, password, *, now=None):
    """The facts of a PKCS#12 holding a private key and a certificate valid now; refused with a Vietnamese message
    when it cannot be opened with the password, lacks the key, or is expired or not yet valid."""
    if not content:
        raise kernel.Refusal(_("Hãy chọn tệp chứng thư số (.p12, .pfx)."))
    if len(content) > MAX_BYTES:
        raise kernel.Refusal(_("Tệp chứng thư số quá lớn (hơn 100 KB)."))
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(content, password.encode() if password else None)
    except (ValueError, TypeError) as wrong:
        raise kernel.Refusal(
            _("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12, .pfx).")
        ) from wrong
    if key is None or certificate is None:
        raise kernel.Refusal(_("Tệp không chứa cả khóa bí mật và chứng thư số của cơ quan."))
    now = now or timezone.now()
    valid_from, valid_to = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    if valid_to < now:
        raise kernel.Refusal(
            _("Chứng thư số đã hết hạn ngày %(d)s.") % {"d": timezone.localtime(valid_to).strftime("%d/%m/%Y")}
        )
    if valid_from > now:
        raise kernel.Refusal(
            _("Chứng thư số chưa có hiệu lực (từ ngày %(d)s).")
            % {"d": timezone.localtime(valid_from).strftime("%d/%m/%Y")}
        )
    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return CertificateFacts(
        subject=_dn(certificate.subject),
        issuer=_dn(certificate.issuer),
        valid_from=valid_from,
        valid_to=valid_to,
        fingerprint=":".join(digest[i : i + 2] for i in range(0, len(digest), 2)),
    )


def seal(content, password):
    payload = json.dumps({"p12": base64.b64encode(content).decode(), "password": password})
    return _fernet().encrypt(payload.encode())


def unseal(sealed):
    """(PKCS#12 bytes, password); None when the secret changed since the certificate was stored."""
    try:
        payload = json.loads(_fernet().decrypt(bytes(sealed)))
    except InvalidToken:
        return None
    return base64.b64decode(payload["p12"]), payload["password"]


def body_signer(body_key):
    """The signer of the body's issued papers: its own certificate while valid, else the installation's (or None)."""
    from pyhanko.sign import signers  # noqa: PLC0415 - heavy: only signing pays for loading pyHanko's signer

    if not body_key:  # a paper of no register (the pledge, a test's paper): the installation's certificate
        return signing.office_signer()
    stored = SigningCertificate.objects.filter(body_key=body_key, valid_to__gt=timezone.now()).first()
    opened = unseal(stored.sealed) if stored is not None else None
    if opened is not None:
        content, password = opened
        signer = signers.SimpleSigner.load_pkcs12_data(
            content, other_certs=[], passphrase=password.encode() if password else None
        )
        if signer is not None:
            return signer
    return signing.office_signer()
