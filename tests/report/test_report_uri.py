"""`muses report` reads log locations given as URIs (object storage), not only local folders."""

from __future__ import annotations

from pathlib import Path

from inspect_ai import eval

from muses.inspect.tasks import access_control
from muses.report import write_report


def test_report_from_a_memory_uri(tmp_path: Path) -> None:
    uri = "memory://muses-report-test/logs"
    [log] = eval(access_control(split="quick", limit=2), model="muses/reference", display="none", log_dir=uri)
    assert log.status == "success"
    files = write_report([uri], tmp_path / "report")
    assert files.episodes == 2
    assert "muses/reference" in files.table_markdown.read_text()
