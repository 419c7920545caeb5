"""TODO: see the package docstring once written."""
