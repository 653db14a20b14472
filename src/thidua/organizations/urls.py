from django.urls import path

from thidua.organizations import views

app_name = "organizations"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("cum/", views.cluster_list, name="cluster_list"),
    path("cum/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("tim-kiem/", views.search, name="search"),
]
