from django.conf import settings
from django.core.management.base import BaseCommand

from thidua.accounts.models import User


class Command(BaseCommand):
    help = "In danh sách tài khoản demo."

    def handle(self, *args, **options):
        users = User.objects.filter(is_demo=True).order_by("username")
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {settings.DEMO_PASSWORD}):")
        for user in users:
            self.stdout.write(f"  {user.username:<22} {user.full_name}")
