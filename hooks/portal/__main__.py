"""`python -m portal` is the `portal` command."""
import sys

from .cli import main

sys.exit(main())
