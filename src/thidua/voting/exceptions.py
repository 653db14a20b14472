"""Refusals a voter can meet. Each is a ValidationError (pages show the message) with the HTTP status the API uses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class VotingRefused(ValidationError):  # noqa: N818 - a refusal shown to a voter, not a programming error
    status = 409

    def __init__(self, message=None):
        super().__init__(message or self.default_message())

    @staticmethod
    def default_message():
        return _("Không thể bỏ phiếu.")


class InvalidCode(VotingRefused):
    status = 404

    @staticmethod
    def default_message():
        return _("Mã bỏ phiếu không đúng. Hãy kiểm tra lại mã in trên phiếu.")


class AlreadyVoted(VotingRefused):
    @staticmethod
    def default_message():
        return _("Mã này đã được dùng để bỏ phiếu. Mỗi đại biểu chỉ bỏ một phiếu; phiếu trước đó đã được ghi nhận.")


class BallotNotOpen(VotingRefused):
    @staticmethod
    def default_message():
        return _("Phiếu này hiện không mở để bỏ phiếu.")


class NotOnRoll(VotingRefused):
    status = 403

    @staticmethod
    def default_message():
        return _("Bạn không có tên trong danh sách bỏ phiếu của phiếu này.")
