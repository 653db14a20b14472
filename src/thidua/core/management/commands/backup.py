from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ dữ liệu và tệp đính kèm vào một tệp .tar.gz "
        "(mặc định trong THIDUA_DATA_DIR/backups/). Dùng `restore` để khôi phục."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="Thư mục để ghi bản sao lưu, hoặc đường dẫn tệp .tar.gz.", default=None
        )

    def handle(self, *args, **options):
        try:
            path, manifest = create_backup(options["output"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu {rows} bản ghi và {len(manifest['files'])} tệp vào {path}"))
