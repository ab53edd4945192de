"""`python -m apdesk` and the `apdesk` console script."""

import sys

from apdesk.cli import main as _main


def main() -> None:
    sys.exit(_main())


if __name__ == "__main__":
    main()
