from __future__ import annotations

import math
from fractions import Fraction

LENGTH_M = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048, "mi": 1609.344}


def convert_length(value: float, src: str, dst: str) -> float:
    return value * LENGTH_M[src] / LENGTH_M[dst]


def convert_temperature(value: float, src: str, dst: str) -> float:
    kelvin = {"C": value + 273.15, "F": (value - 32) * 5 / 9 + 273.15, "K": value}[src]
    return {"C": kelvin - 273.15, "F": (kelvin - 273.15) * 9 / 5 + 32, "K": kelvin}[dst]


def simplify(numerator: int, denominator: int) -> str:
    f = Fraction(numerator, denominator)
    return f"{f.numerator}/{f.denominator} (gcd {math.gcd(numerator, denominator)})"
