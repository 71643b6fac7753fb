"""The semgrep runner: one process over many files, JSON to SinkHit."""

from mcpvet.semgrep.rules import SinkRule, load_rules, rule_dirs, rules_root
from mcpvet.semgrep.runner import PendingSemgrep, SemgrepRun, run_semgrep, run_semgrep_many, start_semgrep_many

__all__ = ["PendingSemgrep", "SemgrepRun", "SinkRule", "load_rules", "rule_dirs", "rules_root", "run_semgrep",
           "run_semgrep_many", "start_semgrep_many"]
