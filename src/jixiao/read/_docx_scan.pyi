# Type stub of the compiled .docx body scanner (_docx_scan.pyx): the same `scan` as _docx_scan_py.

from lxml import etree

from jixiao.read.document import Block

def scan(
    body: etree._Element, nested: dict[etree._Element, list[etree._Element]], *, first_pass: bool = False
) -> list[Block]: ...
