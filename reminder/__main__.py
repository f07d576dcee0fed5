"""`python -m reminder` runs the command line."""

import sys

from reminder.cli import main

sys.exit(main())
