from django.urls import path

from thidua.scoring.views import assessments, ranking, reviews, tables

app_name = "scoring"
urlpatterns = [
    path("", tables.index, name="index"),
    path("xuat-excel/", tables.index_export, name="index_export"),
    path("nam/<int:pk>/", tables.year_detail, name="year"),
    # criteria table
    path("nam/<int:pk>/bang-tieu-chi/", tables.table_of_year, name="table"),
    path("nam/<int:pk>/bang-tieu-chi/tao/", tables.table_create, name="table_create"),
    path("nam/<int:pk>/bang-tieu-chi/sao-chep/", tables.table_copy, name="table_copy"),
    path("nam/<int:pk>/bang-tieu-chi/sua-doi/", tables.revision_start, name="revision_start"),
    path("bang/<int:pk>/", tables.table_version, name="table_version"),
    path("bang/<int:pk>/cai-dat/", tables.table_settings, name="table_settings"),
    path("bang/<int:table_pk>/tieu-chi/them/", tables.criterion_edit, name="criterion_add"),
    path("tieu-chi/<int:pk>/sua/", tables.criterion_edit, name="criterion_edit"),
    path("tieu-chi/<int:pk>/xoa/", tables.criterion_delete, name="criterion_delete"),
    path("bang/<int:pk>/excel/", tables.table_export, name="table_export"),
    path("bang/<int:pk>/nhap-excel/", tables.table_import, name="table_import"),
    path("bang/<int:pk>/ban-hanh/", tables.revision_adopt, name="revision_adopt"),
    path("bang/<int:pk>/huy/", tables.revision_discard, name="revision_discard"),
    # self-assessment
    path("nam/<int:pk>/tu-cham/", assessments.assessment_list, name="assessments"),
    path("nam/<int:pk>/tu-cham/xuat-excel/", assessments.assessment_list_export, name="assessments_export"),
    path("nam/<int:pk>/tu-cham/don-vi/<int:unit_id>/", assessments.unit_assessment, name="unit_assessment"),
    path("nam/<int:pk>/tu-cham/don-vi/<int:unit_id>/bat-dau/", assessments.assessment_start, name="assessment_start"),
    path("tu-cham/<int:pk>/", assessments.assessment_detail, name="assessment"),
    path("tu-cham/<int:pk>/tieu-chi/<int:criterion_id>/", assessments.self_score_save, name="self_score_save"),
    path("tu-cham/<int:pk>/tieu-chi/<int:criterion_id>/minh-chung/", assessments.evidence_add, name="evidence_add"),
    path("minh-chung/<int:pk>/go/", assessments.evidence_remove, name="evidence_remove"),
    path("tu-cham/<int:pk>/nop/", assessments.assessment_submit, name="assessment_submit"),
    path("tu-cham/<int:pk>/tra-lai/", assessments.assessment_return, name="assessment_return"),
    path("tu-cham/<int:pk>/ket-qua/", assessments.final_scores, name="final_scores"),
    path("diem-cuoi/<int:pk>/quyet-dinh/", assessments.settle, name="settle"),
    # review
    path("nam/<int:pk>/phan-cong/", reviews.assignments, name="assignments"),
    path("nam/<int:pk>/phan-cong/xuat-excel/", reviews.assignments_export, name="assignments_export"),
    path("nam/<int:pk>/phan-cong/luan-phien/", reviews.rotation, name="rotation"),
    path("phan-cong/<int:pk>/xoa/", reviews.assignment_remove, name="assignment_remove"),
    path("tham-dinh/", reviews.my_reviews, name="my_reviews"),
    path("tham-dinh/xuat-excel/", reviews.my_reviews_export, name="my_reviews_export"),
    path("tham-dinh/<int:pk>/", reviews.review_detail, name="review"),
    path("tham-dinh/<int:pk>/tieu-chi/<int:criterion_id>/", reviews.review_score_save, name="review_score_save"),
    path("tham-dinh/<int:pk>/nop/", reviews.review_submit, name="review_submit"),
    path("tham-dinh/<int:pk>/mo-lai/", reviews.review_reopen, name="review_reopen"),
    path("nam/<int:pk>/chenh-lech/", reviews.flags, name="flags"),
    path("nam/<int:pk>/chenh-lech/xuat-excel/", reviews.flags_export, name="flags_export"),
    # ranking
    path("nam/<int:pk>/xep-hang/", ranking.ranking, name="ranking"),
    path("nam/<int:pk>/xep-hang/excel/", ranking.ranking_export_xlsx, name="ranking_xlsx"),
    path("nam/<int:pk>/xep-hang/word/", ranking.ranking_export_docx, name="ranking_docx"),
    path("nam/<int:pk>/xep-hang/phan-dinh/", ranking.tie_decision, name="tie_decision"),
    path("nam/<int:pk>/xep-hang/cong-bo/", ranking.publish, name="publish"),
]
