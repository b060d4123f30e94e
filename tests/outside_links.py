"""Attachments that are symbolic links out of the content folder: what a careless copy (or a hostile
owner) leaves beside a document, and what the site must never read or publish."""

from __future__ import annotations

from pathlib import Path


def attachments_linking_outside(folder: Path, outside: Path, *, file: str, target: str, real: tuple[str, bytes]) -> None:
    """Make ``folder``, a document's attachments, hold ``file``: a link to ``target``, a secret in
    ``outside`` (a folder beside the content folder); ``utkast``: a link to ``outside`` itself; and
    one real attachment, ``real`` (name, bytes), that the site may publish."""
    outside.mkdir(exist_ok=True)
    (outside / target).write_text("hemligt\n", encoding="utf-8")
    folder.mkdir()
    (folder / file).symlink_to(outside / target)
    (folder / "utkast").symlink_to(outside, target_is_directory=True)
    (folder / real[0]).write_bytes(real[1])
