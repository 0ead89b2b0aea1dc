#!/usr/bin/env python3
"""Every file or folder a document of the repository names must exist.

Checks the Markdown files under version control (or, outside a git checkout,
every *.md below the root): relative links, and code spans that are a path
from the repository's root (core/..., docs/..., tests/..., and so on). Prints
each broken reference as FILE:LINE: PATH and exits 1 when there is one.
"""
import os
import re
import subprocess
import sys

ROOTS = ("app", "core", "plugins", "tests", "docs", "scripts", "installer", "schemas",
         "resources", "translations", ".ci")
SPAN = re.compile(r"`([^`\s]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
ROOTED = re.compile(r"^(?:%s)/[\w./+-]*$" % "|".join(re.escape(r) for r in ROOTS))


def markdown_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "*.md"], capture_output=True, text=True, check=True)
        files = [f for f in out.stdout.splitlines() if f]
        if files:
            return files
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for base, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(("build", ".git", "dist"))]
        found += [os.path.relpath(os.path.join(base, n), root) for n in names if n.endswith(".md")]
    return found


def exists_as_named(root, span):
    """A path, or a class or program named by its path without the extension
    (core/support/ShutdownSignals for ShutdownSignals.h and .cpp)."""
    path = os.path.join(root, span)
    if os.path.exists(path):
        return True
    folder, stem = os.path.split(path)
    return os.path.isdir(folder) and any(os.path.splitext(n)[0] == stem for n in os.listdir(folder))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    broken = []
    checked = 0
    for doc in markdown_files(root):
        here = os.path.dirname(doc)
        with open(os.path.join(root, doc), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for target in LINK.findall(line):
                    if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                        continue
                    path = target.split("#", 1)[0]
                    checked += 1
                    if not os.path.exists(os.path.normpath(os.path.join(root, here, path))):
                        broken.append(f"{doc}:{number}: {target}")
                for span in SPAN.findall(line):
                    span = re.sub(r":\d+$", "", span.rstrip(".,;:"))
                    if not ROOTED.match(span):
                        continue
                    checked += 1
                    if not exists_as_named(root, span):
                        broken.append(f"{doc}:{number}: {span}")
    for b in broken:
        print(b)
    print(f"{checked} references checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
