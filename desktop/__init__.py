"""RiskMap Survey Desk: key paper survey forms offline, verify them, chart the risks and
send encrypted, signed bundles to headquarters.

The version below is the single source of truth: `--version`, the About box, the
package metadata and the PyInstaller spec all read it from here.
"""

__version__ = "0.1.0"
APP_NAME = "RiskMap Survey Desk"
APP_ID = "riskmap"
