"""``python -m policy_nlp`` runs the CLI."""

import sys

from policy_nlp.cli import main

sys.exit(main())
