"""The ``borderlens`` command: a thin click layer over the library, one module per command.

Library code never prints or configures logging; this package does both, turns
library errors into click errors, and chooses plain or machine (JSON) output.
:mod:`geo.cli.group` is the command group and the entry point, :mod:`geo.cli.options`
the options several commands share, :mod:`geo.cli.inputs` the commands' side of
:mod:`geo.pipeline`, :mod:`geo.cli.output` what they print; each command has its module.
"""

from geo.cli.group import cli, main

__all__ = ["cli", "main"]
