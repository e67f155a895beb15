"""Checking .docx files against Nghị định 30/2020, Phụ lục I, and linting templates.

Reads files, never writes them; no click and no printing (the command line prints).
"""

from __future__ import annotations

from vanban.checker.engine import (
    check_bytes,
    check_path,
    read_checked_file,
    read_untrusted,
    run_rules,
)
from vanban.checker.findings import FileReport, Finding, Location
from vanban.checker.registry import PAGE_CHECKS
from vanban.checker.rules import Rule, choose, document_rules, split_ids, template_rules

__all__ = [
    "PAGE_CHECKS",
    "FileReport",
    "Finding",
    "Location",
    "Rule",
    "check_bytes",
    "check_path",
    "choose",
    "document_rules",
    "read_checked_file",
    "read_untrusted",
    "run_rules",
    "split_ids",
    "template_rules",
]
