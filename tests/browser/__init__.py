# A package, so that this directory's conftest.py is imported as browser.conftest and does not
# replace tests/conftest.py, which other test modules import as `conftest`.
