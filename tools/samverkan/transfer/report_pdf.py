"""A dated report (Markdown made by the core) as PDF, through the same route as document exports:
pandoc → HTML with the print stylesheet → headless Chromium."""

from __future__ import annotations

import datetime as dt
import html

from samverkan.external import pandoc
from samverkan.external.browser import Browser
from samverkan.transfer.export import PRINT_CSS, READER
from samverkan.transfer.running_lines import PAGE_NUMBERS, running_line


def report_html(markdown: str, title: str) -> str:
    fragment = pandoc.from_ast(pandoc.to_ast(markdown.encode("utf-8"), READER), "html5", ["--wrap=none"]).decode("utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )


def report_pdf(markdown: str, title: str, today: dt.date) -> bytes:
    """A4 PDF with the title and the report's date on every page."""
    header = running_line(html.escape(title), f"Per {today.isoformat()}")
    footer = running_line(f"Skapad {today.isoformat()} från samverkanswebben", PAGE_NUMBERS)
    with Browser() as browser:
        return browser.pdf(report_html(markdown, title), header=header, footer=footer)
