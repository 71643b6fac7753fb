"""The language-independent analysis core: what every frontend lowers its language into.

`budgets` holds every analysis budget with its reason and the record of what budgets cut.
"""

from mcpvet.analysis.budgets import Budgets, BudgetCuts

__all__ = ["BudgetCuts", "Budgets"]
