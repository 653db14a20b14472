from django.urls import path

from thidua.organizations import manage_views, views

app_name = "organizations"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/xuat-excel/", views.unit_list_export, name="unit_list_export"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/doi-ten/", manage_views.unit_rename, name="unit_rename"),
    path("don-vi/su-kien/moi/", manage_views.lineage_event_create, name="lineage_event_create"),
    path("cum/", views.cluster_list, name="cluster_list"),
    path("cum/xuat-excel/", views.cluster_list_export, name="cluster_list_export"),
    path("cum/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("cum/<int:pk>/mo-ky-thi-dua/", manage_views.cluster_year_open, name="cluster_year_open"),
    path("cum/ky-thi-dua/<int:pk>/", manage_views.cluster_year_manage, name="cluster_year_manage"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/xuat-excel/", views.person_list_export, name="person_list_export"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("tim-kiem/", views.search, name="search"),
]
