from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của lệnh `backup` vào cơ sở dữ liệu trống (đã chạy migrate). "
        "Mã kiểm tra của mọi tệp được đối chiếu trước; khôi phục trọn vẹn hoặc không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xóa dữ liệu hiện có rồi khôi phục (tệp đính kèm cũ được chuyển sang thư mục bên cạnh).",
        )

    def handle(self, *args, **options):
        try:
            manifest, moved = restore_backup(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {rows} bản ghi và {len(manifest['files'])} tệp "
                f"(bản sao lưu tạo lúc {manifest['created_at']})."
            )
        )
        if moved is not None:
            self.stdout.write(f"Tệp đính kèm trước khi khôi phục được giữ tại {moved}")
