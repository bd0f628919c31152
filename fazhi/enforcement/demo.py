"""Demo steps of the enforcement app (found by the demo loader's autodiscovery of `demo` modules).

`demo_data` bulk-loads the registers and ~1,500 historical cases of 东湖区 (order 200);
`demo_showcase` then runs cases through the services so every state has a live example (order 210).
"""

from . import demo_data, demo_showcase  # noqa: F401  (the @demo_step decorators register on import)
