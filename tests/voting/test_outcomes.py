"""Why each candidate did not pass: below the threshold, cut by the quota, or tied at the quota's edge (issue 14,
item 7). CLUSTER_RULES: more than 50% of all 8 members, 3 seats, run-off on ties."""

from tests.voting.helpers import run


def outcomes(tally):
    return {r.candidate.pk: (r.outcome, r.reason) for r in tally.rows}


def test_passed_cut_by_the_quota_and_below_the_threshold():
    found = outcomes(run([8, 7, 6, 5, 4]))
    assert found == {
        0: (
            "passed",
            "8 phiếu (100,00%), đạt tỷ lệ trên 50,00% tổng số thành viên (8) và xếp thứ 1 trong 3 chỗ được chọn.",
        ),
        1: (
            "passed",
            "7 phiếu (87,50%), đạt tỷ lệ trên 50,00% tổng số thành viên (8) và xếp thứ 2 trong 3 chỗ được chọn.",
        ),
        2: (
            "passed",
            "6 phiếu (75,00%), đạt tỷ lệ trên 50,00% tổng số thành viên (8) và xếp thứ 3 trong 3 chỗ được chọn.",
        ),
        3: (
            "quota_cut",
            "5 phiếu (62,50%), đạt tỷ lệ trên 50,00% tổng số thành viên (8) nhưng xếp thứ 4, ngoài 3 chỗ được chọn.",
        ),
        # Exactly half is not "more than half".
        4: ("below_threshold", "4 phiếu (50,00%), chưa đạt tỷ lệ trên 50,00% tổng số thành viên (8)."),
    }


def test_exactly_at_the_threshold_passes_when_the_rule_says_at_least():
    found = outcomes(run([4, 3], comparison="at_least", quota=None))
    assert found[0] == ("passed", "4 phiếu (50,00%), đạt tỷ lệ từ 50,00% tổng số thành viên (8) trở lên.")
    assert found[1] == ("below_threshold", "3 phiếu (37,50%), chưa đạt tỷ lệ từ 50,00% tổng số thành viên (8) trở lên.")


def test_a_tie_at_the_quotas_edge_goes_to_a_runoff():
    tally = run([8, 7, 6, 6, 2])
    found = outcomes(tally)
    assert [found[i][0] for i in range(5)] == ["passed", "passed", "tied_runoff", "tied_runoff", "below_threshold"]
    assert found[2][1] == (
        "6 phiếu (75,00%), đạt tỷ lệ trên 50,00% tổng số thành viên (8), bằng phiếu với C3 cho 1 chỗ cuối trong 3 chỗ "
        "được chọn: bỏ phiếu lại giữa các ứng viên bằng phiếu."
    )
    assert [r.outcome_label for r in tally.rows][2] == "Bằng phiếu ở vị trí cuối của số lượng được chọn: bỏ phiếu lại"


def test_a_tie_the_chair_settles():
    waiting = outcomes(run([8, 7, 6, 6], tie_rule="chair_decides"))
    assert (waiting[2][0], waiting[3][0]) == ("tied_chair", "tied_chair")
    settled = outcomes(run([8, 7, 6, 6], tie_rule="chair_decides", chair={3}))
    assert (settled[2][0], settled[3][0]) == ("chair_other", "chair_chose")
    assert settled[3][1].endswith("người chủ trì chọn ứng viên này.")


def test_a_tie_below_the_threshold_for_an_empty_seat():
    found = outcomes(run([8, 7, 4, 4, 1]))
    assert [found[i][0] for i in range(5)] == ["passed", "passed", "below_tied", "below_tied", "below_threshold"]
    assert found[2][1] == (
        "4 phiếu (50,00%), chưa đạt tỷ lệ trên 50,00% tổng số thành viên (8); bằng phiếu với C3 cho 1 chỗ còn trống: "
        "bỏ phiếu lại."
    )


def test_the_council_rule_counts_over_all_members():
    found = outcomes(
        run([3, 2], members=3, present=2, threshold_percent=90, comparison="at_least", quota=None, tie_rule="runoff")
    )
    assert found[1] == ("below_threshold", "2 phiếu (66,67%), chưa đạt tỷ lệ từ 90,00% tổng số thành viên (3) trở lên.")
