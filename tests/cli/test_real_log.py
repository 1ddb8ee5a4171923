"""`arcjet report` over a log written by real protect() calls (decision_log=)."""

from __future__ import annotations

from pathlib import Path

from arcjet_core import Mode, arcjet_sync, filter_request
from arcjet_core.report import aggregate, read_log


def test_report_of_a_real_log(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    live = filter_request(mode=Mode.LIVE, deny=['http.request.uri.path wildcard "/admin*"'])
    staged = filter_request(mode=Mode.DRY_RUN, deny=['http.request.method == "POST"'])
    with arcjet_sync(key="t", rules=[live, staged], decision_log=str(log), disable_automatic_ip_detection=True) as aj:
        for i in range(30):
            path, method = ("/admin/x", "GET") if i % 3 == 0 else ("/", "POST" if i % 3 == 1 else "GET")
            request = {"ip": f"198.51.100.{i % 5}", "method": method, "path": path, "query": "secret=1",
                       "headers": [("host", "example.com"), ("user-agent", "curl/8.5")]}
            aj.protect(request, ip_src=request["ip"])
    assert "secret" not in log.read_text()
    report = aggregate(read_log(log))
    assert report["total"] == 30 and report["by_conclusion"]["DENY"] == 10 and report["by_conclusion"]["ALLOW"] == 20
    assert {r["path"] for r in report["top_denied_paths"]} == {"/admin/x"}
    (dry,) = report["dry_run"].values()
    assert dry["kind"] == "FILTER" and dry["additional_denies"] == 10 and dry["share"] == round(10 / 30, 6)
