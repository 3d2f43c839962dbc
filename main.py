"""Start RiskMap Survey Desk: `python main.py` opens the desktop app; subcommands serve
scripts (see `python main.py --help`). Also the PyInstaller entry point."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # A large import checks its forms in a spawned child process (services/import_split.py);
    # in the packaged program that child is this executable again, which must run the
    # child's code and exit here instead of opening the app.
    multiprocessing.freeze_support()
    sys.exit(main())
