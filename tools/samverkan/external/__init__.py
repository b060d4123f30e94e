"""One module per external tool (git, pandoc, Chromium), each failing with one clear error when missing."""
