from django.urls import path

from thidua.organizations.views import accounts, clusters, manage, people, reading

app_name = "organizations"
urlpatterns = [
    path("don-vi/", reading.unit_list, name="unit_list"),
    path("don-vi/xuat-excel/", reading.unit_list_export, name="unit_list_export"),
    path("don-vi/<int:pk>/", reading.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/doi-ten/", manage.unit_rename, name="unit_rename"),
    path("don-vi/su-kien/moi/", manage.lineage_event_create, name="lineage_event_create"),
    path("cum/", reading.cluster_list, name="cluster_list"),
    path("cum/xuat-excel/", reading.cluster_list_export, name="cluster_list_export"),
    path("cum/moi/", clusters.cluster_create, name="cluster_create"),
    path("cum/<int:pk>/", reading.cluster_detail, name="cluster_detail"),
    path("cum/<int:pk>/sua/", clusters.cluster_edit, name="cluster_edit"),
    path("cum/<int:pk>/ket-thuc/", clusters.cluster_close, name="cluster_close"),
    path("cum/<int:pk>/luan-phien/", clusters.cluster_rotation, name="cluster_rotation"),
    path("cum/<int:pk>/mo-ky-thi-dua/", manage.cluster_year_open, name="cluster_year_open"),
    path("cum/ky-thi-dua/<int:pk>/", manage.cluster_year_manage, name="cluster_year_manage"),
    path("cum/ky-thi-dua/<int:pk>/mo-nam-sau/", clusters.cluster_year_open_next, name="cluster_year_open_next"),
    path("ca-nhan/", reading.person_list, name="person_list"),
    path("ca-nhan/xuat-excel/", reading.person_list_export, name="person_list_export"),
    path("ca-nhan/<int:pk>/", reading.person_detail, name="person_detail"),
    path("ca-nhan/them/", people.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/sua/", people.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuc-vu/them/", people.position_add, name="position_add"),
    path("ca-nhan/<int:pk>/chuyen-cong-tac/", people.person_transfer, name="person_transfer"),
    path("ca-nhan/chuc-vu/<int:pk>/sua/", people.position_edit, name="position_edit"),
    path("tim-kiem/", reading.search, name="search"),
    # Accounts and roles, scoped to what the user manages (the login and the user's own password are in accounts).
    path("quan-ly-tai-khoan/", accounts.account_list, name="account_list"),
    path("quan-ly-tai-khoan/xuat-excel/", accounts.account_list_export, name="account_list_export"),
    path("quan-ly-tai-khoan/moi/", accounts.account_create, name="account_create"),
    path("quan-ly-tai-khoan/nhap-excel/", accounts.account_import, name="account_import"),
    path("quan-ly-tai-khoan/nhap-excel/mau/", accounts.account_import_template, name="account_import_template"),
    path("quan-ly-tai-khoan/<int:pk>/", accounts.account_detail, name="account_detail"),
    path("quan-ly-tai-khoan/<int:pk>/them-vai-tro/", accounts.account_role_add, name="account_role_add"),
    path("quan-ly-tai-khoan/<int:pk>/trang-thai/", accounts.account_active, name="account_active"),
    path(
        "quan-ly-tai-khoan/<int:pk>/mat-khau-tam/",
        accounts.account_temporary_password,
        name="account_temporary_password",
    ),
    path("quan-ly-tai-khoan/vai-tro/<int:pk>/ket-thuc/", accounts.account_role_end, name="account_role_end"),
    path("quan-ly-tai-khoan/chuyen-don-vi/<int:pk>/", accounts.account_move, name="account_move"),
]
