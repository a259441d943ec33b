"""``python -m core <command>``: see core/cli/__init__.py for the command table."""

import sys

from core.cli import main

if __name__ == "__main__":
    sys.exit(main())
