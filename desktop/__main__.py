"""`python -m desktop`: the same program as `riskmap` and `python main.py`."""

import sys

from .cli import main

sys.exit(main())
