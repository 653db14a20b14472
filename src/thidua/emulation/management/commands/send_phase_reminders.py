import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.emulation.services import send_phase_reminders


class Command(BaseCommand):
    help = (
        "Nhắc các đơn vị chưa hoàn thành việc của giai đoạn sắp kết thúc (trong REMINDER_DAYS_BEFORE_PHASE_CLOSE "
        "ngày). Mỗi đơn vị chỉ được nhắc một lần cho mỗi giai đoạn; chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ngay", dest="day", help="Ngày tính nhắc hạn, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, day=None, **options):
        try:
            on = datetime.date.fromisoformat(day) if day else None
        except ValueError as bad:
            raise CommandError("Ngày phải có dạng YYYY-MM-DD.") from bad
        sent = send_phase_reminders(on)
        self.stdout.write(
            f"Đã gửi {sent} thông báo nhắc hạn (nhắc trước {settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE} ngày)."
        )
