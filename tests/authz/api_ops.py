"""The matrix's table of API operations: arguments and what each role gets back (see cases.py for the notation).

Path parameters take the object named in PARAMS (or, for voting's `{pk}`, in PK by the path's beginning) unless
a case names another; `body` overrides fields of the smallest valid body (to aim at unit A's objects).
"""

from tests.authz.cases import ALL, REST, Case, Obj

PARAMS = {
    "unit_id": Obj("unit_a"),
    "cluster_id": Obj("cluster"),
    "cluster_year_id": Obj("cy2025"),
    "kind": "registration",
    "person_id": Obj("person_a"),
    "position_id": Obj("position_a"),
    "registration_id": Obj("reg_a_draft"),
    "pledge_id": Obj("pledge_open"),
    "movement_id": Obj("movement"),
    "exemplar_id": Obj("exemplar_a_proposed"),
    "document_id": Obj("document"),
    "year_id": Obj("cy2024"),
    "table_id": Obj("table2024"),
    "criterion_id": Obj("criterion2024"),
    "assessment_id": Obj("assessment_a_draft"),
    "evidence_id": Obj("evidence_a_draft"),
    "final_id": Obj("final_a"),
    "assignment_id": Obj("review_of_a"),
    "public_id": Obj("receipts"),
    "name": "bien-ban.docx",
    "fmt": "docx",
    "form_id": Obj("award_form"),
    "rule_set_id": Obj("rule_set"),
    "record_id": Obj("record_a"),
    "batch_id": Obj("import_batch"),
    "flag_id": Obj("review_flag"),
    "initiative_id": Obj("initiative"),
    "province_id": Obj("province"),
    "job_id": Obj("job_board"),
    "account_id": Obj("account_a"),
    "role_id": Obj("role_a"),
    "certificate_id": 999999,  # none in the world: tests/proposals/test_body_certificates removes one
    "code": "proposals.submission",
    "object_id": Obj("proposal_a_draft"),
}
# A parameter whose meaning depends on the operation.
SPECIAL = {("/api/v1/proposals/{pk}/papers/{kind}", "kind"): "to-trinh"}
PK = {
    "/api/v1/voting/meetings/": Obj("council_meeting"),
    "/api/v1/voting/delegates/": Obj("delegate_a"),
    "/api/v1/voting/ballots/": Obj("ballot_open"),
    "/api/v1/voting/candidates/": Obj("candidate_draft"),
    "/api/v1/voting/paper-counts/": Obj("paper_count"),
    "/api/v1/voting/written-votes/": Obj("written_vote"),
    "/api/v1/proposals/": Obj("proposal_a_draft"),
    "/api/v1/proposal-items/": Obj("item_a_draft"),
}


def argument_for(template, name):
    if (template, name) in SPECIAL:
        return SPECIAL[template, name]
    if name == "pk":
        return next(value for start, value in PK.items() if template.startswith(start))
    return PARAMS[name]


API = [
    Case("POST /api/v1/auth/token", get={401: ALL}),
    Case(
        "POST /api/v1/auth/revoke",
        get={401: "anon", 200: REST},
        writes="officer_a head_a officer_b secretariat board council admin board_other",
    ),
    Case("GET /api/v1/auth/me", get={401: "anon", 200: REST}),
    Case("GET /api/v1/accounts", get={401: "anon", 200: "secretariat board admin board_other", 403: REST}),
    Case("GET /api/v1/accounts/{account_id}", get={401: "anon", 200: "secretariat board admin", 404: REST}),
    Case("POST /api/v1/accounts", get={401: "anon", 422: "board admin board_other", 403: REST}),
    Case(
        "POST /api/v1/accounts/{account_id}/roles",
        get={401: "anon", 422: "board admin", 403: "secretariat", 404: REST},
    ),
    Case(
        "POST /api/v1/accounts/{account_id}/active",
        get={401: "anon", 200: "board admin", 403: "secretariat", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/role-assignments/{role_id}/end",
        get={401: "anon", 200: "board admin", 403: "secretariat", 404: REST},
        writes="board admin",
    ),
    Case("GET /api/v1/provinces", get={401: "anon", 200: REST}),
    Case("GET /api/v1/registers", get={401: "anon", 200: REST}),
    Case("GET /api/v1/register-entries", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/papers/{code}/{object_id}/issue",
        get={401: "anon", 201: "officer_a head_a admin", 404: REST},
        writes="officer_a head_a admin",
    ),
    Case("GET /api/v1/signing-certificates", get={401: "anon", 200: "board admin board_other", 403: REST}),
    # The smallest body names no issuing body (404 for those who look after certificates);
    # tests/proposals/test_body_certificates checks an upload both ways.
    Case("POST /api/v1/signing-certificates", get={401: "anon", 404: "board admin board_other", 403: REST}),
    Case("DELETE /api/v1/signing-certificates/{certificate_id}", get={401: "anon", 404: REST}),
    Case("GET /api/v1/units", get={401: "anon", 200: REST}),
    Case("GET /api/v1/units/{unit_id}", get={401: "anon", 200: REST}),
    Case("POST /api/v1/units/{unit_id}/rename", get={401: "anon", 200: "board admin", 403: REST}, writes="board admin"),
    Case("POST /api/v1/lineage-events", get={401: "anon", 422: "board admin board_other", 403: REST}),
    Case("GET /api/v1/clusters", get={401: "anon", 200: REST}),
    Case("GET /api/v1/clusters/{cluster_id}", get={401: "anon", 200: REST}),
    Case("POST /api/v1/clusters/{cluster_id}/years", get={401: "anon", 422: "board admin", 403: REST}),
    Case(
        "POST /api/v1/clusters",
        body={"province_id": Obj("province")},
        get={401: "anon", 201: "board admin", 403: REST},
        writes="board admin",
    ),
    Case("PATCH /api/v1/clusters/{cluster_id}", get={401: "anon", 200: "board admin", 403: REST}),
    Case("POST /api/v1/clusters/{cluster_id}/close", get={401: "anon", 422: "board admin", 403: REST}),
    Case("GET /api/v1/clusters/{cluster_id}/rotation", get={401: "anon", 200: REST}),
    Case("PUT /api/v1/clusters/{cluster_id}/rotation", get={401: "anon", 422: "board admin", 403: REST}),
    Case("POST /api/v1/cluster-years/{cluster_year_id}/next-year", get={401: "anon", 422: "board admin", 403: REST}),
    Case(
        "POST /api/v1/cluster-years/{cluster_year_id}/members",
        get={401: "anon", 200: "board admin", 403: REST},
        writes="board admin",
    ),
    Case("GET /api/v1/people", get={401: "anon", 200: REST}),
    Case("GET /api/v1/people/{person_id}", get={401: "anon", 403: "officer_b secretariat board_other", 200: REST}),
    Case("POST /api/v1/people", get={401: "anon", 422: "officer_a officer_b board admin board_other", 403: REST}),
    Case("PATCH /api/v1/people/{person_id}", get={401: "anon", 200: "board admin", 403: REST}),
    Case(
        "POST /api/v1/people/{person_id}/positions",
        body={"unit_id": Obj("unit_a"), "title": "Chuyên viên"},
        get={401: "anon", 422: "board admin", 403: REST},
    ),
    Case("PATCH /api/v1/positions/{position_id}", get={401: "anon", 200: "officer_a board admin", 403: REST}),
    Case(
        "POST /api/v1/people/{person_id}/transfer",
        body={
            "position_id": Obj("position_a"),
            "to_unit_id": Obj("unit_b"),
            "title": "Chuyên viên",
            "date": "2026-01-01",
        },
        get={401: "anon", 422: "board admin", 403: REST},
    ),
    Case(
        "GET /api/v1/cluster-years/{cluster_year_id}/phases", get={401: "anon", 403: "council board_other", 200: REST}
    ),
    Case(
        "PUT /api/v1/cluster-years/{cluster_year_id}/phases/{kind}",
        get={401: "anon", 200: "secretariat board admin", 403: REST},
        writes="secretariat board admin",
    ),
    Case(
        "POST /api/v1/cluster-years/{cluster_year_id}/phases/{kind}/override",
        get={401: "anon", 422: "secretariat board admin", 403: REST},
    ),
    Case(
        "GET /api/v1/cluster-years/{cluster_year_id}/registrations",
        get={401: "anon", 200: "secretariat board admin", 403: REST},
    ),
    Case(
        "POST /api/v1/cluster-years/{cluster_year_id}/registrations",
        body={"unit_id": Obj("unit_a")},
        get={401: "anon", 200: "officer_a head_a", 403: REST},
    ),
    Case(
        "GET /api/v1/registrations/{registration_id}",
        label="a-draft",
        get={401: "anon", 200: "officer_a head_a admin", 404: REST},
    ),
    Case(
        "GET /api/v1/registrations/{registration_id}",
        {"registration_id": Obj("reg_b_submitted")},
        label="b-submitted",
        get={401: "anon", 200: "officer_b secretariat board admin", 404: REST},
    ),
    Case(
        "PUT /api/v1/registrations/{registration_id}",
        get={401: "anon", 200: "officer_a head_a", 403: "admin", 404: REST},
        writes="officer_a head_a",
    ),
    Case(
        "POST /api/v1/registrations/{registration_id}/transition",
        label="a-draft",
        get={401: "anon", 422: "officer_a head_a admin", 404: REST},
    ),
    Case(
        "POST /api/v1/registrations/{registration_id}/transition",
        {"registration_id": Obj("reg_b_submitted")},
        label="b-submitted",
        get={401: "anon", 422: "officer_b secretariat board admin", 404: REST},
    ),
    Case(
        "GET /api/v1/cluster-years/{cluster_year_id}/registrations/export",
        get={401: "anon", 200: "secretariat board admin", 403: REST},
    ),
    Case(
        "GET /api/v1/cluster-years/{cluster_year_id}/pledge", get={401: "anon", 403: "council board_other", 200: REST}
    ),
    Case(
        "POST /api/v1/cluster-years/{cluster_year_id}/pledge",
        get={401: "anon", 422: "secretariat board admin", 403: REST},
    ),
    Case("GET /api/v1/pledges/{pledge_id}", label="open", get={401: "anon", 404: "council board_other", 200: REST}),
    Case(
        "GET /api/v1/pledges/{pledge_id}",
        {"pledge_id": Obj("pledge_draft_other")},
        label="draft-other-cluster",
        get={401: "anon", 200: "board admin", 404: REST},
    ),
    Case(
        "PUT /api/v1/pledges/{pledge_id}",
        {"pledge_id": Obj("pledge_draft_other")},
        label="draft-other-cluster",
        get={401: "anon", 422: "board admin", 404: REST},
    ),
    Case("POST /api/v1/pledges/{pledge_id}/transition", get={401: "anon", 404: "council board_other", 422: REST}),
    Case(
        "POST /api/v1/pledges/{pledge_id}/sign",
        label="open",
        get={401: "anon", 200: "head_a", 404: "council board_other", 403: REST},
        writes="head_a",
    ),
    Case("GET /api/v1/pledges/{pledge_id}/document", get={401: "anon", 404: "council board_other", 200: REST}),
    Case("GET /api/v1/movements", get={401: "anon", 200: REST}),
    Case("POST /api/v1/movements", get={401: "anon", 422: "secretariat board admin board_other", 403: REST}),
    Case("GET /api/v1/movements/{movement_id}", get={401: "anon", 200: REST}),
    Case("PUT /api/v1/movements/{movement_id}", get={401: "anon", 422: "board admin", 403: REST}),
    Case(
        "POST /api/v1/movements/{movement_id}/participations",
        body={"unit_id": Obj("unit_a")},
        get={401: "anon", 422: "officer_a head_a", 403: REST},
    ),
    Case("GET /api/v1/movements/{movement_id}/reports", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/movements/{movement_id}/reports",
        body={"unit_id": Obj("unit_a"), "year": 2024},
        get={401: "anon", 422: "officer_a head_a", 403: REST},
    ),
    Case(
        "POST /api/v1/movements/{movement_id}/models",
        body={"unit_id": Obj("unit_a"), "year": 2024},
        get={401: "anon", 200: "officer_a head_a", 403: REST},
        writes="officer_a head_a",
    ),
    Case("GET /api/v1/exemplars", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/exemplars",
        body={"unit_id": Obj("unit_a"), "kind": "collective", "year": 2025},
        get={401: "anon", 200: "officer_a head_a", 403: REST},
        writes="officer_a head_a",
    ),
    Case(
        "GET /api/v1/exemplars/{exemplar_id}",
        label="a-proposed",
        get={401: "anon", 404: "officer_b council board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/exemplars/{exemplar_id}",
        {"exemplar_id": Obj("exemplar_recognised")},
        label="recognised",
        get={401: "anon", 200: REST},
    ),
    Case(
        "POST /api/v1/exemplars/{exemplar_id}/transition",
        get={401: "anon", 404: "officer_b council board_other", 422: REST},
    ),
    Case("GET /api/v1/honour-board", get={200: ALL}),
    Case("POST /api/v1/signatures/verify", get={422: ALL}),
    Case("GET /api/v1/guiding-documents", get={401: "anon", 200: REST}),
    Case("POST /api/v1/guiding-documents", get={401: "anon", 422: "secretariat board admin board_other", 403: REST}),
    Case("GET /api/v1/guiding-documents/{document_id}", get={401: "anon", 200: REST}),
    Case("GET /api/v1/scoring/years/{year_id}/table", get={401: "anon", 404: "board_other", 200: REST}),
    Case(
        "POST /api/v1/scoring/years/{year_id}/table",
        {"year_id": Obj("cy2025")},
        get={401: "anon", 201: "secretariat admin", 404: "board_other", 403: REST},
        writes="secretariat admin",
    ),
    Case("GET /api/v1/scoring/tables/{table_id}", get={401: "anon", 404: "board_other", 200: REST}),
    Case(
        "PATCH /api/v1/scoring/tables/{table_id}",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "DELETE /api/v1/scoring/tables/{table_id}",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/scoring/tables/{table_id}/criteria",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "PATCH /api/v1/scoring/criteria/{criterion_id}",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "DELETE /api/v1/scoring/criteria/{criterion_id}",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/table/copy",
        {"year_id": Obj("cy2025")},
        body={"source_table_id": Obj("table2023")},
        get={401: "anon", 200: "secretariat admin", 404: "board_other", 403: REST},
        writes="secretariat admin",
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/table/revisions",
        get={401: "anon", 201: "secretariat admin", 404: "board_other", 403: REST},
        writes="secretariat admin",
    ),
    Case(
        "POST /api/v1/scoring/tables/{table_id}/adopt",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case("GET /api/v1/scoring/tables/{table_id}/xlsx", get={401: "anon", 404: "board_other", 200: REST}),
    Case(
        "POST /api/v1/scoring/tables/{table_id}/import",
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/assessments",
        {"year_id": Obj("cy2023")},
        get={401: "anon", 404: "board_other", 200: REST},
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/assessments",
        body={"unit_id": Obj("unit_b")},
        get={401: "anon", 201: "officer_b", 404: "board_other", 403: REST},
        writes="officer_b",
    ),
    Case(
        "GET /api/v1/scoring/assessments/{assessment_id}",
        label="a-draft",
        get={401: "anon", 404: "officer_b council board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/scoring/assessments/{assessment_id}",
        {"assessment_id": Obj("assessment_a")},
        label="a-submitted",
        get={401: "anon", 404: "officer_b council board_other", 200: REST},
    ),
    Case(
        "PUT /api/v1/scoring/assessments/{assessment_id}/scores/{criterion_id}",
        get={401: "anon", 404: "officer_b council board_other", 403: "secretariat board", 409: REST},
    ),
    Case(
        "POST /api/v1/scoring/assessments/{assessment_id}/scores/{criterion_id}/evidence",
        get={401: "anon", 404: "officer_b council board_other", 403: "secretariat board", 201: REST},
        writes="officer_a head_a admin",
    ),
    Case(
        "DELETE /api/v1/scoring/evidence/{evidence_id}",
        get={401: "anon", 404: "officer_b council board_other", 403: "secretariat board", 204: REST},
        writes="officer_a head_a admin",
    ),
    Case(
        "POST /api/v1/scoring/assessments/{assessment_id}/submit",
        get={401: "anon", 422: "head_a admin", 404: "officer_b council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/scoring/assessments/{assessment_id}/return",
        {"assessment_id": Obj("assessment_a")},
        get={401: "anon", 404: "officer_b council board_other", 422: "secretariat admin", 403: REST},
    ),
    Case(
        "GET /api/v1/scoring/assessments/{assessment_id}/final-scores",
        {"assessment_id": Obj("assessment_a")},
        get={401: "anon", 404: "officer_b council board_other", 200: REST},
    ),
    Case(
        "POST /api/v1/scoring/final-scores/{final_id}/settle",
        get={401: "anon", 404: "officer_b council board_other", 422: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/review-assignments",
        {"year_id": Obj("cy2023")},
        get={401: "anon", 404: "board_other", 200: REST},
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/review-assignments",
        body={"reviewee_id": Obj("unit_a"), "reviewer_id": Obj("unit_b"), "role": "peer"},
        get={401: "anon", 201: "secretariat admin", 404: "board_other", 403: REST},
        writes="secretariat admin",
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/review-assignments/rotation",
        get={401: "anon", 200: "secretariat admin", 404: "board_other", 403: REST},
        writes="secretariat admin",
    ),
    Case(
        "DELETE /api/v1/scoring/review-assignments/{assignment_id}",
        get={401: "anon", 404: "officer_b council board_other", 422: "secretariat admin", 403: REST},
    ),
    Case(
        "GET /api/v1/scoring/review-assignments/{assignment_id}",
        get={401: "anon", 404: "officer_b council board_other", 200: REST},
    ),
    Case(
        "PUT /api/v1/scoring/review-assignments/{assignment_id}/scores/{criterion_id}",
        {"criterion_id": Obj("criterion")},
        get={401: "anon", 404: "officer_b council board_other", 422: "admin", 403: REST},
    ),
    Case(
        "POST /api/v1/scoring/review-assignments/{assignment_id}/submit",
        get={401: "anon", 404: "officer_b council board_other", 422: REST},
    ),
    Case(
        "POST /api/v1/scoring/review-assignments/{assignment_id}/reopen",
        get={401: "anon", 404: "officer_b council board_other", 422: "secretariat admin", 403: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/ranking",
        {"year_id": Obj("cy2023")},
        label="published",
        get={401: "anon", 404: "board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/ranking",
        label="unpublished",
        get={401: "anon", 200: "secretariat board admin", 404: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/ranking/xlsx",
        {"year_id": Obj("cy2023")},
        get={401: "anon", 404: "board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/scoring/years/{year_id}/ranking/docx",
        {"year_id": Obj("cy2023")},
        get={401: "anon", 404: "board_other", 200: REST},
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/ranking/tie-decisions",
        {"year_id": Obj("cy2023")},
        get={401: "anon", 422: "secretariat admin", 404: "board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/scoring/years/{year_id}/ranking/publish",
        get={401: "anon", 422: "secretariat admin", 403: "board", 404: REST},
    ),
    Case("GET /api/v1/voting/meetings", get={401: "anon", 200: REST}),
    Case("POST /api/v1/voting/meetings", get={401: "anon", 422: REST}),
    Case(
        "GET /api/v1/voting/meetings/{pk}",
        {"pk": Obj("meeting")},
        label="conference",
        get={401: "anon", 404: "council board_other", 200: REST},
    ),
    Case("GET /api/v1/voting/meetings/{pk}", label="council", get={401: "anon", 200: "board council admin", 404: REST}),
    Case(
        "PATCH /api/v1/voting/meetings/{pk}",
        get={401: "anon", 200: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/voting/meetings/{pk}/state",
        body={"action": "in_progress"},
        get={401: "anon", 422: "board admin", 403: "council", 404: REST},
    ),
    Case("GET /api/v1/voting/meetings/{pk}/delegates", get={401: "anon", 200: "board council admin", 404: REST}),
    Case(
        "POST /api/v1/voting/meetings/{pk}/delegates",
        get={401: "anon", 201: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/voting/meetings/{pk}/delegates/from-members",
        {"pk": Obj("meeting")},
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "PATCH /api/v1/voting/delegates/{pk}",
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/voting/meetings/{pk}/leadership",
        {"pk": Obj("meeting")},
        get={401: "anon", 200: "secretariat board admin", 404: "council board_other", 403: REST},
        writes="secretariat board admin",
    ),
    Case(
        "GET /api/v1/voting/meetings/{pk}/documents/{name}",
        {"pk": Obj("meeting")},
        get={401: "anon", 404: "council board_other", 200: REST},
    ),
    Case("GET /api/v1/voting/meetings/{pk}/ballots", get={401: "anon", 200: "board council admin", 404: REST}),
    Case(
        "POST /api/v1/voting/meetings/{pk}/ballots",
        get={401: "anon", 201: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case("GET /api/v1/voting/ballots/{pk}", get={401: "anon", 200: "board council admin", 404: REST}),
    Case(
        "POST /api/v1/voting/ballots/{pk}/candidates",
        {"pk": Obj("ballot_draft")},
        get={401: "anon", 422: "board admin", 403: "council", 404: REST},
    ),
    Case(
        "DELETE /api/v1/voting/candidates/{pk}",
        get={401: "anon", 204: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/voting/ballots/{pk}/state",
        {"pk": Obj("ballot_draft")},
        body={"action": "open"},
        get={401: "anon", 200: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/voting/ballots/{pk}/codes",
        get={401: "anon", 200: "board admin", 403: "council", 404: REST},
        writes="board admin",
    ),
    Case("POST /api/v1/voting/cast", get={404: ALL}),
    Case("POST /api/v1/voting/ballots/{pk}/cast", get={401: "anon", 200: "council", 403: REST}, writes="council"),
    Case("GET /api/v1/voting/ballots/{pk}/turnout", get={401: "anon", 200: "board council admin", 404: REST}),
    Case(
        "GET /api/v1/voting/ballots/{pk}/result",
        {"pk": Obj("ballot_closed")},
        label="closed",
        get={401: "anon", 404: "council board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/voting/ballots/{pk}/result",
        label="council-open",
        get={401: "anon", 409: "board council admin", 404: REST},
    ),
    Case(
        "GET /api/v1/voting/ballots/{pk}/minutes.{fmt}",
        {"pk": Obj("ballot_closed")},
        get={401: "anon", 404: "council board_other", 200: REST},
    ),
    Case("GET /api/v1/voting/receipts/{public_id}", get={200: ALL}),
    Case("GET /api/v1/voting/receipts/{public_id}/record", get={200: ALL}),
    Case(
        "POST /api/v1/voting/ballots/{pk}/paper-counts",
        {"pk": Obj("ballot_paper")},
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/voting/paper-counts/{pk}/decision",
        body={"action": "confirm"},
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/voting/ballots/{pk}/written-votes",
        body={"delegate_id": Obj("council_absent")},
        get={401: "anon", 409: "board admin", 403: "council", 404: REST},
    ),
    Case(
        "POST /api/v1/voting/written-votes/{pk}/decision",
        body={"action": "confirm"},  # without the matching key from the envelope: refused, nothing counted
        get={401: "anon", 403: "board council", 422: "admin", 404: REST},
    ),
    Case(
        "POST /api/v1/voting/ballots/{pk}/tie-decision",
        {"pk": Obj("ballot_closed")},
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/voting/ballots/{pk}/runoff",
        {"pk": Obj("ballot_closed")},
        get={401: "anon", 422: "secretariat board admin", 404: "council board_other", 403: REST},
    ),
    Case("GET /api/v1/awards/forms", get={401: "anon", 200: REST}),
    Case(
        "PATCH /api/v1/awards/forms/{form_id}",
        get={401: "anon", 200: "board admin board_other", 403: REST},
        writes="board admin board_other",
    ),
    Case("GET /api/v1/awards/rule-sets", get={401: "anon", 200: REST}),
    Case("GET /api/v1/awards/rule-set-kinds", get={401: "anon", 200: REST}),
    Case(
        "GET /api/v1/awards/rule-sets/checklist",
        query="province={province}&on=2026-03-01",
        get={401: "anon", 200: "board admin", 403: REST},
    ),
    Case("GET /api/v1/awards/base-salaries", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/awards/base-salaries",
        get={401: "anon", 201: "board admin board_other", 403: REST},
        writes="board admin board_other",
    ),
    Case("GET /api/v1/awards/prize-bases", get={401: "anon", 200: REST}),
    Case("GET /api/v1/awards/rule-set-gaps", get={401: "anon", 200: REST}),
    Case(
        "GET /api/v1/awards/prize",
        query="form=bang-khen-tinh-ca-nhan&decision_date=2025-08-15",
        get={401: "anon", 200: REST},
    ),
    Case("GET /api/v1/awards/rule-sets/{rule_set_id}", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/awards/rule-sets",
        body={
            "kind": "proposal_deadlines",
            "province_id": Obj("province"),
            "parameters": {"check_days": 20, "decision_days": 10, "resubmit_days": 10, "working_days": True},
        },
        get={401: "anon", 201: "board admin", 403: REST},
        writes="board admin",
    ),
    # The world's rule set is national: since issue 13 only administrators revise it, no province's board.
    Case(
        "POST /api/v1/awards/rule-sets/{rule_set_id}/revisions",
        get={401: "anon", 201: "admin", 403: REST},
        writes="admin",
    ),
    Case(
        "POST /api/v1/awards/rule-sets/{rule_set_id}/source-document",
        get={401: "anon", 201: "admin", 403: REST},
        writes="admin",
    ),
    Case("GET /api/v1/awards/records", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/awards/records",
        body={"unit_id": Obj("unit_a"), "award_form": "tap-the-lao-dong-tien-tien", "year": 2019},
        get={401: "anon", 201: "officer_a board admin", 403: REST},
        writes="officer_a board admin",
    ),
    Case("GET /api/v1/awards/records/{record_id}", get={401: "anon", 404: "officer_b board_other", 200: REST}),
    Case(
        "POST /api/v1/awards/records/{record_id}/revoke",
        get={401: "anon", 404: "officer_b board_other", 200: "board admin", 403: REST},
        writes="board admin",
    ),
    Case("GET /api/v1/awards/units/{unit_id}/records", get={401: "anon", 403: "officer_b board_other", 200: REST}),
    Case(
        "GET /api/v1/awards/people/{person_id}/records",
        get={401: "anon", 403: "officer_b secretariat board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/awards/eligibility",
        query="form=co-thi-dua-tinh&year=2024&unit={unit_a}",
        get={401: "anon", 403: "officer_b board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/awards/screening",
        query="year=2024&unit={unit_a}",
        get={401: "anon", 403: "officer_b board_other", 200: REST},
    ),
    Case("POST /api/v1/awards/imports", get={401: "anon", 422: "board admin board_other", 403: REST}),
    Case("GET /api/v1/awards/imports/{batch_id}", get={401: "anon", 200: "board admin", 404: "board_other", 403: REST}),
    Case(
        "POST /api/v1/awards/imports/{batch_id}/commit",
        get={401: "anon", 422: "board admin", 404: "board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/awards/task-ratings",
        body={"person_id": Obj("person_a"), "year": 2024, "completion": "good"},
        get={401: "anon", 403: "officer_b secretariat council board_other", 201: REST},
        writes="officer_a head_a board admin",
    ),
    Case(
        "GET /api/v1/awards/people/{person_id}/initiatives",
        get={401: "anon", 403: "officer_b secretariat board_other", 200: REST},
    ),
    Case(
        "POST /api/v1/awards/people/{person_id}/initiatives",
        body={
            "title": "Sáng kiến thử",
            "scope": "co_so",
            "recognised_by": "Hội đồng sáng kiến",
            "decision_number": "2/QĐ-SK",
            "decision_date": "2024-12-01",
            "year": 2024,
        },
        get={401: "anon", 403: "officer_b secretariat council board_other", 201: REST},
        writes="officer_a head_a board admin",
    ),
    Case(
        "POST /api/v1/awards/initiatives/{initiative_id}/remove",
        body={"reason": "Ghi nhầm"},
        get={401: "anon", 403: "officer_b secretariat council board_other", 204: REST},
        writes="officer_a head_a board admin",
    ),
    Case(
        "POST /api/v1/awards/disciplines",
        body={"person_id": Obj("person_a"), "level": "khien_trach"},
        get={401: "anon", 201: "board admin", 403: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/awards/review-flags",
        body={"person_id": Obj("person_a"), "kind": "disciplinary"},
        get={401: "anon", 201: "board admin", 403: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/awards/review-flags/{flag_id}/close",
        get={401: "anon", 200: "board admin", 403: REST},
        writes="board admin",
    ),
    Case(
        "GET /api/v1/awards/priority-statistics",
        query="province={province}&year=2024",
        get={401: "anon", 200: "board council admin", 403: REST},
    ),
    Case("GET /api/v1/proposals", get={401: "anon", 200: REST}),
    Case(
        "POST /api/v1/proposals",
        body={"proposer_kind": "unit", "unit_id": Obj("unit_a"), "year": 2024},
        get={401: "anon", 201: "officer_a head_a admin", 403: REST},
        writes="officer_a head_a admin",
    ),
    Case("GET /api/v1/proposals/{pk}", label="a-draft", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case(
        "GET /api/v1/proposals/{pk}",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 404: "officer_b secretariat council board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/proposals/{pk}",
        {"pk": Obj("proposal_awarded")},
        label="awarded",
        get={401: "anon", 200: "secretariat board council admin", 404: REST},
    ),
    Case(
        "PATCH /api/v1/proposals/{pk}",
        get={401: "anon", 200: "officer_a head_a admin", 404: REST},
        writes="officer_a head_a admin",
    ),
    Case("GET /api/v1/proposals/{pk}/eligibility", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case("GET /api/v1/proposals/{pk}/quotas", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case(
        "POST /api/v1/proposals/from-conference",
        body={"meeting_id": Obj("meeting")},
        get={401: "anon", 422: "secretariat admin", 404: "council board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/items",
        body={"award_form": "giay-khen-ca-nhan", "person_id": Obj("person_b")},
        get={401: "anon", 422: "officer_a head_a admin", 404: REST},
    ),
    Case(
        "PATCH /api/v1/proposal-items/{pk}",
        get={401: "anon", 200: "officer_a head_a admin", 404: REST},
        writes="officer_a head_a admin",
    ),
    Case(
        "DELETE /api/v1/proposal-items/{pk}",
        get={401: "anon", 204: "officer_a head_a admin", 404: REST},
        writes="officer_a head_a admin",
    ),
    Case(
        "POST /api/v1/proposals/{pk}/attachments",
        body={"kind": "other"},
        get={401: "anon", 201: "officer_a head_a admin", 404: REST},
        writes="officer_a head_a admin",
    ),
    Case(
        "POST /api/v1/proposals/{pk}/state",
        body={"state": "sent"},
        label="a-draft",
        get={401: "anon", 422: "officer_a head_a admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/state",
        {"pk": Obj("proposal_a_sent")},
        body={"state": "sent"},
        label="a-sent",
        get={401: "anon", 404: "officer_b secretariat council board_other", 422: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/return",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 200: "board admin", 404: REST},
        writes="board admin",
    ),
    Case(
        "POST /api/v1/proposal-items/{pk}/verdict",
        {"pk": Obj("item_a_sent")},
        body={"verdict": "accepted"},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/council",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/council-result",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/forward",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposal-items/{pk}/notice",
        {"pk": Obj("item_a_sent")},
        body={"place": "Cổng thông tin điện tử tỉnh", "starts_on": "2024-01-22", "ends_on": "2024-02-02"},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "POST /api/v1/proposal-items/{pk}/central-papers",
        {"pk": Obj("item_a_sent")},
        body={"kind": "report"},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case(
        "GET /api/v1/proposals/{pk}/central-check",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 200: "board admin", 404: REST},
    ),
    Case(
        "GET /api/v1/proposals-central/pending",
        get={401: "anon", 200: "board admin board_other", 403: REST},
    ),
    Case(
        "POST /api/v1/proposals/{pk}/decision",
        {"pk": Obj("proposal_a_sent")},
        label="a-sent",
        get={401: "anon", 403: "officer_a head_a", 422: "board admin", 404: REST},
    ),
    Case("GET /api/v1/proposals/{pk}/papers/{kind}", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case("GET /api/v1/proposal-items/{pk}/report", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case("GET /api/v1/proposals/{pk}/dossier", get={401: "anon", 200: "officer_a head_a admin", 404: REST}),
    Case(
        "GET /api/v1/proposals-statistics/priority",
        get={401: "anon", 200: "board council admin board_other", 403: REST},
    ),
    Case(
        "GET /api/v1/reports/provinces/{province_id}/figures", get={401: "anon", 200: "board council admin", 403: REST}
    ),
    Case(
        "GET /api/v1/reports/clusters/{cluster_id}/figures",
        get={401: "anon", 200: "secretariat board council admin", 403: REST},
    ),
    Case(
        "GET /api/v1/reports/units/{unit_id}/figures",
        get={401: "anon", 403: "officer_b secretariat board_other", 200: REST},
    ),
    Case(
        "GET /api/v1/reports/cluster-years/{cluster_year_id}/summary",
        get={401: "anon", 200: "secretariat board admin", 403: REST},
    ),
    Case(
        "GET /api/v1/reports/form-0602",
        query="province={province}&year=2023",
        get={401: "anon", 200: "board admin", 403: REST},
    ),
    Case("GET /api/v1/jobs/{job_id}", get={401: "anon", 200: "board admin", 404: REST}),
    # Only the owner of a dry run writes it; this one has not run yet, so even its owner is refused.
    Case("POST /api/v1/jobs/{job_id}/write", get={401: "anon", 422: "board", 404: REST}),
]
