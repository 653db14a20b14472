from django.core.management.base import BaseCommand

from thidua.awards.upkeep import ensure_award_rules


class Command(BaseCommand):
    help = (
        "Tạo danh mục danh hiệu, hình thức và các bộ quy định khen thưởng quốc gia còn thiếu "
        "(không ghi đè bản đã được sửa), và đưa các bộ quy định quốc gia lập trước lần đối chiếu pháp lý mới nhất "
        "lên phiên bản mới (giữ phiên bản cũ làm lịch sử). Lệnh migrate đã tự chạy bước này khi cơ sở dữ liệu có "
        "danh mục."
    )

    def handle(self, *args, **options):
        self.stdout.write(ensure_award_rules().summary())
