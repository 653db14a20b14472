from django.urls import path

from thidua.proposals.views import central, detail, documents, lists, workflow

app_name = "proposals"
urlpatterns = [
    path("", lists.proposal_list, name="list"),
    path("moi/", lists.proposal_create, name="create"),
    path("tu-hoi-nghi/", lists.proposal_from_conference, name="from_conference"),
    path("thong-ke-uu-tien/", lists.priority_statistics, name="priority_statistics"),
    path("cho-trung-uong/", central.pending, name="central_pending"),
    path("<int:pk>/", detail.proposal_detail, name="detail"),
    path("<int:pk>/sua/", detail.proposal_edit, name="edit"),
    path("<int:pk>/dong/them/", detail.item_add, name="item_add"),
    path("dong/<int:pk>/sua/", detail.item_edit, name="item_edit"),
    path("dong/<int:pk>/xoa/", detail.item_remove, name="item_remove"),
    path("dong/<int:pk>/tham-dinh/", workflow.item_verdict, name="item_verdict"),
    path("dong/<int:pk>/cong-khai/", central.item_notice, name="item_notice"),
    path("dong/<int:pk>/giay-to-trung-uong/", central.item_paper, name="item_central_paper"),
    path("<int:pk>/tai-lieu/", detail.attachment_add, name="attachment_add"),
    path("tai-lieu/<int:pk>/xoa/", detail.attachment_remove, name="attachment_remove"),
    path("<int:pk>/buoc/<str:action>/", workflow.proposal_action, name="action"),
    path("<int:pk>/hoi-dong/", workflow.council_submit, name="council_submit"),
    path("<int:pk>/hoi-dong/phieu/<str:action>/", workflow.council_ballot, name="council_ballot"),
    path("<int:pk>/hoi-dong/ket-qua/", workflow.council_result, name="council_result"),
    path("<int:pk>/quyet-dinh/", workflow.decision_record, name="decision"),
    path("<int:pk>/trinh-trung-uong/", workflow.forward, name="forward"),
    path("<int:pk>/van-ban/<str:kind>.<str:fmt>", documents.paper, name="paper"),
    path("<int:pk>/bao-cao/<int:item_pk>.<str:fmt>", documents.report, name="report"),
    path("<int:pk>/ho-so.pdf", documents.dossier_pdf, name="dossier"),
]
