from django.core.management.base import BaseCommand

from thidua.core.demo import load_all


class Command(BaseCommand):
    help = "Nạp dữ liệu demo (cụm thi đua các huyện, thị xã, thành phố tỉnh Quảng Bình và tỉnh Quảng Trị mới)."

    def handle(self, *args, **options):
        self.stdout.write("Nạp dữ liệu demo…")
        load_all(self.stdout)
        self.stdout.write(self.style.SUCCESS("Xong."))
