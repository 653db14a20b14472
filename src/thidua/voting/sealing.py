"""Sealed ballots: each electronic ballot is encrypted at casting under its ballot's public key.

X25519 key agreement with a fresh ephemeral key per ballot paper, HKDF-SHA256 to an AES-256-GCM key, the ballot's
public id as associated data (a sealed paper cannot be moved to another ballot). All primitives come from the
`cryptography` library; nothing here is a cipher of our own. The plaintext is padded to a fixed size, so the length
of a sealed paper does not tell how many candidates were ticked. tools/verify_ballot.py repeats `unseal` without
Django; keep the two in step (SCHEME names the format).
"""

import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SCHEME = "x25519-hkdf-sha256-aes256gcm-v1"
INFO = b"thidua.ballot.v1"
PAD_TO = 1024  # bytes of plaintext; a longer list of choices pads to the next multiple
NONCE_SIZE = 12
KEY_SIZE = 32


def private_key(secret):
    """The X25519 private key whose 32 raw bytes are the big-endian secret (a number below shares.PRIME)."""
    return X25519PrivateKey.from_private_bytes(secret.to_bytes(KEY_SIZE, "big"))


def public_key_of(secret):
    return private_key(secret).public_key().public_bytes_raw()


def _aead_key(shared, ephemeral, public):
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=INFO + ephemeral + public).derive(shared)


def encode_choices(ids):
    raw = json.dumps({"c": sorted(int(i) for i in ids)}, separators=(",", ":")).encode()
    size = PAD_TO * (1 + len(raw) // PAD_TO)
    return raw + b" " * (size - len(raw))


def decode_choices(payload):
    return [int(i) for i in json.loads(payload.decode().rstrip(" "))["c"]]


def seal(public, payload, context):
    """Encrypt `payload` to the holder of `public` (32 raw bytes): ephemeral public key | nonce | ciphertext+tag."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = os.urandom(NONCE_SIZE)
    sealed = AESGCM(_aead_key(shared, ephemeral_public, public)).encrypt(nonce, payload, context)
    return ephemeral_public + nonce + sealed


def unseal(secret, sealed, context):
    """The payload, or cryptography's InvalidTag when the paper was altered or sealed for another key or ballot."""
    key = private_key(secret)
    public = key.public_key().public_bytes_raw()
    ephemeral_public, nonce, body = sealed[:KEY_SIZE], sealed[KEY_SIZE : KEY_SIZE + NONCE_SIZE], sealed[44:]
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    return AESGCM(_aead_key(shared, ephemeral_public, public)).decrypt(nonce, body, context)
