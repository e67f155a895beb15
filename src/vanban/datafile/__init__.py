"""Reading the files people write: bounded, regular files only, one YAML reader.

Every YAML file vanban reads goes through ``read_yaml``; every user file is read through
``read_bounded`` (by reading, with a cap, never trusting ``stat``).
"""

from __future__ import annotations

from vanban.datafile.bounded import MEGABYTE, read_bounded, read_text_bounded
from vanban.datafile.yaml_reader import (
    Located,
    UnreadableYaml,
    YamlDocument,
    plain,
    read_yaml,
)

__all__ = [
    "MEGABYTE",
    "Located",
    "UnreadableYaml",
    "YamlDocument",
    "plain",
    "read_bounded",
    "read_text_bounded",
    "read_yaml",
]
