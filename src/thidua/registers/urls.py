from django.urls import path

from thidua.registers import views

app_name = "registers"

urlpatterns = [
    path("", views.register_list, name="list"),
    path("xuat-excel/", views.register_list_export, name="list_export"),
    path("cap-so/<str:code>/<int:pk>/", views.issue, name="issue"),
    path("chung-thu-so/", views.certificate_list, name="certificates"),
    path("chung-thu-so/<int:pk>/go/", views.certificate_remove, name="certificate_remove"),
]
