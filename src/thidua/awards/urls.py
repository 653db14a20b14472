from django.urls import path

from thidua.awards import views, views_eligibility, views_rules

app_name = "awards"
urlpatterns = [
    path("danh-muc/", views_rules.catalogue_list, name="catalogue"),
    path("danh-muc/xuat-excel/", views_rules.catalogue_export, name="catalogue_export"),
    path("danh-muc/<int:pk>/sua/", views_rules.award_form_edit, name="award_form_edit"),
    path("quy-dinh/", views_rules.rule_set_list, name="rule_set_list"),
    path("quy-dinh/xuat-excel/", views_rules.rule_set_list_export, name="rule_set_list_export"),
    path("quy-dinh/them/", views_rules.rule_set_create, name="rule_set_create"),
    path("quy-dinh/<int:pk>/", views_rules.rule_set_detail, name="rule_set_detail"),
    path("quy-dinh/<int:pk>/sua/", views_rules.rule_set_edit, name="rule_set_edit"),
    path("quy-dinh/<int:pk>/dieu-kien/them/", views_rules.rule_add, name="rule_add"),
    path("quy-dinh/<int:pk>/dieu-kien/<int:rule_pk>/sua/", views_rules.rule_edit, name="rule_edit"),
    path("quy-dinh/<int:pk>/dieu-kien/<int:rule_pk>/bo/", views_rules.rule_remove, name="rule_remove"),
    path("so-theo-doi/", views.register, name="register"),
    path("so-theo-doi/xuat-excel/", views.register_export, name="register_export"),
    path("so-theo-doi/<int:pk>/", views.record_detail, name="record_detail"),
    path("so-theo-doi/<int:pk>/huy-bo/", views.record_revoke, name="record_revoke"),
    path("don-vi/<int:pk>/", views.unit_awards, name="unit_awards"),
    path("ca-nhan/<int:pk>/", views.person_awards, name="person_awards"),
    path("<str:kind>/<int:pk>/xuat-excel/", views.subject_awards_export, name="subject_awards_export"),
    path("<str:kind>/<int:pk>/ghi-so/", views.record_add, name="record_add"),
    path("<str:kind>/<int:pk>/xep-loai/", views.rating_set, name="rating_set"),
    path("<str:kind>/<int:pk>/ky-luat/", views.discipline_add, name="discipline_add"),
    path("<str:kind>/<int:pk>/xem-xet/", views.flag_add, name="flag_add"),
    path("xem-xet/<int:pk>/ket-thuc/", views.flag_close, name="flag_close"),
    path("nhap-excel/", views.import_start, name="import_start"),
    path("nhap-excel/xuat-excel/", views.import_list_export, name="import_list_export"),
    path("nhap-excel/mau/", views.import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", views.import_detail, name="import_detail"),
    path("nhap-excel/<int:pk>/ghi/", views.import_commit, name="import_commit"),
    path("xet-dieu-kien/", views_eligibility.screening, name="screening"),
    path("xet-dieu-kien/chi-tiet/", views_eligibility.eligibility_detail, name="eligibility_detail"),
    path("thong-ke-uu-tien/", views_eligibility.priority_statistics, name="priority_statistics"),
    path("thong-ke-uu-tien/xuat-excel/", views_eligibility.priority_statistics_export, name="priority_export"),
]
