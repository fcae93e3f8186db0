"""Opening the containers essays arrive in (.docx, .odt, .epub are ZIP files) without trusting them.

A received file can be a zip bomb (a few kilobytes that expand to gigabytes), hold thousands of
entries, name entries `../../.bashrc`, or carry XML with entity bombs or external entities that a
parser would fetch. Everything here reads into memory (nothing is ever extracted to disk), checks
the declared sizes before reading and bounds every read anyway (a header can lie), and parses XML
only with defusedxml, which refuses entity declarations and external references. Each refusal is
one `InputError` naming the file.

defusedxml (PSF licence) is the library the Python documentation itself recommends for untrusted
XML; it wraps the standard parser, so it adds no compiled code.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from reading_guide.errors import InputError
from reading_guide.inputfiles import read_input_file

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024  # the file itself
MAX_ENTRIES = 5000  # a long e-book has a few hundred
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one part, expanded
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all the parts we read, expanded
MAX_RATIO = 200  # expanded / compressed: text compresses 3-10x, a bomb 1000x
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc/.xls


def read_document_bytes(path: Path, what: str) -> bytes:
    """The file's bytes, through the one reader for files a user names (bounded, regular files)."""
    data, _info = read_input_file(path, limit=MAX_DOCUMENT_BYTES, what=what)
    if not data:
        raise InputError(f"the file is empty, not {what}", file=path)
    return data


class SafeZip:
    """A ZIP container checked before use: entry count, names, declared sizes, encryption."""

    def __init__(self, data: bytes, name: str | Path, what: str) -> None:
        self.name = name
        self.what = what
        self.read_total = 0
        if data.startswith(_OLE_MAGIC):
            raise InputError(
                f"is password-protected (encrypted) or an old binary Office file, not {what}; "
                "save it again without a password (or as .docx/.odt) and import that",
                file=name,
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise InputError(f"is damaged or not {what} (not a readable ZIP container)",
                             file=name) from None
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"has {len(infos)} parts, more than the {MAX_ENTRIES} any real "
                             f"{what} needs; refusing it", file=name)
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._check_entry(info)
            self.infos[info.filename] = info

    def _check_entry(self, info: zipfile.ZipInfo) -> None:
        entry = info.filename
        normal = posixpath.normpath(entry.replace("\\", "/"))
        if (entry.startswith(("/", "\\")) or normal.startswith("../") or normal == ".."
                or (len(entry) > 1 and entry[1] == ":") or "\x00" in entry):
            raise InputError(f"has a part named {entry[:80]!r} that points outside the "
                             "document (path traversal); refusing it", file=self.name)
        if info.flag_bits & 0x1:
            raise InputError("is password-protected (encrypted); save it again without a "
                             "password and import that", file=self.name)
        if info.file_size > MAX_ENTRY_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise InputError(f"has a part ({entry[:80]}) that expands to "
                             f"{info.file_size / (1024 * 1024):.0f} MB from "
                             f"{info.compress_size / 1024:.0f} KB (a zip bomb?); refusing it",
                             file=self.name)

    def has(self, entry: str) -> bool:
        return entry in self.infos

    def read(self, entry: str) -> bytes:
        """One part's bytes, never more than the limits whatever its header claims."""
        info = self.infos.get(entry)
        if info is None:
            raise InputError(f"is damaged: the part {entry[:80]!r} is missing", file=self.name)
        room = min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - self.read_total)
        try:
            with self.zip.open(info) as handle:
                data = handle.read(room + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
                RuntimeError) as error:
            raise InputError(f"is damaged: cannot read its part {entry[:80]!r} ({error})",
                             file=self.name) from None
        if len(data) > room or len(data) > MAX_RATIO * max(info.compress_size, 1) + 1024 * 1024:
            raise InputError(f"has a part ({entry[:80]}) that expands far beyond its stored "
                             "size (a zip bomb?); refusing it", file=self.name)
        self.read_total += len(data)
        return data

    def xml(self, entry: str) -> Element:
        """One part parsed as XML, with entity declarations and external references refused."""
        return parse_xml(self.read(entry), self.name, entry)

    def check_all_xml(self, suffixes: tuple[str, ...] = (".xml", ".rels")) -> None:
        """Parse every XML part with defusedxml: for libraries that parse the parts themselves
        (mammoth), so an entity bomb or an external entity is refused before they see it."""
        for entry in self.infos:
            if entry.lower().endswith(suffixes):
                self.xml(entry)


def parse_xml(data: bytes, name: str | Path, entry: str) -> Element:
    """`data` as an XML tree; DTD entity declarations and external references are refused."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    try:
        return safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                    forbid_external=True)
    except DefusedXmlException:
        raise InputError(f"its part {entry[:80]!r} declares XML entities or external "
                         "references (an entity bomb or a fetch); refusing it",
                         file=name) from None
    except safe_tree.ParseError as error:
        raise InputError(f"is damaged: its part {entry[:80]!r} is not well-formed XML "
                         f"({error})", file=name) from None


def local(tag: str) -> str:
    """`{namespace}name` -> `name`."""
    return tag.rsplit("}", 1)[-1]
