"""Build each addon's README.rst from its readme/ fragments.

A small stand-in for OCA's oca-gen-addon-readme (not on PyPI): the fragments
are Markdown whose lists, emphasis and paragraphs are also valid
reStructuredText, so they are copied under OCA's section titles; their
``##``/``###`` headings become reStructuredText subsection titles.
Usage: python3 scripts/gen_readme.py [ADDON_DIR ...]
"""

import ast
import pathlib
import sys

BADGE = "https://img.shields.io/badge/licence-"
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("HISTORY.md", "Changelog"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def title(text, char):
    return f"{text}\n{char * len(text)}\n"


SUBTITLE_CHARS = {"##": "-", "###": "~"}


def to_rst(markdown):
    """Markdown headings to reStructuredText titles, set off by blank lines."""
    lines = []
    for line in markdown.strip().splitlines():
        marks, _sep, text = line.partition(" ")
        if marks in SUBTITLE_CHARS and text:
            if lines and lines[-1]:
                lines.append("")
            lines.extend([text, SUBTITLE_CHARS[marks] * len(text), ""])
            continue
        if lines and not lines[-1] and not line and len(lines) > 1:
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def build(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        "=" * len(manifest["name"]),
        manifest["name"],
        "=" * len(manifest["name"]),
        "",
        f"|license| {manifest['version']}",
        "",
        f".. |license| image:: {BADGE}{manifest['license']}-blue.png",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = addon / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            parts.append(title(heading, "="))
        parts.append(to_rst(path.read_text()))
    parts.append(title("Authors", "="))
    parts.append(f"* {manifest['author']}\n")
    (addon / "README.rst").write_text("\n".join(parts))


def main(paths):
    root = pathlib.Path(__file__).resolve().parent.parent
    addons = [pathlib.Path(p) for p in paths] or sorted(
        p.parent for p in root.glob("addons/*/__manifest__.py")
    ) + sorted(p.parent for p in root.glob("tests/addons/*/__manifest__.py"))
    for addon in addons:
        build(addon)
        print(f"{addon / 'README.rst'}")


if __name__ == "__main__":
    main(sys.argv[1:])
