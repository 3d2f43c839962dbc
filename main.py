"""Start RiskMap Survey Desk: `python main.py` opens the desktop app; subcommands serve
scripts (see `python main.py --help`). Also the PyInstaller entry point."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
