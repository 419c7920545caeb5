# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The .docx body scan in C: libxml2's nodes walked through lxml's public C API, without proxies.

The same state machine as the pure-Python scanner (`jixiao.read._docx_scan_py`, the fallback where
this module could not be compiled), read node for node: see that module for what each branch means.
Both must give identical `Document`s; tests/read/test_docx_scanners.py holds them to it. Here a node
costs a pointer walk and a few byte comparisons instead of a Python proxy and a `{namespace}name`
string, and the text of a paragraph or cell is gathered as UTF-8 bytes and decoded once.

Only libxml2's struct fields are read (no libxml2 function is called, so nothing is linked against
it); lxml's C API is used for nothing but the `_Element._c_node` of the nodes handed in.
"""

from cpython.mem cimport PyMem_Free, PyMem_Realloc
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport memcpy, strcmp, strlen

cimport lxml.includes.etreepublic as cetree
from lxml.includes.tree cimport (
    XML_CDATA_SECTION_NODE,
    XML_COMMENT_NODE,
    XML_DTD_NODE,
    XML_ELEMENT_NODE,
    XML_ENTITY_REF_NODE,
    XML_PI_NODE,
    XML_TEXT_NODE,
    XML_XINCLUDE_END,
    XML_XINCLUDE_START,
    xmlAttr,
    xmlNode,
    xmlNs,
)

from jixiao.read.document import Merge, Paragraph, Table
from jixiao.read.docx_tree import MAX_SPAN, SYMBOLS, NeedsPreparation

cetree.import_lxml__etree()

cdef Py_ssize_t MAX_SPAN_C = MAX_SPAN

cdef const char* W_HREF = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
cdef const char* MC_HREF = b"http://schemas.openxmlformats.org/markup-compatibility/2006"

# Tag codes. The scan tags first; from C_DEL on, the tags only the first pass looks for (what
# `prepare` acts on): meeting one of those stops the first pass.
cdef enum:
    C_OTHER = 0
    C_T
    C_P
    C_TBL
    C_TR
    C_TC
    C_GRID_BEFORE
    C_GRID_SPAN
    C_V_MERGE
    C_P_STYLE
    C_TAB
    C_BR
    C_CR
    C_SYM
    C_DEL
    C_MOVE_FROM
    C_INS
    C_MOVE_TO
    C_FALLBACK

cdef enum:
    NAME_CACHE = 64  # slots of the tag-name cache, a power of two

# w:vMerge values (the attribute missing or empty means "continue").
cdef enum:
    V_NONE = 0
    V_CONTINUE
    V_RESTART
    V_OTHER


cdef inline bint _is_element(xmlNode* node) noexcept nogil:
    """lxml's `_isElement`: the node types its iterators stop on."""
    return (
        node.type == XML_ELEMENT_NODE
        or node.type == XML_COMMENT_NODE
        or node.type == XML_ENTITY_REF_NODE
        or node.type == XML_PI_NODE
    )


cdef inline xmlNode* _element_from(xmlNode* node) noexcept nogil:
    """`node` or its first following sibling that lxml treats as an element."""
    while node is not NULL and not _is_element(node):
        node = node.next
    return node


cdef inline xmlNode* _following(xmlNode* top, xmlNode* node) noexcept nogil:
    """The next node after `node` in document order within `top` (lxml's depth-first `iter`)."""
    cdef xmlNode* following = node.children
    if following is not NULL:
        if node.type == XML_ENTITY_REF_NODE or node.type == XML_DTD_NODE:
            following = NULL
        else:
            following = _element_from(following)
    if following is NULL and node is not top:
        following = _element_from(node.next)
        while following is NULL:
            node = node.parent
            if node is NULL or node is top or not _is_element(node):
                break
            following = _element_from(node.next)
    return following


cdef inline xmlNode* _parent_element(xmlNode* node) noexcept nogil:
    """lxml's `getparent()`: the parent when it is an element, else NULL."""
    if node is NULL or not _is_element(node):
        return NULL
    node = node.parent
    if node is NULL or not _is_element(node):
        return NULL
    return node


cdef inline bint _is_w(xmlNode* node, const char* name) noexcept nogil:
    """True for an element `w:name`."""
    return (
        node.type == XML_ELEMENT_NODE
        and node.ns is not NULL
        and strcmp(<const char*>node.ns.href, W_HREF) == 0
        and strcmp(<const char*>node.name, name) == 0
    )


cdef object _attribute(xmlNode* node, const char* name):
    """The UTF-8 value of the attribute `w:name` as bytes, or None (lxml's `get`, no DTD defaults)."""
    cdef xmlAttr* attribute = node.properties
    cdef xmlNode* text
    while attribute is not NULL:
        if (
            attribute.ns is not NULL
            and strcmp(<const char*>attribute.name, name) == 0
            and strcmp(<const char*>attribute.ns.href, W_HREF) == 0
        ):
            value = b""
            text = attribute.children
            while text is not NULL:
                if text.type == XML_TEXT_NODE or text.type == XML_CDATA_SECTION_NODE:
                    value += <bytes>(<const char*>text.content)
                text = text.next
            return value
        attribute = attribute.next
    return None


cdef Py_ssize_t _int_value(xmlNode* node, Py_ssize_t default) except? -1:
    """`docx_tree.int_value`: w:val as a count bounded to [0, MAX_SPAN]; `default` when bad."""
    cdef bytes value = _attribute(node, b"val")
    cdef Py_ssize_t number = 0
    cdef Py_ssize_t length
    cdef unsigned char digit
    if not value:
        return min(max(default, 0), MAX_SPAN_C)
    length = len(value)
    if length <= 9:
        for digit in value:
            if digit < 48 or digit > 57:
                break
            number = number * 10 + (digit - 48)
        else:
            return min(number, MAX_SPAN_C)
    try:  # signs, spaces, underscores, other digits: exactly what int() accepts
        return min(max(int(value.decode()), 0), MAX_SPAN_C)
    except ValueError:
        return default


cdef int _w_code(const char* name, bint first_pass) noexcept:
    """The tag code of the WordprocessingML element `name`."""
    if name[0] == b"t":
        if name[1] == 0:
            return C_T
        if strcmp(name, b"tc") == 0:
            return C_TC
        if strcmp(name, b"tr") == 0:
            return C_TR
        if strcmp(name, b"tbl") == 0:
            return C_TBL
        if strcmp(name, b"tab") == 0:
            return C_TAB
    elif name[0] == b"p":
        if name[1] == 0:
            return C_P
        if strcmp(name, b"pStyle") == 0:
            return C_P_STYLE
    elif name[0] == b"g":
        if strcmp(name, b"gridSpan") == 0:
            return C_GRID_SPAN
        if strcmp(name, b"gridBefore") == 0:
            return C_GRID_BEFORE
    elif name[0] == b"v":
        if strcmp(name, b"vMerge") == 0:
            return C_V_MERGE
    elif name[0] == b"b":
        if strcmp(name, b"br") == 0:
            return C_BR
    elif name[0] == b"c":
        if strcmp(name, b"cr") == 0:
            return C_CR
    elif name[0] == b"s":
        if strcmp(name, b"sym") == 0:
            return C_SYM
    elif first_pass:
        if strcmp(name, b"del") == 0:
            return C_DEL
        if strcmp(name, b"ins") == 0:
            return C_INS
        if strcmp(name, b"moveFrom") == 0:
            return C_MOVE_FROM
        if strcmp(name, b"moveTo") == 0:
            return C_MOVE_TO
    return C_OTHER


cdef class _Grid:
    """`docx_tree.GridBuilder`: place cells on the grid as they are scanned, with running vMerges."""

    cdef list grid
    cdef list merges
    cdef dict open_vertical
    cdef dict still_open
    cdef list row  # None until the first row starts

    def __cinit__(self):
        self.grid = []
        self.merges = []
        self.open_vertical = {}
        self.still_open = {}
        self.row = None

    cdef int start_row(self) except -1:
        if self.row is not None:
            self.grid.append(self.row)
            self.open_vertical = self.still_open
        self.row = []
        self.still_open = {}
        return 0

    cdef int add_cell(self, str text, Py_ssize_t span, int vertical) except -1:
        cdef list row = self.row if self.row is not None else []
        cdef Py_ssize_t column = len(row)
        cdef Py_ssize_t row_number = len(self.grid)
        cdef Py_ssize_t i
        cdef list merge
        if vertical == V_CONTINUE and column in self.open_vertical:
            merge_at = self.open_vertical[column]
            merge = self.merges[merge_at]
            merge[2] = row_number
            self.still_open[column] = merge_at
            for i in range(span):
                row.append(None)
            return 0
        row.append(text)
        for i in range(span - 1):
            row.append(None)
        if vertical == V_RESTART or span > 1:
            self.merges.append([row_number, column, row_number, column + span - 1])
            if vertical == V_RESTART:
                self.still_open[column] = len(self.merges) - 1
        return 0

    cdef object build(self, Py_ssize_t index, Py_ssize_t width):
        cdef list row
        cdef list merge
        cdef Py_ssize_t i
        self.start_row()
        for row in self.grid:
            if len(row) > width:
                width = len(row)
        rows = []
        for row in self.grid:
            for i in range(width - len(row)):
                row.append(None)
            rows.append(tuple(row))
        merges = [
            Merge(merge[0], merge[1], merge[2], merge[3])
            for merge in self.merges
            if merge[0] != merge[2] or merge[1] != merge[3]
        ]
        return Table(index=index, grid=tuple(rows), merges=tuple(merges))


cdef class _Scanner:
    """The blocks read so far, the numbering, and the text buffer of the current paragraph or cell."""

    cdef list blocks
    cdef Py_ssize_t paragraph_count
    cdef Py_ssize_t table_count
    cdef bint first_pass
    cdef dict nested  # address of a table's node -> the tables `prepare` detached from it
    cdef char* text
    cdef Py_ssize_t length
    cdef Py_ssize_t capacity
    cdef xmlNs* w_ns  # the last namespace seen to be WordprocessingML, and the last one that is not
    cdef xmlNs* other_ns
    cdef const char* cached_names[NAME_CACHE]  # see `_code`
    cdef unsigned char cached_codes[NAME_CACHE]
    cdef xmlNode** top  # the top-level blocks of the body
    cdef Py_ssize_t top_count
    cdef Py_ssize_t top_capacity

    def __cinit__(self):
        self.blocks = []
        self.nested = {}

    def __dealloc__(self):
        PyMem_Free(self.text)
        PyMem_Free(self.top)

    # --- tags -------------------------------------------------------------------------------------

    cdef inline bint _in_w(self, xmlNode* node) noexcept:
        cdef xmlNs* ns = node.ns
        if ns is self.w_ns:
            return True
        if ns is self.other_ns:
            return False
        if strcmp(<const char*>ns.href, W_HREF) == 0:
            self.w_ns = ns
            return True
        self.other_ns = ns
        return False

    cdef inline int _code(self, xmlNode* node) noexcept:
        """The tag code of an element this pass looks at, else C_OTHER.

        Parsed names are interned in libxml2's dictionary, so a name's address is looked up in a
        small cache first; any other address (a miss or a name not interned) is compared in full.
        """
        cdef const char* name = <const char*>node.name
        cdef size_t slot
        cdef int code
        if node.type != XML_ELEMENT_NODE or node.ns is NULL:
            return C_OTHER
        if not self._in_w(node):
            if self.first_pass and name[0] == b"F" and strcmp(name, b"Fallback") == 0:
                if strcmp(<const char*>node.ns.href, MC_HREF) == 0:
                    return C_FALLBACK
            return C_OTHER
        slot = ((<size_t>name >> 4) ^ (<size_t>name >> 10)) & (NAME_CACHE - 1)
        if self.cached_names[slot] is name:
            return self.cached_codes[slot]
        code = _w_code(name, self.first_pass)
        self.cached_names[slot] = name
        self.cached_codes[slot] = code
        return code

    cdef inline bint _stops(self, int code) noexcept:
        """First pass: something `prepare` must handle, or a table that is not a top-level block."""
        return code >= C_DEL or (code == C_TBL and self.first_pass)

    # --- text -------------------------------------------------------------------------------------

    cdef int _append(self, const char* data, Py_ssize_t size) except -1:
        cdef Py_ssize_t needed = self.length + size
        cdef char* grown
        if needed > self.capacity:
            self.capacity = max(needed, 2 * self.capacity, 256)
            grown = <char*>PyMem_Realloc(self.text, self.capacity)
            if grown is NULL:
                raise MemoryError
            self.text = grown
        memcpy(self.text + self.length, data, size)
        self.length = needed
        return 0

    cdef int _append_text(self, xmlNode* node) except -1:
        """Add a w:t's text: its leading text and CDATA nodes (lxml's `.text`)."""
        cdef xmlNode* child = node.children
        while child is not NULL:
            if child.type == XML_TEXT_NODE or child.type == XML_CDATA_SECTION_NODE:
                self._append(<const char*>child.content, strlen(<const char*>child.content))
            elif child.type != XML_XINCLUDE_START and child.type != XML_XINCLUDE_END:
                break
            child = child.next
        return 0

    cdef int _append_special(self, xmlNode* node, int code) except -1:
        """Add the text of a w:tab, w:br, w:cr or w:sym (a tab stop in w:tabs is not text).

        Anything else that reaches here (a table inside a table on the second pass) reads as a break,
        as `special_text` does in the pure-Python scanner.
        """
        cdef xmlNode* parent
        if code == C_TAB:
            parent = _parent_element(node)
            if parent is NULL or not _is_w(parent, b"tabs"):
                self._append(b"\t", 1)
        elif code == C_SYM:
            value = _attribute(node, b"char")
            symbol = SYMBOLS.get(value.decode().upper() if value else "", "").encode()
            self._append(symbol, len(symbol))
        else:
            self._append(b"\n", 1)
        return 0

    cdef str _take_text(self):
        """The gathered text without trailing line breaks; the buffer is emptied."""
        cdef Py_ssize_t length = self.length
        self.length = 0
        while length > 0 and self.text[length - 1] == b"\n":
            length -= 1
        if length == 0:
            return ""
        return PyUnicode_DecodeUTF8(self.text, length, NULL)

    # --- blocks -----------------------------------------------------------------------------------

    cdef int _add_top(self, xmlNode* node) except -1:
        cdef xmlNode** grown
        if self.top_count == self.top_capacity:
            self.top_capacity = max(64, 2 * self.top_capacity)
            grown = <xmlNode**>PyMem_Realloc(self.top, self.top_capacity * sizeof(xmlNode*))
            if grown is NULL:
                raise MemoryError
            self.top = grown
        self.top[self.top_count] = node
        self.top_count += 1
        return 0

    cdef int _collect_top(self, xmlNode* parent) except -1:
        """`docx_tree.children(parent, P, TBL)`: paragraphs and tables, through sdt and customXml."""
        cdef xmlNode* child = parent.children
        cdef xmlNode* content
        while child is not NULL:
            if _is_w(child, b"p") or _is_w(child, b"tbl"):
                self._add_top(child)
            elif _is_w(child, b"sdt"):
                content = child.children
                while content is not NULL and not _is_w(content, b"sdtContent"):
                    content = content.next
                if content is not NULL:
                    self._collect_top(content)
            elif _is_w(child, b"customXml"):
                self._collect_top(child)
            child = child.next
        return 0

    cdef int run(self, xmlNode* root, bint whole_body) except -1:  # noqa
        """Scan `root`: the body (`whole_body`) or a detached nested table, its only block."""
        cdef xmlNode** top
        cdef Py_ssize_t top_count, upcoming_at = 0
        cdef xmlNode* upcoming
        cdef xmlNode* current = NULL
        cdef xmlNode* node = root
        cdef xmlNode* properties
        cdef _Grid builder = None
        cdef object style = None
        cdef bint in_cell = False, first_paragraph = True
        cdef Py_ssize_t span = 1, count
        cdef int vertical = V_NONE, code
        if whole_body:
            self.top_count = 0
            self._collect_top(root)
            top, top_count = self.top, self.top_count
        else:
            top, top_count = &root, 1
        upcoming = top[0] if top_count else NULL
        while node is not NULL:
            code = self._code(node)
            if code == C_OTHER:
                pass
            elif code == C_T:  # the commonest node, and never a block
                self._append_text(node)
            elif node is upcoming:
                if current is not NULL:
                    self._finish(current, builder, style, in_cell, span, vertical)
                current = node
                upcoming_at += 1
                upcoming = top[upcoming_at] if upcoming_at < top_count else NULL
                builder = _Grid() if code == C_TBL else None
                self.length, style, in_cell, first_paragraph = 0, None, False, True
                span, vertical = 1, V_NONE
            elif builder is None:  # in a paragraph (or not yet in a block)
                if self._stops(code):
                    raise NeedsPreparation
                if C_TAB <= code <= C_SYM:
                    self._append_special(node, code)
                elif code == C_P_STYLE:
                    if style is None:
                        properties = _parent_element(node)  # w:pPr; a text box's paragraphs have their own
                        if properties is not NULL and _parent_element(properties) is current:
                            value = _attribute(node, b"val")
                            style = value.decode() if value else ""
                elif code == C_P:  # a text box's paragraph: styles after this are not the paragraph's
                    if style is None:
                        style = ""
            elif code == C_P:
                if first_paragraph:
                    first_paragraph = False
                else:
                    self._append(b"\n", 1)
            elif code == C_TC or code == C_TR:
                if in_cell:
                    builder.add_cell(self._take_text(), span, vertical)
                if code == C_TR:
                    builder.start_row()
                    in_cell = False
                else:
                    in_cell = True
                self.length, first_paragraph, span, vertical = 0, True, 1, V_NONE
            elif code != C_P_STYLE:
                if self._stops(code):
                    raise NeedsPreparation
                if code == C_GRID_SPAN:
                    span = max(_int_value(node, 1), 1)
                elif code == C_V_MERGE:
                    vertical = _vertical(_attribute(node, b"val"))
                elif code == C_GRID_BEFORE:
                    if builder.row is not None:
                        for count in range(_int_value(node, 0)):
                            builder.row.append(None)
                else:
                    self._append_special(node, code)
            node = _following(root, node)
        if current is not NULL:
            self._finish(current, builder, style, in_cell, span, vertical)
        return 0

    cdef int _finish(
        self, xmlNode* block, _Grid builder, object style, bint in_cell, Py_ssize_t span, int vertical
    ) except -1:
        """Emit the block just read; after a table, the tables nested in it (depth first)."""
        cdef xmlNode* child
        cdef Py_ssize_t width = 0
        if builder is None:
            self.paragraph_count += 1
            text = self._take_text()
            if text and not text.isspace():
                self.blocks.append(Paragraph(self.paragraph_count, text, style or ""))
            return 0
        if in_cell:
            builder.add_cell(self._take_text(), span, vertical)
        child = block.children
        while child is not NULL and not _is_w(child, b"tblGrid"):
            child = child.next
        if child is not NULL:
            child = child.children
            while child is not NULL:
                if _is_w(child, b"gridCol"):
                    width += 1
                child = child.next
        self.table_count += 1
        self.blocks.append(builder.build(self.table_count, width))
        if self.nested:
            for table in self.nested.get(<size_t>block, ()):
                self.run((<cetree._Element?>table)._c_node, False)
        return 0


cdef inline int _vertical(bytes value) noexcept:
    if not value or value == b"continue":
        return V_CONTINUE
    if value == b"restart":
        return V_RESTART
    return V_OTHER


def scan(body, nested, *, first_pass=False):
    """Return the blocks of `body` (an lxml `w:body`); see `jixiao.read._docx_scan_py.scan`."""
    cdef _Scanner scanner = _Scanner()
    cdef cetree._Element element = body
    scanner.first_pass = first_pass
    for table, children in nested.items():
        scanner.nested[<size_t>(<cetree._Element?>table)._c_node] = children
    scanner.run(element._c_node, True)
    return scanner.blocks
