import datetime

from django.core.management.base import BaseCommand, CommandError

from thidua.proposals.services import send_proposal_reminders


class Command(BaseCommand):
    help = (
        "Nhắc người đang giữ tờ trình đề nghị khen thưởng khi bước hiện tại sắp đến hạn (trong "
        "REMINDER_DAYS_BEFORE_PHASE_CLOSE ngày) hoặc đã quá hạn. Mỗi người được nhắc một lần khi sắp đến hạn "
        "và một lần khi quá hạn; chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ngay", dest="day", help="Ngày tính nhắc hạn, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, day=None, **options):
        try:
            on = datetime.date.fromisoformat(day) if day else None
        except ValueError as bad:
            raise CommandError("Ngày phải có dạng YYYY-MM-DD.") from bad
        sent = send_proposal_reminders(on)
        self.stdout.write(f"Đã gửi {sent} thông báo nhắc hạn xử lý tờ trình đề nghị khen thưởng.")
