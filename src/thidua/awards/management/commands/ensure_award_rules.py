from django.core.management.base import BaseCommand

from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.legal_bases import correct_rule_sets, ensure_rule_sets


class Command(BaseCommand):
    help = (
        "Tạo danh mục danh hiệu, hình thức và các bộ quy định khen thưởng quốc gia còn thiếu "
        "(không ghi đè bản đã được sửa), và đưa các bộ quy định quốc gia lập trước lần đối chiếu pháp lý mới nhất "
        "lên phiên bản mới (giữ phiên bản cũ làm lịch sử)."
    )

    def handle(self, *args, **options):
        forms = ensure_catalogue()
        corrected = len(correct_rule_sets())
        rule_sets = ensure_rule_sets()
        self.stdout.write(
            f"Danh mục: thêm {forms} dòng; bộ quy định: thêm {rule_sets}, sửa theo đối chiếu pháp lý {corrected}."
        )
