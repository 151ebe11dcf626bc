"""``python -m geo`` runs the ``borderlens`` command."""

from geo.cli import main

if __name__ == "__main__":
    main()
