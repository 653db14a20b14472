import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.emulation.factories import GuidingDocumentFactory, MovementFactory
from tests.emulation.helpers import fake_pdf, pdf_upload
from thidua.emulation import services
from thidua.emulation.models import GuidingDocument


def doc_data(**extra):
    data = {
        "number": "1620/QĐ-TTg",
        "issued_on": datetime.date(2011, 9, 20),
        "issuer": "Thủ tướng Chính phủ",
        "doc_type": "quyet_dinh",
        "summary": "Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("who", ["secretary", "board", "admin"])
def test_writers_add_documents_with_file(year, who):
    movement = MovementFactory()
    document = services.create_guiding_document(
        actor=getattr(year, who),
        movements=[movement],
        cluster_years=[year.cluster_year],
        upload=pdf_upload(),
        **doc_data(),
    )
    assert document.folded_text.startswith("1620/qd-ttg thu tuong chinh phu ke hoach")
    assert (list(document.movements.all()), document.file.original_name) == ([movement], "minh-chung.pdf")


def test_units_cannot_add_documents(year):
    with pytest.raises(PermissionDenied):
        services.create_guiding_document(actor=year.officers[0], **doc_data())


def test_document_needs_fields_and_real_file(year):
    with pytest.raises(ValidationError, match="số, ký hiệu"):
        services.create_guiding_document(actor=year.board, **doc_data(number=" "))
    with pytest.raises(ValidationError, match="không phải là tệp hợp lệ"):
        services.create_guiding_document(actor=year.board, upload=fake_pdf(), **doc_data())
    assert GuidingDocument.objects.count() == 0


def test_edit_by_creator_not_by_others(year, make_user):
    document = services.create_guiding_document(actor=year.secretary, **doc_data())
    services.update_guiding_document(document, actor=year.secretary, summary="Trích yếu mới")
    with pytest.raises(PermissionDenied):
        services.update_guiding_document(document, actor=make_user(), summary="Không được")
    document.refresh_from_db()
    assert (document.summary, document.folded_text) == (
        "Trích yếu mới",
        "1620/qd-ttg thu tuong chinh phu trich yeu moi",
    )


def test_search_without_diacritics(year, login):
    GuidingDocumentFactory(summary="Phát động phong trào Dạy tốt, học tốt")
    GuidingDocumentFactory(summary="Xây dựng nông thôn mới")
    page = login(year.officers[0]).get(reverse("emulation:document_list"), {"q": "day tot"}).content.decode()
    assert ("Dạy tốt, học tốt" in page, "nông thôn mới" in page) == (True, False)


def test_document_file_served_to_any_role_not_anonymous(year, client, login):
    document = services.create_guiding_document(actor=year.board, upload=pdf_upload(), **doc_data())
    url = reverse("core:file", args=[document.file.uuid])
    assert login(year.officers[1]).get(url).status_code == 200
    assert client.get(url).url.startswith("/tai-khoan/dang-nhap/")  # anonymous: asked to sign in


def test_document_form_page(year, login):
    response = login(year.board).post(
        reverse("emulation:document_create"),
        {**doc_data(issued_on="2011-09-20"), "file": fake_pdf()},
    )
    assert "không phải là tệp hợp lệ" in response.content.decode()
    response = login(year.board).post(reverse("emulation:document_create"), doc_data(issued_on="2011-09-20"))
    document = GuidingDocument.objects.get()
    assert response.url == reverse("emulation:document_detail", args=[document.pk])
