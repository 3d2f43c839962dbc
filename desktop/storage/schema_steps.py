"""The schema's steps as SQL: `MIGRATIONS[n]` takes a database from version n to n + 1.

Each step is named by the work that added it (V5_TRUST, V15_FORM_ANSWERS, ...) and listed in
the order it ships; storage/migrations.py applies them. Never edit a step that has shipped:
add one at the end of the list. The SQL of the steps is in schema_steps_early.py (v1 to v5)
and schema_steps_later.py (v7 on); a new step goes in a module of its own or at the end of
the later one.
"""

from __future__ import annotations

from .schema_steps_early import V1, V2, V3, V4, V5_TRUST
from .schema_steps_later import (V7_ANALYSIS, V8_DEVICE_SECRET, V9_OPERATORS, V11_SERIES,
                                 V12_SCALE_INDEXES, V13_EXPORT, V13_PIN_ATTEMPTS, V14_DASH,
                                 V15_FORM_ANSWERS, V16_DASH_BEFORE)
from .schema_step_round_origin import V17_ROUND_ORIGIN, V18_ROUND_MAKER

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5_TRUST, V7_ANALYSIS, V9_OPERATORS,
                         V8_DEVICE_SECRET, V11_SERIES, V12_SCALE_INDEXES, V13_PIN_ATTEMPTS,
                         V13_EXPORT, V14_DASH, V15_FORM_ANSWERS, V16_DASH_BEFORE,
                         V17_ROUND_ORIGIN, V18_ROUND_MAKER]

# Tables a step leaves behind, dropped by storage/migrations.py after the steps, each on its
# own outside any transaction, and at every later writable open if a killed process left
# one. Inside a step's transaction, SQLite writes a statement journal for DROP TABLE, and
# temp_store=MEMORY (storage/connection.py) holds it in memory: dropping V15's old answer
# table there peaked at 214 MB at 100k forms and 2.2 GB at a million; on its own, 21 MB.
LEFT_BEHIND: tuple[str, ...] = ("answer_v14",)
