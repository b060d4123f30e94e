"""YAML 1.2's core scalars: which plain (unquoted) values are numbers, true/false or empty.

Shared by the two YAML readers (``yamlsource`` over libyaml, ``yamlfast`` for plain front
matter), so that a value can never mean one thing to one and another to the other.
"""

from __future__ import annotations

import re

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"

NUMBER_START = frozenset("-+0123456789.")
INT_SHAPE = re.compile(r"^[-+]?[0-9]+$")
FLOAT_SHAPE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
WORDS = {"true": BOOL, "false": BOOL, "~": NULL, "null": NULL, "Null": NULL, "NULL": NULL, "": NULL}


def plain_tag(value: str) -> str:
    """The type of a plain value: only YAML 1.2 core, so ``no``, ``2017:612`` and dates stay text."""
    tag = WORDS.get(value)
    if tag is not None:
        return tag
    if value[0] in NUMBER_START:
        if INT_SHAPE.match(value):
            return INT
        if FLOAT_SHAPE.match(value):
            return FLOAT
    return STR


def value_of(tag: str, value: str) -> object:
    """The Python value of a scalar of type ``tag``; ValueError for a number Python cannot hold."""
    if tag == INT:
        return int(value)
    if tag == FLOAT:
        return float(value)
    if tag == BOOL:
        return value == "true"
    if tag == NULL:
        return None
    return value
