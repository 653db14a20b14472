from thidua.core.text import fold, sort_key


def test_fold_removes_tones_and_maps_d_stroke():
    assert fold("Lệ Thủy") == "le thuy"
    assert fold("Đồng Hới") == "dong hoi"
    assert fold("  Quảng   Trạch ") == "quang trach"
    assert fold("") == ""


def test_sort_key_follows_vietnamese_alphabet():
    names = ["Đồng Hới", "Ba Đồn", "Ân Thi", "Dân Hóa", "An Nhơn", "Ấp Bắc"]
    assert sorted(names, key=sort_key) == ["An Nhơn", "Ân Thi", "Ấp Bắc", "Ba Đồn", "Dân Hóa", "Đồng Hới"]
