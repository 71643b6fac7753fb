"""The language-independent analysis core: what every frontend lowers its language into.

`budgets` holds every analysis budget with its reason and the record of what budgets cut;
`model` is the typed model a frontend lowers its call graph into (`AnalysisGraph`);
`core` walks it once for every language: reach, witness call paths, evidence, unresolved calls,
package behaviour.
"""

from mcpvet.analysis.budgets import BudgetCuts, Budgets
from mcpvet.analysis.core import (
    EMPTY_REACH,
    Reach,
    call_path,
    capabilities,
    package_behaviour,
    reach,
    reached_files,
    unresolved_calls,
    witness,
)
from mcpvet.analysis.flow import Control, FlowSolver, FunctionFlow, enum_parameters, param_namer, tool_control
from mcpvet.analysis.model import AnalysisGraph, CallEdge, Dispatch, FunctionNode, NodeId, SinkSite

__all__ = [
    "EMPTY_REACH",
    "AnalysisGraph",
    "BudgetCuts",
    "Budgets",
    "CallEdge",
    "Control",
    "FlowSolver",
    "FunctionFlow",
    "Dispatch",
    "FunctionNode",
    "NodeId",
    "Reach",
    "SinkSite",
    "call_path",
    "capabilities",
    "enum_parameters",
    "reached_files",
    "package_behaviour",
    "param_namer",
    "reach",
    "tool_control",
    "unresolved_calls",
    "witness",
]
