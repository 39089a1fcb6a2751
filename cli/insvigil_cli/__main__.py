"""``python -m insvigil_cli``: the same command as ``insvigil``."""

from insvigil_cli.main import main

main()
