from django.urls import path

from thidua.organizations import account_views, cluster_views, manage_views, views, views_people

app_name = "organizations"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/xuat-excel/", views.unit_list_export, name="unit_list_export"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/doi-ten/", manage_views.unit_rename, name="unit_rename"),
    path("don-vi/su-kien/moi/", manage_views.lineage_event_create, name="lineage_event_create"),
    path("cum/", views.cluster_list, name="cluster_list"),
    path("cum/xuat-excel/", views.cluster_list_export, name="cluster_list_export"),
    path("cum/moi/", cluster_views.cluster_create, name="cluster_create"),
    path("cum/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("cum/<int:pk>/sua/", cluster_views.cluster_edit, name="cluster_edit"),
    path("cum/<int:pk>/ket-thuc/", cluster_views.cluster_close, name="cluster_close"),
    path("cum/<int:pk>/luan-phien/", cluster_views.cluster_rotation, name="cluster_rotation"),
    path("cum/<int:pk>/mo-ky-thi-dua/", manage_views.cluster_year_open, name="cluster_year_open"),
    path("cum/ky-thi-dua/<int:pk>/", manage_views.cluster_year_manage, name="cluster_year_manage"),
    path("cum/ky-thi-dua/<int:pk>/mo-nam-sau/", cluster_views.cluster_year_open_next, name="cluster_year_open_next"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/xuat-excel/", views.person_list_export, name="person_list_export"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/them/", views_people.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/sua/", views_people.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuc-vu/them/", views_people.position_add, name="position_add"),
    path("ca-nhan/<int:pk>/chuyen-cong-tac/", views_people.person_transfer, name="person_transfer"),
    path("ca-nhan/chuc-vu/<int:pk>/sua/", views_people.position_edit, name="position_edit"),
    path("tim-kiem/", views.search, name="search"),
    # Accounts and roles, scoped to what the user manages (the login and the user's own password are in accounts).
    path("quan-ly-tai-khoan/", account_views.account_list, name="account_list"),
    path("quan-ly-tai-khoan/xuat-excel/", account_views.account_list_export, name="account_list_export"),
    path("quan-ly-tai-khoan/moi/", account_views.account_create, name="account_create"),
    path("quan-ly-tai-khoan/nhap-excel/", account_views.account_import, name="account_import"),
    path("quan-ly-tai-khoan/nhap-excel/mau/", account_views.account_import_template, name="account_import_template"),
    path("quan-ly-tai-khoan/<int:pk>/", account_views.account_detail, name="account_detail"),
    path("quan-ly-tai-khoan/<int:pk>/them-vai-tro/", account_views.account_role_add, name="account_role_add"),
    path("quan-ly-tai-khoan/<int:pk>/trang-thai/", account_views.account_active, name="account_active"),
    path(
        "quan-ly-tai-khoan/<int:pk>/mat-khau-tam/",
        account_views.account_temporary_password,
        name="account_temporary_password",
    ),
    path("quan-ly-tai-khoan/vai-tro/<int:pk>/ket-thuc/", account_views.account_role_end, name="account_role_end"),
    path("quan-ly-tai-khoan/chuyen-don-vi/<int:pk>/", account_views.account_move, name="account_move"),
]
