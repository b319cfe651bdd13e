#!/usr/bin/env python3
"""Generate the provider table: the outbound resources of the Genesys Cloud Terraform provider,
at every release, in one versioned JSON file (`schemas/provider/genesyscloud.json`).

What it reads: a local git clone of MyPureCloud/terraform-provider-genesyscloud with its tags. A
release is every tag `vX.Y.Z` (numbers only) from 1.0.0 on, minus the tags listed in
`excluded-tags.txt` next to this script (test tags of a release pipeline, a stray snapshot). At each
release it reads, straight from git objects (one `git cat-file --batch` process, no checkout):

- the generated docs `docs/resources/outbound_*.md` (tfplugindocs: `### Required`, `### Optional`,
  `### Read-Only`, `### Nested Schema for `a.b``), which give each resource's attributes and nested
  blocks, required/optional/computed, block or not, and deprecation markers;
- the Go schema of the outbound resources (`genesyscloud/outbound*/` packages, or the older
  `genesyscloud/*outbound*.go` files of the root package, and `provider.go` for old registrations),
  evaluated just enough to rebuild each registered resource's schema tree: it gives the value sets
  the docs omit (`validation.StringInSlice([]string{...}, ...)`, on the attribute or on a list's
  element), the resource's own deprecation message, and a second opinion on everything else.

Docs and Go decide together (the Go tree is what Terraform runs; the docs are generated from it
when a release is made, and are the primary source):

- Resource presence: a type is present at a release when its doc page exists or the Go code
  registers it as a resource. Where only the Go code has it (a doc page missing for a release),
  the Go tree stands in for the docs at that release, and `--verbose` says so. (No release from
  1.0.0 to 1.84.1 needs this: no doc page vanishes for a release.)
- Attributes, required/optional/computed, blocks, deprecation of attributes: from the docs; the Go
  tree is compared at every release and every disagreement is printed with `--verbose`. An
  attribute that only the Go tree has is present, taken from Go: the docs lag the code (the one
  case up to 1.84.1: v1.77.4 registers the messaging campaign's `whats_app_config`, whose docs
  come with v1.78.0). An attribute that only the docs have is kept (none up to 1.84.1).
- Enum values: the Go validator when the attribute has one at that release; otherwise a docs
  sentence `Valid values: a, b, c.` when every value is a plain word. An attribute with no known
  value set at a release accepts any value there, so each value's `present` ranges also cover the
  releases where the attribute exists without a value set: `present` says where the provider
  accepts the value.
- Resource deprecation: the doc page (`subcategory: "Deprecated"` or a `[DEPRECATED]`
  description) or the Go `DeprecationMessage`; the message is the Go one at the newest release.

What it writes: `schemas/provider/genesyscloud.json` (or `--out`), deterministic (keys in a fixed
order, attributes and values sorted, one space of indent with ranges and short lists on one line,
newline at end). Ranges are half-open
`[since, until)` over the releases read: `until` is the first release without the property, `null`
when the newest release still has it. `--summary` prints the number of changes, `--verbose` every
docs/Go disagreement.

To refresh for a new release (fetch the new tags into the clone first, `git fetch --tags`):

    python3 schemas/provider/generate.py PATH_TO_PROVIDER_CLONE

A new tag that is not a release goes into `excluded-tags.txt` with its reason. Standard library
only, Python 3.8+ and git. The test is `python3 schemas/provider/test_generate.py`.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

SOURCE = "MyPureCloud/terraform-provider-genesyscloud"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "genesyscloud.json")
DEFAULT_EXCLUDED = os.path.join(HERE, "excluded-tags.txt")

# The resources the table describes attribute by attribute; every other `genesyscloud_outbound_*`
# type is recorded in `types` with its presence only.
RESOURCES = [
    "genesyscloud_outbound_callabletimeset",
    "genesyscloud_outbound_campaign",
    "genesyscloud_outbound_contact_list",
    "genesyscloud_outbound_contact_list_contact",
    "genesyscloud_outbound_contact_list_template",
    "genesyscloud_outbound_contactlistfilter",
    "genesyscloud_outbound_digitalruleset",
    "genesyscloud_outbound_dnclist",
    "genesyscloud_outbound_messagingcampaign",
    "genesyscloud_outbound_ruleset",
]
TYPE_PREFIX = "genesyscloud_outbound_"
TAG_RE = re.compile(r"^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
LOOSE_TAG_RE = re.compile(r"^v[0-9]+\.[0-9]+\.[0-9]+$")
MIN_VERSION = (1, 0, 0)
MODULE_MARK = "terraform-provider-genesyscloud/"

ABOUT = (
    "The outbound resources of the Genesys Cloud Terraform provider at every release listed in "
    "`versions`: for each resource type, each attribute and nested block, the releases that have "
    "it, where it is required or computed (read-only), its deprecation and its known values. "
    "Ranges are half-open [since, until) over `versions`; until null means the newest release "
    "still has it. `types` lists every genesyscloud_outbound_* resource type with the releases "
    "that have it. An enum value's ranges are the releases that accept it (a release where the "
    "attribute has no known value set accepts every value). Generated by "
    "schemas/provider/generate.py from the docs (docs/resources/outbound_*.md) and Go schema "
    "(validators) of MyPureCloud/terraform-provider-genesyscloud at each release tag; do not edit, "
    "run the script again."
)


def log(*args):
    print(*args, file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Versions and tags


def parse_version(tag):
    """`v1.2.3` -> (1, 2, 3); None for anything else (`v1.020.9` has a leading zero: None)."""
    m = TAG_RE.match(tag)
    return tuple(int(g) for g in m.groups()) if m else None


def vstr(v):
    return "%d.%d.%d" % v


def read_excluded(path):
    """The excluded tags: one per line, `#` starts a comment."""
    tags = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                tags.append(line)
    return tags


def select_releases(tags, excluded):
    """(releases as [(version, tag)] ascending, excluded tags that exist, unexplained tags).

    A `vX.Y.Z` tag that is neither a clean version nor excluded is an error for the caller: a
    naive parse would read `v1.020.9` as 1.20.9."""
    excluded = set(excluded)
    releases, seen, unexplained = [], {}, []
    for tag in tags:
        if not LOOSE_TAG_RE.match(tag):
            continue
        if tag in excluded:
            continue
        v = parse_version(tag)
        if v is None:
            unexplained.append(tag)
            continue
        if v < MIN_VERSION:
            continue
        if v in seen:
            unexplained.append(tag)
            continue
        seen[v] = tag
        releases.append((v, tag))
    releases.sort()
    present_excluded = sorted((t for t in tags if t in excluded), key=tag_sort_key)
    return releases, present_excluded, unexplained


def tag_sort_key(tag):
    parts = re.findall(r"\d+|\D+", tag)
    return [(0, int(p), p) if p.isdigit() else (1, 0, p) for p in parts]


# --------------------------------------------------------------------------------------------
# Git objects through one `git cat-file --batch`


def is_dir(mode):
    """A tree entry's mode: `40000` in tree objects (`040000` as ls-tree prints it)."""
    return mode.lstrip("0") == "40000"


class Git:
    def __init__(self, repo):
        self.repo = repo
        self.proc = subprocess.Popen(
            ["git", "-C", repo, "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.cache = {}

    def tags(self):
        out = subprocess.run(
            ["git", "-C", self.repo, "tag", "--list"],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout.decode("utf-8")
        return [t for t in out.splitlines() if t]

    def get(self, spec):
        """(type, bytes, object id) of `spec` (an object id or `rev:path`), or None if missing."""
        if spec in self.cache:
            return self.cache[spec]
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode("utf-8").rstrip("\n")
        parts = header.split(" ")
        if len(parts) != 3 or parts[1] not in ("blob", "tree", "commit", "tag"):
            result = None
        else:
            oid, kind, size = parts[0], parts[1], int(parts[2])
            data = self.proc.stdout.read(size)
            self.proc.stdout.read(1)
            result = (kind, data, oid)
        if len(self.cache) < 200000 and re.match(r"^[0-9a-f]{40,64}$", spec):
            self.cache[spec] = result
        return result

    def tree(self, spec):
        """{name: (mode, object id)} of a tree, or {} if it does not exist."""
        got = self.get(spec)
        if got is None or got[0] != "tree":
            return {}
        data, oid = got[1], got[2]
        hash_len = len(oid) // 2
        entries, i = {}, 0
        while i < len(data):
            sp = data.index(b" ", i)
            nul = data.index(b"\0", sp)
            mode = data[i:sp].decode()
            name = data[sp + 1 : nul].decode("utf-8", "replace")
            sha = data[nul + 1 : nul + 1 + hash_len].hex()
            entries[name] = (mode, sha)
            i = nul + 1 + hash_len
        return entries

    def blob_text(self, oid):
        got = self.get(oid)
        if got is None or got[0] != "blob":
            return None
        return got[1].decode("utf-8", "replace")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


# --------------------------------------------------------------------------------------------
# The docs (tfplugindocs)

ENTRY_RE = re.compile(r"^- `([^`]+)` \(([^)]*)\)\s?(.*)$")
NESTED_RE = re.compile(r"^### Nested Schema for `([^`]+)`")
VALID_VALUES_RE = re.compile(r"Valid values:\s*(.*?)(?:\.\s|\.$|$)")
WORD_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
REPLACEMENT_RES = [
    re.compile(r"[Uu]se `([A-Za-z0-9_.]+)`(?: attribute| field)? instead"),
    re.compile(r"[Uu]se ([a-z0-9_]+) instead"),
    re.compile(r"[Rr]eplaced by `([A-Za-z0-9_.]+)`"),
]


def new_node(kind, block, deprecated=None, enum=None, desc=""):
    """One attribute at one release: kind is required, optional or computed."""
    return {
        "kind": kind,
        "block": block,
        "deprecated": deprecated,
        "enum": enum,
        "desc": desc,
        "children": {},
    }


def docs_valid_values(desc):
    """The values of a `Valid values: a, b, c.` sentence, or None when they are not plain words."""
    m = VALID_VALUES_RE.search(desc)
    if not m:
        return None
    text = m.group(1).strip().rstrip(".")
    items = [p.strip() for p in re.split(r",|\bor\b|\band\b", text)]
    items = [p for p in items if p]
    if len(items) < 2 or not all(WORD_RE.match(p) for p in items):
        return None
    return sorted(set(items))


def parse_doc(text):
    """A doc page -> (type name, {"deprecated": message or None, "tree": {name: node}})."""
    name = None
    m = re.search(r"^# (genesyscloud_[a-z0-9_]+) \(Resource\)", text, re.M)
    if m:
        name = m.group(1)
    else:
        m = re.search(r'^page_title:\s*"(genesyscloud_[a-z0-9_]+) Resource', text, re.M)
        if m:
            name = m.group(1)
    deprecated = None
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    if re.search(r'^subcategory:\s*"Deprecated"', front, re.M) or re.search(
        r"^\s*\[DEPRECATED\]", text.split("## Schema", 1)[0], re.M
    ):
        m = re.search(r"^(The `[a-z0-9_]+` resource is deprecated.*)$", text, re.M)
        deprecated = m.group(1).strip() if m else "deprecated"
    tree = {}
    lines = text.split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.strip() == "## Schema")
    except StopIteration:
        return name, {"deprecated": deprecated, "tree": tree, "schema": False}
    path, kind, last = (), None, None
    for raw in lines[start + 1 :]:
        line = raw.rstrip()
        stripped = line.strip()
        if line.startswith("## "):
            break
        if stripped == "### Required":
            path, kind, last = (), "required", None
        elif stripped == "### Optional":
            path, kind, last = (), "optional", None
        elif stripped == "### Read-Only":
            path, kind, last = (), "computed", None
        elif NESTED_RE.match(stripped):
            path, kind, last = tuple(NESTED_RE.match(stripped).group(1).split(".")), None, None
        elif stripped in ("Required:", "Optional:", "Read-Only:"):
            kind = {"Required:": "required", "Optional:": "optional", "Read-Only:": "computed"}[
                stripped
            ]
            last = None
        elif line.startswith("- `"):
            m = ENTRY_RE.match(line)
            if not m or kind is None:
                raise ValueError("unreadable docs entry: %r" % line)
            attr, typ, desc = m.group(1), m.group(2), m.group(3)
            parts = [p.strip() for p in typ.split(",")]
            block = parts[0].startswith("Block")
            dep = None
            if "Deprecated" in parts:
                dm = re.search(r"\*DEPRECATED: (.*?)\*", desc)
                dep = dm.group(1).strip() if dm else "deprecated"
            node = new_node(kind, block, deprecated=dep, desc=desc)
            parent = tree
            for p in path:
                parent = parent.setdefault(p, new_node("optional", True))["children"]
            parent[attr] = node
            last = node
        elif stripped.startswith("<a id=") or not stripped:
            continue
        elif last is not None:
            last["desc"] += " " + stripped  # a description continued on the next line
    finish_docs_enums(tree)
    return name, {"deprecated": deprecated, "tree": tree, "schema": True}


def finish_docs_enums(tree):
    for node in tree.values():
        if not node["block"]:
            node["enum"] = docs_valid_values(node["desc"])
        finish_docs_enums(node["children"])


def replacement_of(message):
    if not message:
        return None
    for rx in REPLACEMENT_RES:
        m = rx.search(message)
        if m:
            return m.group(1)
    return None


# --------------------------------------------------------------------------------------------
# Go: a tokenizer, an expression parser and an evaluator of schema literals. Only what schema
# definitions use is understood; anything else evaluates to None.

GO_TOKEN_RE = re.compile(
    r"""
    (?P<nl>\n)
  | (?P<ws>[ \t\r\f\v]+)
  | (?P<lc>//[^\n]*)
  | (?P<bc>/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:\\.|[^"\\\n])*")
  | (?P<rune>'(?:\\.|[^'\\\n])+')
  | (?P<num>\.?[0-9](?:[0-9a-zA-Z_.]|[eEpP][+-])*)
  | (?P<id>[^\W\d]\w*)
  | (?P<op>\.\.\.|&\^=|<<=|>>=|:=|&&|\|\||<-|==|!=|<=|>=|<<|>>|&\^|\+\+|--|[-+*/%&|^]=
          |[-+*/%&|^<>=!(){}\[\],;.:~])
  | (?P<bad>.)
""",
    re.S | re.X,
)
GO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "a": "\a",
              "b": "\b", "f": "\f", "v": "\v"}


class Tok:
    __slots__ = ("kind", "text")

    def __init__(self, kind, text):
        self.kind = kind
        self.text = text

    def __repr__(self):
        return "%s:%s" % (self.kind, self.text)


def go_unquote(s):
    if s.startswith("`"):
        return s[1:-1].replace("\r", "")
    body = s[1:-1]
    return re.sub(
        r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)",
        lambda m: _go_escape(m.group(1)),
        body,
    )


def _go_escape(e):
    if e[0] in "xuU":
        return chr(int(e[1:], 16))
    if e[0].isdigit():
        return chr(int(e, 8))
    return GO_ESCAPES.get(e, e)


def go_tokens(src):
    """Tokens with Go's automatic semicolons: a newline after an identifier or keyword, a
    literal, `)`, `]`, `}`, `++` or `--` ends a statement."""
    toks = []

    def needs_semi():
        if not toks:
            return False
        t = toks[-1]
        if t.kind in ("id", "str", "num", "rune"):
            return True
        return t.kind == "op" and t.text in (")", "]", "}", "++", "--")

    for m in GO_TOKEN_RE.finditer(src):
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "nl" or (kind == "bc" and "\n" in text):
            if needs_semi():
                toks.append(Tok("op", ";"))
            continue
        if kind in ("ws", "lc", "bc"):
            continue
        if kind == "raw":
            toks.append(Tok("str", go_unquote(text)))
        elif kind == "str":
            toks.append(Tok("str", go_unquote(text)))
        else:
            toks.append(Tok(kind, text))
    if needs_semi():
        toks.append(Tok("op", ";"))
    return toks


class GoParseError(Exception):
    pass


KEYWORDS_NOT_EXPR = {"if", "for", "switch", "select", "go", "defer", "return", "break",
                     "continue", "goto", "fallthrough", "case", "default", "var", "const",
                     "type", "package", "import", "else", "range"}


class Parser:
    """Expressions of Go: enough for composite literals, calls, selectors and constants."""

    def __init__(self, toks, pos=0):
        self.t = toks
        self.i = pos

    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else Tok("eof", "")

    def at(self, text, k=0):
        t = self.peek(k)
        return t.kind == "op" and t.text == text

    def next(self):
        t = self.peek()
        self.i += 1
        return t

    def expect(self, text):
        t = self.next()
        if t.kind != "op" or t.text != text:
            raise GoParseError("expected %r, got %r" % (text, t))

    def skip_balanced(self):
        """Skip from an opening bracket to after its closing one."""
        open_ = self.next().text
        close = {"(": ")", "[": "]", "{": "}"}[open_]
        depth = 1
        while depth:
            t = self.next()
            if t.kind == "eof":
                raise GoParseError("unbalanced")
            if t.kind == "op":
                if t.text in ("(", "[", "{"):
                    depth += 1
                elif t.text in (")", "]", "}"):
                    depth -= 1

    # Types -----------------------------------------------------------------------------------
    def parse_type(self):
        t = self.peek()
        if t.kind == "op" and t.text == "*":
            self.next()
            return "*" + self.parse_type()
        if t.kind == "op" and t.text == "[":
            self.next()
            if self.at("]"):
                self.next()
                return "[]" + self.parse_type()
            depth = 1
            while depth:
                x = self.next()
                if x.kind == "eof":
                    raise GoParseError("unbalanced type")
                if x.kind == "op" and x.text == "[":
                    depth += 1
                elif x.kind == "op" and x.text == "]":
                    depth -= 1
            return "[N]" + self.parse_type()
        if t.kind == "op" and t.text == "(":
            self.next()
            inner = self.parse_type()
            self.expect(")")
            return inner
        if t.kind == "id" and t.text == "map":
            self.next()
            self.expect("[")
            k = self.parse_type()
            self.expect("]")
            return "map[%s]%s" % (k, self.parse_type())
        if t.kind == "id" and t.text == "chan":
            self.next()
            return "chan " + self.parse_type()
        if t.kind == "id" and t.text in ("struct", "interface"):
            self.next()
            if self.at("{"):
                self.skip_balanced()
            return t.text + "{}"
        if t.kind == "id" and t.text == "func":
            self.next()
            if self.at("("):
                self.skip_balanced()
            self.skip_results()
            return "func"
        if t.kind == "id":
            self.next()
            name = t.text
            while self.at(".") and self.peek(1).kind == "id":
                self.next()
                name += "." + self.next().text
            if self.at("["):  # generic instantiation
                self.skip_balanced()
            return name
        raise GoParseError("not a type: %r" % (t,))

    def skip_results(self):
        """Skip a function's result list or type (up to the body's `{` or the end)."""
        if self.at("("):
            self.skip_balanced()
            return
        t = self.peek()
        if t.kind == "id" or (t.kind == "op" and t.text in ("*", "[")):
            self.parse_type()

    # Expressions -----------------------------------------------------------------------------
    BINARY = {"||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "|", "^", "*", "/", "%",
              "<<", ">>", "&", "&^"}

    def parse_expr(self):
        left = self.parse_unary()
        while self.peek().kind == "op" and self.peek().text in self.BINARY:
            op = self.next().text
            right = self.parse_unary()
            left = ("binop", op, left, right)
        return left

    def parse_unary(self):
        t = self.peek()
        if t.kind == "op" and t.text in ("&", "*", "-", "+", "!", "^", "<-"):
            self.next()
            return ("unary", t.text, self.parse_unary())
        return self.parse_postfix(self.parse_operand())

    def parse_operand(self):
        t = self.peek()
        if t.kind == "str":
            self.next()
            return ("str", t.text)
        if t.kind == "num":
            self.next()
            return ("num", t.text)
        if t.kind == "rune":
            self.next()
            return ("rune", t.text)
        if t.kind == "op" and t.text == "(":
            self.next()
            e = self.parse_expr()
            self.expect(")")
            return e
        if t.kind == "op" and t.text == "{":
            return ("composite", None, self.parse_elements())
        if t.kind == "op" and t.text == "[":
            typ = self.parse_type()
            if self.at("{"):
                return ("composite", typ, self.parse_elements())
            return ("type", typ)
        if t.kind == "id" and t.text == "func":
            self.next()
            if self.at("("):
                self.skip_balanced()
            self.skip_results()
            if self.at("{"):
                self.skip_balanced()
                return ("funclit",)
            return ("type", "func")
        if t.kind == "id" and t.text in ("map", "struct", "interface", "chan"):
            typ = self.parse_type()
            if self.at("{"):
                return ("composite", typ, self.parse_elements())
            return ("type", typ)
        if t.kind == "id" and t.text not in KEYWORDS_NOT_EXPR:
            self.next()
            return ("ident", t.text)
        raise GoParseError("not an expression: %r" % (t,))

    def parse_postfix(self, x):
        while True:
            if self.at("."):
                self.next()
                if self.at("("):  # type assertion
                    self.next()
                    self.parse_type()
                    self.expect(")")
                    continue
                name = self.next()
                if name.kind != "id":
                    raise GoParseError("bad selector")
                if x[0] == "ident":
                    x = ("ident", x[1] + "." + name.text)
                else:
                    x = ("select", x, name.text)
            elif self.at("("):
                self.next()
                args = []
                while not self.at(")"):
                    args.append(self.parse_expr())
                    if self.at("..."):
                        self.next()
                    if self.at(","):
                        self.next()
                    elif not self.at(")"):
                        raise GoParseError("bad call arguments")
                self.next()
                x = ("call", x, args)
            elif self.at("["):
                self.skip_balanced()
                x = ("index", x)
            elif self.at("{") and x[0] == "ident":
                x = ("composite", x[1], self.parse_elements())
            else:
                return x

    def parse_elements(self):
        self.expect("{")
        elems = []
        while True:
            while self.at(";"):
                self.next()
            if self.at("}"):
                self.next()
                return elems
            if self.at("{"):
                first = ("composite", None, self.parse_elements())
            else:
                first = self.parse_expr()
            if self.at(":"):
                self.next()
                if self.at("{"):
                    value = ("composite", None, self.parse_elements())
                else:
                    value = self.parse_expr()
                elems.append((first, value))
            else:
                elems.append((None, first))
            while self.at(";"):
                self.next()
            if self.at(","):
                self.next()
            elif not self.at("}"):
                raise GoParseError("bad composite literal at %r" % (self.peek(),))


class GoFunc:
    def __init__(self, name, params, toks, body_start, body_end):
        self.name = name
        self.params = params
        self.toks = toks
        self.body = (body_start, body_end)
        self._scanned = None

    def scan(self):
        """(locals {name: expr}, the last return expression at the body's top level)."""
        if self._scanned is not None:
            return self._scanned
        locals_, last_return = {}, None
        toks = self.toks
        i, end = self.body[0] + 1, self.body[1]
        depth = 1
        stmt_start = True
        while i < end:
            t = toks[i]
            if t.kind == "op" and t.text in ("{", "(", "["):
                depth += 1
                stmt_start = t.text == "{"
                i += 1
                continue
            if t.kind == "op" and t.text in ("}", ")", "]"):
                depth -= 1
                stmt_start = t.text == "}"
                i += 1
                continue
            if t.kind == "op" and t.text == ";":
                stmt_start = True
                i += 1
                continue
            if stmt_start and depth == 1:
                if t.kind == "id" and t.text == "return":
                    p = Parser(toks, i + 1)
                    try:
                        last_return = p.parse_expr()
                        i = p.i
                    except GoParseError:
                        i += 1
                    stmt_start = False
                    continue
                nxt = toks[i + 1] if i + 1 < end else None
                is_def = nxt is not None and nxt.kind == "op" and nxt.text in (":=", "=")
                if t.kind == "id" and is_def:
                    p = Parser(toks, i + 2)
                    try:
                        expr = p.parse_expr()
                        locals_.setdefault(t.text, expr)
                        i = p.i
                    except GoParseError:
                        i += 2
                    stmt_start = False
                    continue
                if t.kind == "id" and t.text == "var":
                    p = Parser(toks, i + 1)
                    try:
                        for name, expr in parse_var_specs(p):
                            locals_.setdefault(name, expr)
                        i = p.i
                    except GoParseError:
                        i += 1
                    stmt_start = False
                    continue
            stmt_start = False
            i += 1
        self._scanned = (locals_, last_return)
        return self._scanned


def parse_var_specs(p):
    """`var`/`const` specs after the keyword: [(name, expr or None)]."""
    out = []

    def one_spec():
        names = [p.next().text]
        while p.at(","):
            p.next()
            names.append(p.next().text)
        exprs = []
        if not p.at("=") and not p.at(";") and not p.at(")"):
            p.parse_type()
        if p.at("="):
            p.next()
            exprs.append(p.parse_expr())
            while p.at(","):
                p.next()
                exprs.append(p.parse_expr())
        for k, n in enumerate(names):
            out.append((n, exprs[k] if k < len(exprs) else None))

    if p.at("("):
        p.next()
        while True:
            while p.at(";"):
                p.next()
            if p.at(")"):
                p.next()
                break
            try:
                one_spec()
            except GoParseError:
                # skip to the next spec
                depth = 0
                while True:
                    t = p.peek()
                    if t.kind == "eof":
                        raise
                    if t.kind == "op" and t.text in ("(", "[", "{"):
                        depth += 1
                    elif t.kind == "op" and t.text in (")", "]", "}"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif t.kind == "op" and t.text == ";" and depth == 0:
                        break
                    p.next()
    else:
        one_spec()
    return out


class GoFile:
    """A parsed Go file: its package, imports, top-level values and functions."""

    def __init__(self, src):
        self.toks = go_tokens(src)
        self.package = None
        self.imports = {}  # alias -> import path
        self.values = {}  # name -> expr (var and const)
        self.funcs = {}  # name -> GoFunc
        self.parse()

    def parse(self):
        toks = self.toks
        p = Parser(toks)
        while p.peek().kind != "eof":
            t = p.peek()
            try:
                if t.kind == "id" and t.text == "package":
                    p.next()
                    self.package = p.next().text
                elif t.kind == "id" and t.text == "import":
                    p.next()
                    self.parse_imports(p)
                elif t.kind == "id" and t.text in ("var", "const"):
                    p.next()
                    for name, expr in parse_var_specs(p):
                        if expr is not None:
                            self.values.setdefault(name, expr)
                elif t.kind == "id" and t.text == "func":
                    self.parse_func(p)
                elif t.kind == "id" and t.text == "type":
                    p.next()
                    self.skip_decl(p)
                else:
                    p.next()
            except GoParseError:
                self.skip_decl(p)

    def skip_decl(self, p):
        depth = 0
        while True:
            t = p.peek()
            if t.kind == "eof":
                return
            if t.kind == "op" and t.text in ("(", "[", "{"):
                depth += 1
            elif t.kind == "op" and t.text in (")", "]", "}"):
                depth = max(0, depth - 1)
            elif t.kind == "op" and t.text == ";" and depth == 0:
                p.next()
                return
            p.next()

    def parse_imports(self, p):
        def spec():
            alias = None
            if p.peek().kind == "id" or p.at("."):
                alias = p.next().text
            path = p.next()
            if path.kind != "str":
                raise GoParseError("bad import")
            name = alias or path.text.rstrip("/").split("/")[-1]
            self.imports[name] = path.text

        if p.at("("):
            p.next()
            while not p.at(")"):
                if p.at(";"):
                    p.next()
                    continue
                spec()
            p.next()
        else:
            spec()

    def parse_func(self, p):
        p.next()  # func
        method = False
        if p.at("("):
            p.skip_balanced()
            method = True
        name = p.next()
        if name.kind != "id":
            raise GoParseError("bad func")
        if p.at("["):
            p.skip_balanced()
        # parameters: names of `(a, b T, c U)`
        params = []
        p.expect("(")
        depth, group = 1, []
        while depth:
            t = p.next()
            if t.kind == "eof":
                raise GoParseError("bad params")
            if t.kind == "op" and t.text in ("(", "[", "{"):
                depth += 1
            elif t.kind == "op" and t.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    break
            if depth == 1 and t.kind == "op" and t.text == ",":
                if group:
                    params.append(group[0])
                group = []
            elif depth == 1 and t.kind == "id" and not group:
                group = [t.text]
            elif depth == 1:
                group.append(t.text)
        if group:
            params.append(group[0])
        # params like `(string, int)` have no names; only named ones matter for binding
        p.skip_results()
        if not p.at("{"):
            return  # a declaration without a body
        start = p.i
        p.skip_balanced()
        if not method:
            self.funcs.setdefault(name.text, GoFunc(name.text, params, self.toks, start, p.i - 1))


class Ref:
    """An evaluated schema value."""


class ResourceVal(Ref):
    def __init__(self, schema, fields):
        self.schema = schema  # {name: SchemaVal}
        self.fields = fields  # other fields of schema.Resource (DeprecationMessage, ...)


class SchemaVal(Ref):
    def __init__(self, fields):
        self.fields = fields  # {field name: evaluated value}


class Enum(Ref):
    def __init__(self, values):
        self.values = values


class GoWorld:
    """The Go packages of one release, loaded lazily by directory."""

    def __init__(self, git, tree_of_dir, parsed_cache):
        self.git = git
        self.tree_of_dir = tree_of_dir  # callable: repo dir -> {name: (mode, oid)}
        self.parsed = parsed_cache  # blob oid -> GoFile
        self.packages = {}  # dir -> {"files": [GoFile], "values", "funcs"}
        self.used = set()  # blob oids of the files this release parsed or reused
        self.file_filter = {}  # dir -> predicate on file name (the root package: outbound files)

    def package(self, d):
        if d in self.packages:
            return self.packages[d]
        pkg = {"files": [], "values": {}, "funcs": {}}
        self.packages[d] = pkg
        keep = self.file_filter.get(d, lambda n: True)
        for name, (mode, oid) in sorted(self.tree_of_dir(d).items()):
            if not name.endswith(".go") or name.endswith("_test.go") or is_dir(mode):
                continue
            if not keep(name):
                continue
            self.used.add(oid)
            gf = self.parsed.get(oid)
            if gf is None:
                text = self.git.blob_text(oid) or ""
                gf = GoFile(text)
                self.parsed[oid] = gf
            pkg["files"].append(gf)
            for k, v in gf.values.items():
                pkg["values"].setdefault(k, (v, gf))
            for k, v in gf.funcs.items():
                pkg["funcs"].setdefault(k, (v, gf))
        return pkg

    # Evaluation ---------------------------------------------------------------------------------
    def lookup(self, name, scope, depth):
        """Resolve an identifier (maybe `pkg.Name`) in a scope: (expr, scope) or a GoFunc."""
        locals_, d, gf = scope
        if name in locals_:
            return ("expr", locals_[name][0], locals_[name][1])
        head, _, rest = name.partition(".")
        if rest and gf is not None and head in gf.imports:
            path = gf.imports[head]
            if MODULE_MARK not in path:
                return None
            target = path.split(MODULE_MARK, 1)[1].rstrip("/")
            if "." in rest:
                return None
            return self.lookup_in(target, rest)
        return self.lookup_in(d, name)

    def lookup_in(self, d, name):
        pkg = self.package(d)
        if name in pkg["values"]:
            expr, gf = pkg["values"][name]
            return ("expr", expr, ({}, d, gf))
        if name in pkg["funcs"]:
            fn, gf = pkg["funcs"][name]
            return ("func", fn, ({}, d, gf))
        return None

    def eval(self, expr, scope, depth=0):
        if depth > 60 or expr is None:
            return None
        kind = expr[0]
        if kind == "str":
            return expr[1]
        if kind == "num":
            return expr[1]
        if kind == "ident":
            if expr[1] in ("true", "false"):
                return expr[1] == "true"
            if expr[1] == "nil":
                return None
            found = self.lookup(expr[1], scope, depth)
            if found and found[0] == "expr":
                return self.eval(found[1], found[2], depth + 1)
            if expr[1].startswith("schema."):
                return expr[1]
            return None
        if kind == "unary":
            if expr[1] in ("&", "*"):
                return self.eval(expr[2], scope, depth + 1)
            if expr[1] == "!":
                v = self.eval(expr[2], scope, depth + 1)
                return (not v) if isinstance(v, bool) else None
            return None
        if kind == "binop":
            if expr[1] == "+":
                a = self.eval(expr[2], scope, depth + 1)
                b = self.eval(expr[3], scope, depth + 1)
                if isinstance(a, str) and isinstance(b, str):
                    return a + b
            return None
        if kind == "composite":
            return self.eval_composite(expr, scope, depth)
        if kind == "call":
            return self.eval_call(expr, scope, depth)
        return None

    def eval_composite(self, expr, scope, depth):
        typ, elems = expr[1], expr[2]
        if typ and typ.endswith("schema.Resource"):
            fields = {}
            for k, v in elems:
                if k is not None and k[0] == "ident":
                    fields[k[1]] = v
            schema = self.eval(fields.get("Schema"), scope, depth + 1)
            other = {}
            dm = fields.get("DeprecationMessage")
            if dm is not None:
                other["DeprecationMessage"] = self.eval(dm, scope, depth + 1)
            return ResourceVal(schema if isinstance(schema, dict) else {}, other)
        if typ and typ.startswith("map[string]") and typ.endswith("schema.Schema"):
            out = {}
            for k, v in elems:
                key = self.eval(k, scope, depth + 1)
                if not isinstance(key, str):
                    continue
                if v[0] == "composite" and v[1] is None:
                    v = ("composite", "schema.Schema", v[2])
                val = self.eval(v, scope, depth + 1)
                if isinstance(val, SchemaVal):
                    out[key] = val
            return out
        if typ and typ.endswith("schema.Schema"):
            fields = {}
            for k, v in elems:
                if k is not None and k[0] == "ident":
                    fields[k[1]] = self.eval(v, scope, depth + 1)
            return SchemaVal(fields)
        if typ in ("[]string",):
            vals = [self.eval(v, scope, depth + 1) for _, v in elems]
            return [v for v in vals if isinstance(v, str)] if all(
                isinstance(v, str) for v in vals
            ) else None
        return None

    def eval_call(self, expr, scope, depth):
        fn, args = expr[1], expr[2]
        name = fn[1] if fn[0] == "ident" else None
        short = name.rsplit(".", 1)[-1] if name else None
        if short == "StringInSlice" and args:
            values = self.eval(args[0], scope, depth + 1)
            return Enum(values) if isinstance(values, list) else Enum(None)
        if short in ("ToDiagFunc",) and args:
            return self.eval(args[0], scope, depth + 1)
        if short in ("All", "Any") and name and name.startswith("validation."):
            found = [self.eval(a, scope, depth + 1) for a in args]
            enums = [f for f in found if isinstance(f, Enum)]
            return enums[0] if len(enums) == 1 else None
        if name is None:
            return None
        found = self.lookup(name, scope, depth)
        if not found or found[0] != "func":
            return None
        gfn, fscope = found[1], found[2]
        locals_, last_return = gfn.scan()
        bound = {}
        for k, pname in enumerate(gfn.params):
            if k < len(args):
                bound[pname] = (args[k], scope)
        inner = dict((n, (e, None)) for n, e in locals_.items())
        inner.update(bound)
        # locals are evaluated in the function's scope (their scope is filled in below)
        fs = ({}, fscope[1], fscope[2])
        resolved = {}
        for n, (e, sc) in inner.items():
            resolved[n] = (e, sc if sc is not None else fs)
        fs[0].update(resolved)
        return self.eval(last_return, fs, depth + 1)


def go_tree_of(world, func_ref, pkg_dir):
    """The schema tree (same shape as the docs' nodes) of a registered resource function."""
    found = world.lookup_in(pkg_dir, func_ref)
    if not found or found[0] != "func":
        return None
    val = world.eval(("call", ("ident", func_ref), []), ({}, pkg_dir, found[2][2]))
    if not isinstance(val, ResourceVal):
        return None
    return {
        "deprecated": val.fields.get("DeprecationMessage") or None,
        "tree": schema_nodes(val.schema),
    }


def schema_nodes(schema):
    out = {}
    for name, sv in schema.items():
        f = sv.fields
        required = f.get("Required") is True
        optional = f.get("Optional") is True
        computed = f.get("Computed") is True
        kind = "required" if required else "optional" if optional else (
            "computed" if computed else "optional"
        )
        elem = f.get("Elem")
        block = isinstance(elem, ResourceVal)
        enum, unresolved = None, False
        validators = [f.get("ValidateFunc"), f.get("ValidateDiagFunc")]
        if isinstance(elem, SchemaVal):  # a list or set of strings: its elements' validator
            validators += [elem.fields.get("ValidateFunc"), elem.fields.get("ValidateDiagFunc")]
        for v in validators:
            if isinstance(v, Enum):
                if v.values is None:
                    unresolved = True
                elif enum is None:
                    enum = v.values
        dep = f.get("Deprecated")
        node = new_node(kind, block, deprecated=dep if isinstance(dep, str) and dep else None,
                        enum=sorted(set(enum)) if enum else None)
        if unresolved:
            node["unresolved"] = True
        if block:
            node["children"] = schema_nodes(elem.schema)
        out[name] = node
    return out


def find_registrations(world, dirs):
    """{type name: (function name, package dir)} of the resources registered in `dirs`."""
    regs = {}
    for d in dirs:
        pkg = world.package(d)
        for gf in pkg["files"]:
            toks = gf.toks
            for i, t in enumerate(toks):
                # RegisterResource(NAME, Func())
                if t.kind == "id" and t.text.endswith("RegisterResource") and i + 1 < len(toks) \
                        and toks[i + 1].text == "(":
                    p = Parser(toks, i + 2)
                    try:
                        name_expr = p.parse_expr()
                        p.expect(",")
                        fn_expr = p.parse_expr()
                    except GoParseError:
                        continue
                    tname = world.eval(name_expr, ({}, d, gf))
                    if isinstance(tname, str) and fn_expr[0] == "call" and \
                            fn_expr[1][0] == "ident":
                        regs.setdefault(tname, (fn_expr[1][1], d))
                # "genesyscloud_outbound_x": resourceX(),   (provider.go's ResourcesMap)
                elif t.kind == "str" and t.text.startswith(TYPE_PREFIX) and i + 3 < len(toks) \
                        and toks[i + 1].text == ":" and toks[i + 2].kind == "id" \
                        and toks[i + 3].text == "(" and \
                        toks[i + 2].text.lower().startswith("resource"):
                    regs.setdefault(t.text, (toks[i + 2].text, d))
    return regs


# --------------------------------------------------------------------------------------------
# One release


class Release:
    def __init__(self, version, tag):
        self.version = version
        self.tag = tag
        self.docs = {}  # type -> {"deprecated", "tree"}
        self.go = {}  # type -> {"deprecated", "tree"} (the main resources)
        self.go_types = set()  # every registered genesyscloud_outbound_* resource


def read_release(git, version, tag, docs_cache, go_cache):
    rel = Release(version, tag)
    for name, (mode, oid) in sorted(git.tree("%s:docs/resources" % tag).items()):
        if not (name.startswith("outbound_") and name.endswith(".md")):
            continue
        if oid not in docs_cache:
            try:
                docs_cache[oid] = parse_doc(git.blob_text(oid) or "")
            except ValueError as e:
                raise ValueError("%s:docs/resources/%s: %s" % (tag, name, e))
        tname, doc = docs_cache[oid]
        tname = tname or "genesyscloud_" + name[:-3]
        if tname.startswith(TYPE_PREFIX):
            rel.docs[tname] = doc
    top = git.tree("%s:genesyscloud" % tag)

    def tree_of_dir(d):
        parts = d.split("/")
        if parts[0] != "genesyscloud":
            return {}
        entries = top
        for part in parts[1:]:
            e = entries.get(part)
            if not e or not is_dir(e[0]):
                return {}
            entries = git.tree(e[1])
        return entries

    world = GoWorld(git, tree_of_dir, go_cache)
    # The root package is large: only its outbound files and the registration in provider.go.
    world.file_filter["genesyscloud"] = lambda n: "outbound" in n or n == "provider.go"
    dirs = ["genesyscloud"] + sorted(
        "genesyscloud/" + n for n, (mode, _) in top.items()
        if is_dir(mode) and n.startswith("outbound")
    )
    regs = find_registrations(world, dirs)
    for tname, (fn, d) in sorted(regs.items()):
        if not tname.startswith(TYPE_PREFIX):
            continue
        rel.go_types.add(tname)
        if tname in RESOURCES:
            got = go_tree_of(world, fn, d)
            if got is not None:
                rel.go[tname] = got
    # keep only this release's parsed files: the next release reuses the unchanged ones
    for oid in [o for o in go_cache if o not in world.used]:
        del go_cache[oid]
    return rel


# --------------------------------------------------------------------------------------------
# Comparing docs and Go, choosing the release's tree


def compare_trees(docs, go, path=()):
    """Disagreements between a docs tree and a Go tree: [(path, what)]."""
    out = []
    for name in sorted(set(docs) | set(go)):
        p = path + (name,)
        d, g = docs.get(name), go.get(name)
        if d is None:
            out.append((p, "only in Go"))
            continue
        if g is None:
            if not (name == "id" and not path):
                out.append((p, "only in docs"))
            continue
        if d["kind"] != g["kind"]:
            out.append((p, "docs %s, Go %s" % (d["kind"], g["kind"])))
        if d["block"] != g["block"]:
            out.append((p, "docs block=%s, Go block=%s" % (d["block"], g["block"])))
        if bool(d["deprecated"]) != bool(g["deprecated"]):
            out.append((p, "deprecated: docs %r, Go %r" % (d["deprecated"], g["deprecated"])))
        if g.get("unresolved"):
            out.append((p, "a StringInSlice whose values the generator cannot evaluate"))
        if d["enum"] and g["enum"] and d["enum"] != g["enum"]:
            out.append((p, "values: docs %s, Go %s" % (d["enum"], g["enum"])))
        out.extend(compare_trees(d["children"], g["children"], p))
    return out


def merge_enums(docs, go):
    """Attach the Go validators' values to the docs tree (the Go values win)."""
    for name, d in docs.items():
        g = go.get(name)
        if g is None:
            continue
        if g["enum"]:
            d["enum"] = list(g["enum"])
        merge_enums(d["children"], g["children"])


def add_go_only(docs, go):
    """Attributes the Go schema has and the docs lack are present: the docs lag the code (v1.77.4
    registers `whats_app_config` on the messaging campaign; its docs show it from v1.78.0)."""
    for name, g in go.items():
        d = docs.get(name)
        if d is None:
            docs[name] = json.loads(json.dumps(g))
        else:
            add_go_only(d["children"], g["children"])


def choose(rel, tname, notes):
    """The tree the table uses for a main resource at a release, or None if it is absent."""
    doc = rel.docs.get(tname)
    go = rel.go.get(tname)
    if doc is not None and doc.get("schema", True):
        tree = json.loads(json.dumps(doc["tree"]))
        if go is not None:
            for p, what in compare_trees(tree, go["tree"]):
                notes.append("%s %s %s: %s" % (vstr(rel.version), tname, ".".join(p), what))
            merge_enums(tree, go["tree"])
            add_go_only(tree, go["tree"])
        else:
            notes.append("%s %s: docs without a Go schema (not found or not understood)"
                         % (vstr(rel.version), tname))
        # the message Terraform prints (Go) over the doc page's sentence
        dep = (go["deprecated"] if go else None) or doc["deprecated"]
        return {"tree": tree, "deprecated": dep}
    if go is not None:
        notes.append("%s %s: no doc page; the Go schema stands in" % (vstr(rel.version), tname))
        tree = json.loads(json.dumps(go["tree"]))
        tree.setdefault("id", new_node("computed", False))
        return {"tree": tree, "deprecated": go["deprecated"]}
    return None


# --------------------------------------------------------------------------------------------
# The table


def ranges(flags, versions):
    """[[since, until], ...] of the indexes where flags is true (until None at the end)."""
    out, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append([vstr(versions[start]), vstr(versions[i])])
            start = None
    if start is not None:
        out.append([vstr(versions[start]), None])
    return out


def build_attrs(per_release, versions, notes, label):
    """per_release: [tree or None] per release -> the table's attributes map."""
    names = sorted({n for t in per_release if t for n in t})
    out = {}
    for name in names:
        nodes = [t.get(name) if t else None for t in per_release]
        present = [n is not None for n in nodes]
        block_flags = {n["block"] for n in nodes if n is not None}
        if len(block_flags) > 1:
            notes.append("%s.%s: block at some releases, attribute at others" % (label, name))
        entry = {
            "block": any(block_flags),
            "present": ranges(present, versions),
            "required": ranges([n is not None and n["kind"] == "required" for n in nodes],
                               versions),
            "computed": ranges([n is not None and n["kind"] == "computed" for n in nodes],
                               versions),
            "deprecated": deprecation(nodes, versions, notes, "%s.%s" % (label, name)),
        }
        enum = enum_entries(nodes, versions)
        if enum is not None:
            entry["enum"] = enum
        if entry["block"]:
            entry["attributes"] = build_attrs(
                [n["children"] if n is not None else None for n in nodes], versions, notes,
                "%s.%s" % (label, name),
            )
        out[name] = entry
    return out


def deprecation(nodes, versions, notes, label):
    flags = [n is not None and bool(n["deprecated"]) for n in nodes]
    if not any(flags):
        return None
    last_present = max(i for i, n in enumerate(nodes) if n is not None)
    # the run of deprecated releases that reaches the attribute's last release
    i = last_present
    if not flags[i]:
        notes.append("%s: deprecated at some releases, not at its last one" % label)
        i = max(k for k, f in enumerate(flags) if f)
    while i > 0 and flags[i - 1]:
        i -= 1
    if any(flags[:i]):
        notes.append("%s: deprecated, then not, then again" % label)
    message = nodes[max(k for k, f in enumerate(flags) if f)]["deprecated"]
    return {"since": vstr(versions[i]), "replacement": replacement_of(message)}


def enum_entries(nodes, versions):
    sets = [n["enum"] if n is not None else None for n in nodes]
    if not any(sets):
        return None
    values = sorted({v for s in sets if s for v in s})
    out = []
    for value in values:
        flags = [
            n is not None and (sets[i] is None or value in sets[i]) for i, n in enumerate(nodes)
        ]
        out.append({"present": ranges(flags, versions), "value": value})
    return out


def build_table(releases, excluded, notes):
    versions = [r.version for r in releases]
    types = {}
    all_types = sorted({t for r in releases for t in r.docs} | {t for r in releases for t in
                                                                r.go_types})
    for tname in all_types:
        flags = [tname in r.docs or tname in r.go_types for r in releases]
        for r, f in zip(releases, flags):
            if (tname in r.docs) != (tname in r.go_types) and r.go_types:
                notes.append("%s %s: %s" % (
                    vstr(r.version), tname,
                    "doc page without a Go registration" if tname in r.docs
                    else "registered in Go without a doc page"))
        types[tname] = {"present": ranges(flags, versions)}
    resources = {}
    for tname in RESOURCES:
        chosen = [choose(r, tname, notes) for r in releases]
        present = [c is not None for c in chosen]
        dep = None
        if any(c is not None and c["deprecated"] for c in chosen):
            first = next(i for i, c in enumerate(chosen) if c is not None and c["deprecated"])
            last = max(i for i, c in enumerate(chosen) if c is not None and c["deprecated"])
            dep = {"since": vstr(versions[first]), "message": chosen[last]["deprecated"]}
        resources[tname] = {
            "present": ranges(present, versions),
            "deprecated": dep,
            "attributes": build_attrs(
                [c["tree"] if c is not None else None for c in chosen], versions, notes, tname
            ),
        }
    return {
        "about": ABOUT,
        "source": SOURCE,
        "versions": [vstr(v) for v in versions],
        "excluded_tags": excluded,
        "types": types,
        "resources": resources,
    }


def dump(table):
    """JSON with one space of indent, where a list of scalars or of ranges stays on one line."""
    return _dump(table, 0) + "\n"


def _flat(value):
    if isinstance(value, list):
        return all(not isinstance(x, (dict, list)) or (isinstance(x, list) and _flat(x))
                   for x in value)
    return not isinstance(value, dict)


def _dump(value, level):
    if _flat(value) and not (isinstance(value, list) and len(value) > 6 and
                             all(isinstance(x, str) for x in value)):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    pad, inner = " " * level, " " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ["%s%s: %s" % (inner, json.dumps(k, ensure_ascii=False), _dump(v, level + 1))
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = ["%s%s" % (inner, _dump(v, level + 1)) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


# --------------------------------------------------------------------------------------------
# Counting changes (for --summary)


def count_changes(table):
    """Changes inside the table. An addition or removal is counted for every attribute (nested
    ones included, also those that come with a new block) where it starts or ends while its
    resource exists; `additions_outermost` counts only the outermost new item (an attribute
    or block added to an existing parent). A flip or an enum change is counted where a required,
    computed or value range starts or ends while the attribute exists."""
    versions = table["versions"]
    vindex = {v: i for i, v in enumerate(versions)}
    counts = {"resources": len(table["resources"]), "attributes": 0, "additions": 0,
              "additions_outermost": 0, "removals": 0, "required_flips": 0,
              "computed_flips": 0, "deprecations": 0, "enum_changes": 0}
    changed = set()

    def covers(rs, v):
        if v is None:
            return False
        i = vindex[v]
        return any(vindex[s] <= i and (u is None or i < vindex[u]) for s, u in rs)

    def prev(v):
        i = vindex[v]
        return versions[i - 1] if i > 0 else None

    def edges(rs, within, key):
        for since, until in rs:
            if covers(within, prev(since)):
                counts[key] += 1
                changed.add(since)
            if until is not None and covers(within, until):
                counts[key] += 1
                changed.add(until)

    def walk(attrs, parent_present, res_present):
        for a in attrs.values():
            counts["attributes"] += 1
            for since, until in a["present"]:
                if covers(res_present, prev(since)):
                    counts["additions"] += 1
                    changed.add(since)
                if covers(parent_present, prev(since)):
                    counts["additions_outermost"] += 1
                if until is not None and covers(res_present, until):
                    counts["removals"] += 1
                    changed.add(until)
            edges(a["required"], a["present"], "required_flips")
            edges(a["computed"], a["present"], "computed_flips")
            if a["deprecated"]:
                counts["deprecations"] += 1
                changed.add(a["deprecated"]["since"])
            for e in a.get("enum", []):
                edges(e["present"], a["present"], "enum_changes")
            if "attributes" in a:
                walk(a["attributes"], a["present"], res_present)

    for res in table["resources"].values():
        walk(res["attributes"], res["present"], res["present"])
    counts["releases_with_changes"] = len(changed)
    return counts


def list_changes(table):
    """Every change, one line each: `version resource.path: what`."""
    versions = table["versions"]
    vindex = {v: i for i, v in enumerate(versions)}
    lines = []

    def covers(rs, v):
        if v is None:
            return False
        i = vindex[v]
        return any(vindex[s] <= i and (u is None or i < vindex[u]) for s, u in rs)

    def prev(v):
        i = vindex[v]
        return versions[i - 1] if i > 0 else None

    def walk(attrs, parent_present, label):
        for name, a in attrs.items():
            here = label + "." + name
            for since, until in a["present"]:
                if covers(parent_present, prev(since)):
                    lines.append((since, here, "added"))
                if until is not None and covers(parent_present, until):
                    lines.append((until, here, "removed"))
            for since, until in a["required"]:
                if covers(a["present"], prev(since)):
                    lines.append((since, here, "optional -> required"))
                if until is not None and covers(a["present"], until):
                    lines.append((until, here, "required -> optional"))
            for since, until in a["computed"]:
                if covers(a["present"], prev(since)):
                    lines.append((since, here, "becomes computed (read-only)"))
                if until is not None and covers(a["present"], until):
                    lines.append((until, here, "no longer computed-only"))
            if a["deprecated"]:
                lines.append((a["deprecated"]["since"], here,
                              "deprecated (replacement %s)" % a["deprecated"]["replacement"]))
            for e in a.get("enum", []):
                for since, until in e["present"]:
                    if covers(a["present"], prev(since)):
                        lines.append((since, here, "value %r allowed" % e["value"]))
                    if until is not None and covers(a["present"], until):
                        lines.append((until, here, "value %r no longer allowed" % e["value"]))
            if "attributes" in a:
                walk(a["attributes"], a["present"], here)

    for tname, res in table["resources"].items():
        short = tname[len(TYPE_PREFIX):]
        for since, until in res["present"]:
            lines.append((since, short, "resource added"))
            if until is not None:
                lines.append((until, short, "resource removed"))
        if res["deprecated"]:
            lines.append((res["deprecated"]["since"], short, "resource deprecated"))
        walk(res["attributes"], res["present"], short)
    lines.sort(key=lambda x: (vindex[x[0]], x[1], x[2]))
    return ["%s %s: %s" % l for l in lines]


# --------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("clone", help="path of a local clone of %s with its tags" % SOURCE)
    ap.add_argument("--out", default=DEFAULT_OUT, help="where to write the table")
    ap.add_argument("--excluded", default=DEFAULT_EXCLUDED, help="the excluded tags list")
    ap.add_argument("--summary", action="store_true", help="print the number of changes")
    ap.add_argument("--verbose", action="store_true",
                    help="print every disagreement between the docs and the Go schema")
    args = ap.parse_args(argv)

    t0 = time.time()
    excluded = read_excluded(args.excluded)
    git = Git(args.clone)
    try:
        tags = git.tags()
        releases, present_excluded, unexplained = select_releases(tags, excluded)
        if unexplained:
            log("error: tags that look like versions but are no clean release (add them to %s "
                "with a reason): %s" % (args.excluded, ", ".join(unexplained)))
            return 2
        if not releases:
            log("error: no release tags from 1.0.0 on in %s" % args.clone)
            return 2
        docs_cache, go_cache = {}, {}
        read = [read_release(git, v, t, docs_cache, go_cache) for v, t in releases]
    finally:
        git.close()
    notes = []
    table = build_table(read, present_excluded, notes)
    out = dump(table)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(out)
    log("wrote %s: %d releases (%s to %s), %d types, %d resources, in %.1fs" % (
        args.out, len(table["versions"]), table["versions"][0], table["versions"][-1],
        len(table["types"]), len(table["resources"]), time.time() - t0))
    if args.verbose:
        for n in notes:
            log("note: " + n)
    elif notes:
        log("%d docs/Go disagreements (see --verbose)" % len(notes))
    if args.summary:
        for line in list_changes(table):
            log("change: " + line)
        for k, v in count_changes(table).items():
            log("%s: %d" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
