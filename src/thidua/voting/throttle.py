"""The limit on wrong one-time codes: per address and per ballot, in one-minute windows.

A 12-character code has about 59 bits, so guessing is hopeless anyway; the limit keeps a script from trying and
tells a person who mistypes what is happening. Counts live in the database so every server process shares them.
"""

import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from thidua.voting.exceptions import VotingRefused
from thidua.voting.models import CodeGuess

PER_ADDRESS = 10  # wrong codes per minute from one address
PER_BALLOT = 30  # wrong codes per minute against one ballot, from all addresses (a hall of delegates mistyping)


class TooManyGuesses(VotingRefused):
    status = 429

    @staticmethod
    def default_message():
        return _("Đã nhập sai mã quá nhiều lần. Hãy chờ một phút rồi nhập lại, cẩn thận từng ký tự trên phiếu.")


def _keys(address, ballot):
    keys = [(salted_hmac("thidua.voting.guess.address", str(address or "")).hexdigest(), PER_ADDRESS)]
    if ballot is not None:
        keys.append((salted_hmac("thidua.voting.guess.ballot", str(ballot.pk)).hexdigest(), PER_BALLOT))
    return keys


def _minute():
    return int(time.time() // 60)


def check(address, ballot=None):
    """Refuse (429) when the address or the ballot has used up this minute's wrong guesses."""
    minute = _minute()
    for key, limit in _keys(address, ballot):
        if CodeGuess.objects.filter(key=key, minute=minute, count__gte=limit).exists():
            raise TooManyGuesses


def record_wrong(address, ballot=None):
    """Count one wrong code, in its own transaction so that the refusal that follows does not undo it."""
    minute = _minute()
    with transaction.atomic():
        CodeGuess.objects.filter(minute__lt=minute - 1).delete()
        for key, _limit in _keys(address, ballot):
            if not CodeGuess.objects.filter(key=key, minute=minute).update(count=F("count") + 1):
                try:
                    with transaction.atomic():
                        CodeGuess.objects.create(key=key, minute=minute, count=1)
                except IntegrityError:  # another request created it meanwhile
                    CodeGuess.objects.filter(key=key, minute=minute).update(count=F("count") + 1)
