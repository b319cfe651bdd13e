"""MkDocs hook (mkdocs.yml `hooks:`): the repository's CHANGELOG.md is the site's changelog page,
read where it is rather than copied into docs/."""

from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent


def on_files(files, config):
    changelog = ROOT / "CHANGELOG.md"
    files.append(File.generated(config, "changelog.md", abs_src_path=str(changelog)))
    return files
