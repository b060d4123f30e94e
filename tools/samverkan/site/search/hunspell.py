"""A small reader of a Hunspell dictionary: base forms and compound parts of Swedish words.

The Swedish dictionary (``hunspell-sv``) marks which words may begin (``COMPOUNDBEGIN``),
continue (``COMPOUNDMIDDLE``) or end (``COMPOUNDEND``) a compound, and its suffix rules
produce both inflections (``planering`` → ``planeringar``) and the joining forms used
inside compounds (``utskrivning`` → ``utskrivnings-``). That is all the search needs, so
this reader takes only those parts of the format: single-letter flags, ``SFX`` rules and
the compound flags. Reading the files takes about a second; spylls (a full Hunspell in
Python) took half a minute to load the same dictionary and a tenth of a second per word,
too slow for thousands of documents.

Words are looked up by reversing the suffix rules (strip the ending, put back what the
rule removed, check the condition and the stem's flags), the way Hunspell itself does,
so no list of all forms is built.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DICTIONARY_NAME = "sv_SE"


class DictionaryMissing(Exception):
    """The Swedish Hunspell dictionary is not installed."""


def dictionary_paths() -> list[Path]:
    """Where the dictionary may be: the Python environment (hunspell-sv) first, then the system."""
    roots = [Path(sysconfig.get_path("data")), Path(sys.prefix), Path("/usr")]
    return [root / "share" / "hunspell" / f"{DICTIONARY_NAME}.dic" for root in dict.fromkeys(roots)]


def find_dictionary() -> Path:
    for path in dictionary_paths():
        if path.is_file() and path.with_suffix(".aff").is_file():
            return path
    raise DictionaryMissing(
        "den svenska ordlistan för sökningen (hunspell-sv) saknas; installera den med "
        "`pip install hunspell-sv` (ingår i `make install`). Letade i: " + ", ".join(map(str, dictionary_paths()))
    )


@dataclass(frozen=True)
class Suffix:
    """One ``SFX`` rule: ``stem[:-len(strip)] + add`` when the stem ends as ``condition`` says."""

    flag: str
    """The flag a stem must carry for the rule to apply."""
    strip: str
    """Letters removed from the stem's end ('' for none)."""
    add: str
    """Letters added ('' for none)."""
    continuation: frozenset[str]
    """Flags the new form carries (e.g. the compound flags of a joining form)."""
    condition: re.Pattern[str]
    """Must match the end of the stem."""


@dataclass(frozen=True)
class Analysis:
    """One way to read a word: a dictionary stem, possibly with a suffix."""

    stem: str
    """The dictionary word (the base form)."""
    flags: frozenset[str]
    """The flags the word form carries: the stem's own, or the suffix's continuation flags."""
    inflected: bool
    """True when a suffix was applied."""


class Lexicon:
    """Words and suffix rules of a Hunspell dictionary, with lookups cached per form."""

    def __init__(self, words: dict[str, frozenset[str]], suffixes: list[Suffix], compound_flags: dict[str, str]):
        self.words = words
        self.by_add: dict[str, list[Suffix]] = defaultdict(list)
        for rule in suffixes:
            self.by_add[rule.add].append(rule)
        self.longest_add = max((len(a) for a in self.by_add), default=0)
        self.begin = compound_flags.get("COMPOUNDBEGIN", "")
        self.middle = compound_flags.get("COMPOUNDMIDDLE", "")
        self.end = compound_flags.get("COMPOUNDEND", "")
        self.only_in_compound = compound_flags.get("ONLYINCOMPOUND", "")
        self.need_affix = compound_flags.get("NEEDAFFIX", "")
        self.forbidden = compound_flags.get("FORBIDDENWORD", "")
        self.analyses = lru_cache(maxsize=200_000)(self._analyses)

    @classmethod
    def read(cls, dic: Path) -> Lexicon:
        aff = dic.with_suffix(".aff")
        suffixes: list[Suffix] = []
        flags: dict[str, str] = {}
        for line in aff.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) == 2 and fields[0] in {"COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "ONLYINCOMPOUND", "NEEDAFFIX", "FORBIDDENWORD"}:
                flags[fields[0]] = fields[1]
            elif len(fields) >= 5 and fields[0] == "SFX":
                _, flag, strip, add, condition = fields[:5]
                add, _, cont = add.partition("/")
                suffixes.append(
                    Suffix(
                        flag=flag,
                        strip="" if strip == "0" else strip,
                        add="" if add == "0" else add,
                        continuation=frozenset(cont),
                        condition=re.compile(("" if condition == "." else f"(?:{condition})") + r"\Z"),
                    )
                )
        words: dict[str, frozenset[str]] = {}
        lines = dic.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:  # the first line is the number of entries
            word, _, word_flags = line.partition("/")
            word = word.strip().lower()
            if word:
                words[word] = words.get(word, frozenset()) | frozenset(word_flags.split()[0] if word_flags.strip() else "")
        return cls(words, suffixes, flags)

    def _analyses(self, form: str) -> tuple[Analysis, ...]:
        found = []
        own = self.words.get(form)
        if own is not None and not (own & {self.forbidden}):
            found.append(Analysis(form, own, False))
        for length in range(0, min(self.longest_add, len(form) - 1) + 1):
            ending = form[len(form) - length :] if length else ""
            for rule in self.by_add.get(ending, ()):
                stem = form[: len(form) - length] + rule.strip
                flags = self.words.get(stem)
                if flags is None or rule.flag not in flags or not rule.condition.search(stem):
                    continue
                if not rule.add and not rule.strip and not rule.continuation:
                    continue
                found.append(Analysis(stem, rule.continuation or flags, True))
        return tuple(found)

    def is_word(self, form: str) -> bool:
        """A word that may stand alone (not only inside compounds)."""
        return any(
            not (a.flags & {self.only_in_compound}) and (a.inflected or self.need_affix not in a.flags)
            for a in self.analyses(form)
        )

    def base_forms(self, form: str) -> list[str]:
        """The dictionary forms a word is an inflection of (``processen`` → ``process``)."""
        return list(dict.fromkeys(a.stem for a in self.analyses(form) if a.inflected and a.stem != form))

    def can_begin(self, piece: str) -> str | None:
        """The base form when ``piece`` may begin a compound (``utskrivnings`` → ``utskrivning``)."""
        return self._part(piece, self.begin)

    def can_continue(self, piece: str) -> str | None:
        return self._part(piece, self.middle)

    def can_end(self, piece: str) -> str | None:
        for a in self.analyses(piece):
            # An inflected last part (planering|ar) is allowed when its stem may end a compound.
            stem_flags = self.words.get(a.stem, frozenset())
            if self.end in (stem_flags if a.inflected else a.flags):
                return a.stem
        return None

    def _part(self, piece: str, flag: str) -> str | None:
        for a in self.analyses(piece):
            if flag in a.flags:
                return a.stem
        return None


@lru_cache(maxsize=1)
def swedish() -> Lexicon:
    """The installed Swedish dictionary, read once per process."""
    return Lexicon.read(find_dictionary())
