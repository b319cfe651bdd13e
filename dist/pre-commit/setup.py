# The hook repository is installed by pre-commit as a Python package whose only dependency is
# the contactlint wheel of the same version (pinned: a hook's rev names exactly one contactlint).
from setuptools import setup

VERSION = "0.1.0"

setup(
    name="contactlint-pre-commit",
    version=VERSION,
    description="pre-commit hook for contactlint, the Genesys Cloud contact-list linter",
    install_requires=[f"contactlint=={VERSION}"],
    py_modules=[],
)
