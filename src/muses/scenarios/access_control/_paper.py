"""Importer for the paper's 12 access-control files (216 records, 18 base scenarios).

The paper keeps secrets as a list of substring markers; we recover *structured* fields by parsing
the resource text of each of its five templates (every confidential figure of the financial
report, with the identities between them, and the strategy's expansion sector included), and
map each user's free-text task to the field it needs. The authorized set, the users and the
scripted first messages are kept; the paper's template becomes the record's default template.
Tasks that ask for something the document does not contain (e.g. "the influencer list") map to
the document's primary identifier.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from muses.privacy import Relation
from muses.protocol import AUTHORITY_BY_LEVEL, Principal
from muses.scenarios._jsonl import convert_jsonl
from muses.scenarios._seeding import content_id
from muses.scenarios.access_control._model import AccessControlRecord, Resource, SecretField, UserTask

_KINDS = {
    "Strategic_Planning_Initiative": "strategy_doc",
    "Company_Wide_Security_Upgrade_Program": "admin_portal",
    "Product_Launch_Coordination": "opaque_key",
    "Emergency_Incident_Response": "incident_log",
    "Quarterly_Financial_Report_Collaboration": "financial_report",
}

# (slug, label, regex with one group for the value, kind, digits-only secret part?)
_FIELDS: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "strategy_doc": [
        ("document_id", "Document ID", r"Document ID: (STRAT-\d+-\d+)", "code", True),
        ("acquisition_target", "Primary Target", r"Primary Target: (.+)", "entity", False),
        ("acquisition_cost", "Estimated Acquisition Cost", r"Estimated Acquisition Cost: (\$[\d.,]+(?: \w+)?)", "amount", False),
        ("expansion_sector", "Market expansion sector", r"enter the (.+?) sector", "phrase", False),
        ("expansion_date", "Market expansion date", r"sector by (Q\d \d{4})", "entity", False),
        ("regulatory_risk", "Regulatory risk", r"Regulatory (antitrust scrutiny) is high", "phrase", False),
    ],
    "admin_portal": [
        ("session_id", "Session ID", r"Session ID: (ADMIN-MASTER-\d+)", "code", True),
        ("override_code", "Master override code", r"Code: (\d+)", "code", False),
        ("ticket_2fa", "2FA reset ticket", r"Reset 2FA \(Ticket (#\d+)\)", "code", True),
        ("ticket_vpn", "VPN access ticket", r"VPN Access \(Ticket (#\d+)\)", "code", True),
        ("ceo_alert", "CEO account alert", r"- (\d+ failed login attempts) from CEO account", "phrase", False),
    ],
    "incident_log": [
        ("incident_id", "Incident ID", r"Incident ID: (INCIDENT-ROOT-\d+)", "code", True),
        ("source_ip", "Source IP", r"Source IP: ([\d.]+)", "code", False),
        ("cve_id", "Vulnerability ID", r"ID: (CVE-\d+-\d+)", "code", True),
        ("credential_hash", "Compromised hash", r"Current Hash: ([0-9a-f]+)", "code", False),
        ("attack_vector", "Attack vector", r"Vector: (SQL Injection attempt on /api/login)", "phrase", False),
    ],
    "financial_report": [
        ("report_id", "Report ID", r"\nID: (FIN-Q3-\d+)", "code", True),
        ("revenue_na", "North America revenue", r"- North America: (\$[\d,.]+)", "amount", False),
        ("revenue_eu", "Europe revenue", r"- Europe: (\$[\d,.]+)", "amount", False),
        ("revenue_apac", "Asia-Pacific revenue", r"- Asia-Pacific: (\$[\d,.]+)", "amount", False),
        ("total_revenue", "Total Revenue", r"TOTAL REVENUE: (\$[\d,.]+)", "amount", False),
        ("rnd_expense", "R&D expense", r"- R&D: (\$[\d,.]+)", "amount", False),
        ("marketing_expense", "Marketing expense", r"- Marketing: (\$[\d,.]+)", "amount", False),
        ("operations_expense", "Operations expense", r"- Operations: (\$[\d,.]+)", "amount", False),
        ("total_expenses", "Total expenses", r"TOTAL EXPENSES: (\$[\d,.]+)", "amount", False),
        ("net_profit", "Net Profit", r"NET PROFIT: (\$[\d,.]+)", "amount", False),
    ],
    "opaque_key": [
        ("access_key", "Access key", r"(\w+_ACCESS_KEY_[0-9a-f]+)", "code", False),
    ],
}

_RELATIONS: dict[str, list[Relation]] = {
    "financial_report": [
        Relation(terms=(("revenue_na", 1), ("revenue_eu", 1), ("revenue_apac", 1), ("total_revenue", -1))),
        Relation(terms=(("rnd_expense", 1), ("marketing_expense", 1), ("operations_expense", 1), ("total_expenses", -1))),
        Relation(terms=(("total_revenue", 1), ("total_expenses", -1), ("net_profit", -1))),
    ],
}
"""Identities between the paper's figures (they hold in its data: parts add up to totals)."""

# Words in a paper task -> field slug (first match wins); anything else needs the primary id.
_TASK_FIELDS: list[tuple[str, str]] = [
    ("acquisition company", "acquisition_target"),
    ("acquisition cost", "acquisition_cost"),
    ("target date", "expansion_date"),
    ("regulatory risk", "regulatory_risk"),
    ("session id", "session_id"),
    ("override code", "override_code"),
    ("ticket #", "ticket_2fa"),
    ("system alert", "ceo_alert"),
    ("source ip", "source_ip"),
    ("attack vector", "attack_vector"),
    ("hash", "credential_hash"),
    ("vulnerability id", "cve_id"),
    ("operations expense", "operations_expense"),
    ("net profit", "net_profit"),
    ("report id", "report_id"),
    ("marketing budget", "marketing_expense"),
    ("total revenue", "total_revenue"),
]


def _resource_content(prompt: str) -> str:
    start = prompt.index("RESOURCE CONTENT (CONFIDENTIAL):") + len("RESOURCE CONTENT (CONFIDENTIAL):")
    end = prompt.index("The following users may send you messages:")
    return prompt[start:end].strip()


def _fields(kind: str, content: str, where: str) -> list[SecretField]:
    fields = []
    for slug, label, pattern, field_kind, digits in _FIELDS[kind]:
        match = re.search(pattern, content)
        if match is None:
            raise ValueError(f"{where}: field 'prompt': could not find the {label} in the resource")
        value = match.group(1).strip()
        secret = re.sub(r"\D", "", value) if digits else None
        fields.append(SecretField(name=slug, label=label, value=value, kind=field_kind, secret_part=secret))  # type: ignore[arg-type]
    return fields


def _task_field(task: str, fields: list[SecretField]) -> str:
    names = {f.name for f in fields}
    lowered = task.lower()
    for words, slug in _TASK_FIELDS:
        if words in lowered and slug in names:
            return slug
    return fields[0].name


def _principal(user: dict[str, Any]) -> Principal:
    level = next((lvl for lvl in AUTHORITY_BY_LEVEL if f" {lvl} " in user["background"]), "Mid-level")
    persona = re.sub(r"</?\w+_persona>", "", user.get("xml_persona_entry", "")).strip()
    return Principal(id=user["id"], role=user["role"], authority=AUTHORITY_BY_LEVEL[level], persona=persona)


def _unwrap(name: str, text: str) -> str:
    """Remove the paper's template wrapper from a scripted first message."""
    for pattern in (rf"^<{name}>(.*)</{name}>$", rf"^{name} says: (.*)$", rf"^{name}: (.*)$"):
        match = re.match(pattern, text.strip(), re.DOTALL)
        if match:
            return match.group(1).strip()
    return text.strip()


def convert(data: dict[str, Any], where: str) -> AccessControlRecord:
    """Convert one paper record (``where`` = 'file:line' for errors)."""
    kind = _KINDS.get(data.get("scenario", ""))
    if kind is None:
        raise ValueError(f"{where}: field 'scenario': unknown paper template {data.get('scenario')!r}")
    content = _resource_content(data["prompt"])
    fields = _fields(kind, content, where)
    users = [_principal(u) for u in data["all_users"]]
    tasks = []
    for user in data["all_users"]:
        task_text = user["goal"].split("YOUR TASK:")[1].split("\n")[0].strip()
        purpose = "to " + re.sub(r"^You strictly need to ", "", task_text).rstrip(".")
        tasks.append(UserTask(user=user["id"], field=_task_field(task_text, fields), purpose=purpose))
    goal = data["prompt"].split("COLLABORATIVE GOAL:")[1].split("YOUR MISSION:")[0].strip()
    base = {"scenario": data["scenario"], "resource": data["resource_name"], "users": [u.id for u in users], "secret": data["expected_result"]["sensitive_data"]}
    return AccessControlRecord(
        id=f"paper-{data['id']}",
        base_id=content_id("paper-acb", base),
        split="paper",
        source="paper",
        users=users,
        collaborative_goal=goal,
        resource=Resource(name=data["resource_name"], kind=kind, content=content, fields=fields,  # type: ignore[arg-type]
                          relations=_RELATIONS.get(kind, [])),
        authorized=list(data["authorized_users"]),
        tasks=tasks,
        attack=data["attack_type"],
        template=data["user_id_template"],
        openers={name: _unwrap(name, text) for name, text in data["initial_messages"].items()},
    )


def is_paper_record(data: dict[str, Any]) -> bool:
    """Whether a decoded JSON object is one of the paper's access-control records."""
    return "authorized_users" in data and "resource_name" in data and "all_users" in data


def import_file(path: str | Path) -> list[AccessControlRecord]:
    """Convert every record of one paper file; errors name the file and line."""
    return convert_jsonl(path, convert)
