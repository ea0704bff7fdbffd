"""B2B meeting scheduler: slots and tables for requested meetings, with as few breaks as possible.

Public API: `Problem`, `Meeting`, `Session`, `Schedule`, `solve`, `read_dzn`, `parse_dzn`,
`validate`, `count_breaks`. Pure Python over OR-Tools CP-SAT and PySAT (RC2 MaxSAT); no web framework.
"""
from .dzn import parse_dzn, read_dzn
from .problem import Meeting, Problem, Schedule, Session
from .solver import solve
from .validate import count_breaks, validate

__all__ = ["Meeting", "Problem", "Schedule", "Session", "count_breaks", "parse_dzn", "read_dzn", "solve",
           "validate"]
