"""The matching key (mã đối chiếu) of an absent member's written vote: blind double entry without storing choices.

The first person types the choices from the paper; the server draws a random key, shows it once to be written on the
paper's envelope, and keeps only a salted digest: HMAC-SHA256 over (ballot, roll row, choices) under a key stretched
from the matching key with scrypt. The second person types the choices again plus the key from the envelope; only
the same choices under the same key give the same digest. A ballot has few possible choice sets, so the digest must
not be testable without the key: the key has 80 random bits (16 base32 characters) and is never stored, and scrypt
makes each guess at it cost memory and time.

On paper the key is 16 characters and one check character, in groups of four: XXXX-XXXX-XXXX-XXXX-X.
"""

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32: 32 symbols, 5 bits each
KEY_CHARS = 16  # 80 bits
GROUP = 4
SALT_BYTES = 16
# scrypt cost: 16 MiB and some tens of milliseconds per try, for the server once per entry or confirmation,
# and for anyone guessing keys once per guess.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_READ_AS = str.maketrans({"0": "O", "1": "I", "8": "B"})  # base32 has none of 0, 1, 8: read them as look-alikes


class MatchingKeyError(ValueError):
    """A typed matching key that cannot be one (wrong length, unknown character, wrong check character)."""


def _check(values):
    # Odd weights modulo 32: any single mistyped character changes the sum, so the check character catches it.
    return ALPHABET[sum((2 * i + 1) * v for i, v in enumerate(values)) % len(ALPHABET)]


def new_key():
    """A fresh matching key as it is written on the envelope."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(KEY_CHARS))
    return _grouped(body + _check([ALPHABET.index(ch) for ch in body]))


def _grouped(raw):
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def parse(text):
    """The key's 16 characters from what was typed (any case, spaces, dashes); MatchingKeyError if it is none."""
    cleaned = "".join(ch for ch in str(text).upper().translate(_READ_AS) if ch.isalnum())
    if len(cleaned) != KEY_CHARS + 1 or any(ch not in ALPHABET for ch in cleaned):
        raise MatchingKeyError("length")
    body, check = cleaned[:KEY_CHARS], cleaned[KEY_CHARS:]
    if _check([ALPHABET.index(ch) for ch in body]) != check:
        raise MatchingKeyError("check")
    return body


def _message(ballot_public_id, voter_pk, choice_ids):
    ids = ",".join(str(i) for i in sorted(int(i) for i in choice_ids))
    return f"thidua-written-vote-v1|{ballot_public_id}|{voter_pk}|{ids}".encode()


def stretch(key, salt):
    """The HMAC key: scrypt of the matching key (as typed) and the salt; the costly step of every guess."""
    return hashlib.scrypt(
        parse(key).encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32, maxmem=64 * 1024 * 1024
    )


def digest_with(stretched, ballot_public_id, voter_pk, choice_ids):
    return hmac.new(stretched, _message(ballot_public_id, voter_pk, choice_ids), hashlib.sha256).hexdigest()


def digest(key, salt, ballot_public_id, voter_pk, choice_ids):
    """Hex HMAC of the choices under the scrypt-stretched key; `key` as typed, `salt` as bytes."""
    return digest_with(stretch(key, salt), ballot_public_id, voter_pk, choice_ids)


def new_salt():
    return secrets.token_bytes(SALT_BYTES)


def matches(stored, key, salt, ballot_public_id, voter_pk, choice_ids):
    return hmac.compare_digest(stored, digest(key, salt, ballot_public_id, voter_pk, choice_ids))
