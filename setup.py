"""Build the optional compiled inner loops (geo/_speedups.pyx); everything else is in pyproject.toml.

Without a C compiler the install goes on without them, and borderlens runs its pure-Python path
(same results, slower); ``borderlens --version`` says which one is in use.
"""

from pathlib import Path

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "geo._speedups",
            ["geo/_speedups.pyx"],
            depends=sorted(str(p) for p in Path("geo").glob("_speedups_*.pxi")),  # its include files
            optional=True,
        )
    ]
)
