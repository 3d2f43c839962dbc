"""`RiskMap --selftest`: prove on this machine that the program works end to end.

Runs the real program, not a mock, in Spanish as in the field: the translations, the main
window, a new database, one paper form keyed through the real entry view with keyboard
events (QTest), saved with Ctrl+S and read back, an HQ key, an encrypted signed bundle
exported and imported into a second database, the two compared, every other view opened
(records, verification, progress, export, import, conflicts), the dashboard charts drawn
and saved, the report (CSV, XLSX, PDF), the analysts' data files (CSV, XLSX, Stata, SPSS,
read back), the About box. Each step prints one line ("ok" or "FAIL" and why); the exit
code is 0 only if every step held. A failed step stops the run, since the later steps
build on it.

It runs offscreen unless a Qt platform is already chosen (CI runs it once more under Xvfb
with QT_QPA_PLATFORM=xcb), in a temporary folder that is removed at the end: RISKMAP_HOME
and Qt's settings point there, so the user's data, device key and settings are untouched.

The package: `steps.SelfTest` lists the 18 steps in order; they live in four modules by
stage (environment_steps, field_steps, hq_steps, output_steps) and share `state.SelfTestState`;
`runner.run_selftest` runs them and prints the lines (`output`).
"""

from .runner import run_selftest
from .steps import SelfTest

__all__ = ["SelfTest", "run_selftest"]
