"""Splitting a ballot's private key among the counting board: any k of n shares rebuild it, fewer tell nothing.

Shamir's secret sharing over the prime field GF(2^256 - 189): the secret is the constant term of a random polynomial
of degree k-1, share i is the polynomial's value at x = i, and k points give the constant term back by Lagrange
interpolation at 0. This is arithmetic, not a cipher, so it is written here (the packages that offer it are small
single-author ports with no maintenance record); the tests check the field is prime and that k-1 shares fail.

A share travels on paper as text (and the same text in a QR code): base32 of version, the ballot's key tag, k, n,
x, y and a checksum, in groups of five. The tag ties a share to its ballot's public key; the checksum catches typos.
"""

import base64
import hashlib
import secrets
from dataclasses import dataclass

PRIME = 2**256 - 189  # the largest prime below 2^256
VERSION = 1
Y_SIZE = 32
TAG_SIZE = 4
CHECK_SIZE = 4
GROUP = 5


class ShareError(ValueError):
    """A share that cannot be read (typo, wrong ballot) or shares that do not rebuild the key."""


@dataclass(frozen=True)
class Share:
    tag: bytes
    k: int
    n: int
    x: int
    y: int

    @property
    def text(self):
        body = bytes([VERSION]) + self.tag + bytes([self.k, self.n, self.x]) + self.y.to_bytes(Y_SIZE, "big")
        raw = base64.b32encode(body + hashlib.sha256(body).digest()[:CHECK_SIZE]).decode().rstrip("=")
        return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def key_tag(public):
    return hashlib.sha256(public).digest()[:TAG_SIZE]


def split(secret, k, n, tag):
    """n shares of `secret` (0 <= secret < PRIME), any k of which rebuild it."""
    if not 1 <= k <= n <= 255:  # noqa: PLR2004 - x is one byte on the sheet
        raise ValueError("need 1 <= k <= n <= 255")
    coefficients = [secret] + [secrets.randbelow(PRIME) for _ in range(k - 1)]
    shares = []
    for x in range(1, n + 1):
        y = 0
        for coefficient in reversed(coefficients):  # Horner
            y = (y * x + coefficient) % PRIME
        shares.append(Share(tag=tag, k=k, n=n, x=x, y=y))
    return shares


def combine(shares):
    """The secret from k or more shares with distinct x (Lagrange interpolation at x = 0)."""
    points = {s.x: s.y for s in shares}
    secret = 0
    for xi, yi in points.items():
        numerator, denominator = 1, 1
        for xj in points:
            if xj != xi:
                numerator = numerator * (-xj) % PRIME
                denominator = denominator * (xi - xj) % PRIME
        secret = (secret + yi * numerator * pow(denominator, -1, PRIME)) % PRIME
    return secret


_READ_AS = str.maketrans({"0": "O", "1": "I", "8": "B"})  # base32 has none of 0, 1, 8: read them as look-alikes


def parse(text):
    """A Share from its typed or scanned text; ShareError when it is not one (a typo fails the checksum)."""
    cleaned = "".join(ch for ch in str(text).upper().translate(_READ_AS) if ch.isalnum())
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise ShareError("unreadable") from None
    body, check = raw[:-CHECK_SIZE], raw[-CHECK_SIZE:]
    if len(body) != 1 + TAG_SIZE + 3 + Y_SIZE or hashlib.sha256(body).digest()[:CHECK_SIZE] != check:
        raise ShareError("checksum")
    if body[0] != VERSION:
        raise ShareError("version")
    tag, (k, n, x) = body[1 : 1 + TAG_SIZE], body[1 + TAG_SIZE : 4 + TAG_SIZE]
    y = int.from_bytes(body[4 + TAG_SIZE :], "big")
    if not 1 <= x <= n or not 1 <= k <= n or y >= PRIME:
        raise ShareError("range")
    return Share(tag=tag, k=k, n=n, x=x, y=y)
