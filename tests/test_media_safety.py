"""Files are published only from inside the project: no symbolic links, no '..', no special files.

A link under data/media/ or content/ would publish whatever the build user can read (/etc/passwd,
a private client list). `check` refuses each with its path and what to do; the site builder never
lists one, and the copier refuses one even if it is handed one.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
from pathlib import Path

import pytest
from site_support import showpress_command

from conftest import edit, problems
from generator.load import load_show
from generator.projectfiles import UnsafeFile, walk_files
from generator.site.gather import gather
from generator.site.stage import sync_docs

SECRET = "id,name,language\nc1,Secret Client,en\n"
LINK_FIX = "showpress publishes only real files from inside {folder}; replace the link with a copy of the {thing}, " \
           "or delete it"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A private file outside the project, like a client list."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "clients.csv").write_text(SECRET, encoding="utf-8")
    return folder


def test_symlinked_media_file_is_refused(tiny: Path, secret: Path) -> None:
    (tiny / "data/media/clients.svg").symlink_to(secret / "clients.csv")
    assert problems(tiny) == [
        "data/media/clients.svg: a symbolic link: " + LINK_FIX.format(folder="data/media/", thing="file")]


def test_symlinked_folder_in_media_is_refused(tiny: Path, secret: Path) -> None:
    (tiny / "data/media/private").symlink_to(secret)
    assert problems(tiny) == [
        "data/media/private: a symbolic link to a folder: " + LINK_FIX.format(folder="data/media/", thing="folder")]


def test_logo_through_a_symlink_is_refused_where_it_is_named(tiny: Path) -> None:
    (tiny / "data/media/passwd.svg").symlink_to("/etc/passwd")
    edit(tiny / "data/exhibitors.yml", "logo: media/acme.svg", "logo: media/passwd.svg")
    assert problems(tiny) == [
        "data/exhibitors.yml:14:11: exhibitors[0].logo: 'media/passwd.svg' goes through a symbolic link "
        "(data/media/passwd.svg): showpress publishes only real files from inside data/media/; replace the link "
        "with a copy of the file",
        "data/media/passwd.svg: a symbolic link: " + LINK_FIX.format(folder="data/media/", thing="file"),
    ]


@pytest.mark.parametrize("ref", ["media/../show.yml", "media/../../../../../../etc/passwd"])
def test_dot_dot_path_is_refused(tiny: Path, ref: str) -> None:
    edit(tiny / "data/exhibitors.yml", "logo: media/acme.svg", f"logo: {ref}")
    assert problems(tiny) == [
        f"data/exhibitors.yml:14:11: exhibitors[0].logo: '{ref}' points outside data/media/: keep the file in "
        "data/media/ and write its path without '..'"]


def test_news_image_dot_dot_is_refused(tiny: Path) -> None:
    edit(tiny / "content/en/news/closing.md", "image: media/acme.svg", "image: media/../halls.yml")
    assert problems(tiny) == [
        "content/en/news/closing.md:7:8: image: 'media/../halls.yml' points outside data/media/: keep the file in "
        "data/media/ and write its path without '..'"]


def test_symlinked_editor_page_is_refused_and_never_read(tiny: Path, secret: Path) -> None:
    (tiny / "content/en/press.md").symlink_to(secret / "clients.csv")
    (tiny / "content/en/price-list.pdf").symlink_to(secret / "clients.csv")
    assert problems(tiny) == [
        "content/en/press.md: a symbolic link: " + LINK_FIX.format(folder="content/", thing="file"),
        "content/en/price-list.pdf: a symbolic link: " + LINK_FIX.format(folder="content/", thing="file"),
    ]
    assert [p.path for p in load_show(tiny).pages if p.lang == "en"] == []


def test_symlinked_language_folder_is_refused(tiny: Path, secret: Path) -> None:
    (secret / "page.md").write_text("# Private\n", encoding="utf-8")
    os.rename(tiny / "content/ar", tiny / "ar-moved")
    (tiny / "content/ar").symlink_to(tiny / "ar-moved")
    assert problems(tiny) == [
        "content/ar: a symbolic link to a folder: " + LINK_FIX.format(folder="content/", thing="folder")]


def test_named_pipe_in_media_is_refused(tiny: Path) -> None:
    os.mkfifo(tiny / "data/media/pipe.svg")
    assert problems(tiny) == ["data/media/pipe.svg: a named pipe: showpress publishes only regular files; delete it"]


def test_media_name_longer_than_255_bytes(tiny: Path) -> None:
    name = "a" * 300
    edit(tiny / "data/exhibitors.yml", "logo: media/acme.svg", f"logo: media/{name}.svg")
    assert problems(tiny) == [
        f"data/exhibitors.yml:14:11: exhibitors[0].logo: 'media/{name[:53]}…' has a name of 304 bytes, more than "
        "the 255 a file system allows: shorten the file name"]


def test_media_path_longer_than_path_max_is_a_missing_file(tiny: Path) -> None:
    """5,000 bytes in folders of 200: its first folder is missing, said without an OSError (PATH_MAX is 4,096)."""
    ref = "media/" + "/".join(["d" * 200] * 25) + "/x.svg"
    edit(tiny / "data/exhibitors.yml", "logo: media/acme.svg", f"logo: {ref}")
    assert problems(tiny) == [
        f"data/exhibitors.yml:14:11: exhibitors[0].logo: image 'data/{ref[:59]}…' does not exist: add the file or "
        "fix the path (known: media/acme.svg)"]


def test_path_that_cannot_be_stat_ed(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENAMETOOLONG past a real folder, EACCES, ELOOP: whatever lstat raises becomes a positioned message."""
    real_lstat = Path.lstat

    def lstat(self: Path) -> os.stat_result:
        if self.name == "acme.svg":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_lstat(self)

    monkeypatch.setattr(Path, "lstat", lstat)
    assert problems(tiny) == [
        "content/en/news/closing.md:7:8: image: 'media/acme.svg' cannot be read (Permission denied): make it "
        "readable by the user who runs showpress",
        "data/exhibitors.yml:14:11: exhibitors[0].logo: 'media/acme.svg' cannot be read (Permission denied): make it "
        "readable by the user who runs showpress",
        "data/media/acme.svg: cannot be read (Permission denied): make it readable by the user who runs showpress",
    ]


# ------------------------------------------------------------------ build: never copied


def test_builder_lists_no_linked_file(tiny: Path, secret: Path) -> None:
    (tiny / "data/media/clients.svg").symlink_to(secret / "clients.csv")
    (tiny / "data/media/private").symlink_to(secret)
    (tiny / "content/en/clients.csv").symlink_to(secret / "clients.csv")
    contents = gather(load_show(tiny), dt.date(2026, 6, 20), brochures=False)
    for content in contents.values():
        sources = [src for src in content.files.values() if isinstance(src, Path)]
        assert not [src for src in sources if "clients" in str(src) or "private" in str(src)], content.lang
        assert "media/acme.svg" in content.files


def test_copier_refuses_a_symlink_it_is_handed(tmp_path: Path, secret: Path) -> None:
    link = tmp_path / "logo.svg"
    link.symlink_to(secret / "clients.csv")
    with pytest.raises(UnsafeFile, match="it is a symbolic link"):
        sync_docs(tmp_path / "docs", {}, {"media/logo.svg": link})
    assert not (tmp_path / "docs/media/logo.svg").exists()


def test_copier_refuses_a_named_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.svg")
    with pytest.raises(UnsafeFile, match="it is a named pipe"):
        sync_docs(tmp_path / "docs", {}, {"media/pipe.svg": tmp_path / "pipe.svg"})


def test_walk_does_not_follow_links(tmp_path: Path, secret: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub/real.png").write_bytes(b"x")
    (tree / "sub/link").symlink_to(secret)
    files, refused = walk_files(tree)
    assert files == [tree / "sub/real.png"]
    assert [(r.path.name, r.reason) for r in refused] == [("link", "a symbolic link to a folder")]


@pytest.mark.slow
def test_build_publishes_no_linked_file(tiny: Path, secret: Path) -> None:
    """`showpress build` stops at check; and a build that skips check still copies no link."""
    from generator.site.build import BuildOptions, build_site

    (tiny / "data/media/clients.svg").symlink_to(secret / "clients.csv")
    (tiny / "data/media/private").symlink_to(secret)
    args = [*showpress_command(), "build", "--project", str(tiny), "--out", str(tiny / "site"),
            "--today", "2026-06-20", "--no-brochures"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2, done.stderr
    assert "data/media/clients.svg: a symbolic link: " in done.stderr
    assert not (tiny / "site").exists()

    build_site(load_show(tiny), BuildOptions(out=tiny / "site", today=dt.date(2026, 6, 20), jobs=2, brochures=False))
    published = [p for p in (tiny / "site").rglob("*") if p.is_file()]
    assert (tiny / "site/en/media/acme.svg").is_file()
    assert not [p for p in published if "Secret Client" in p.read_text(encoding="utf-8", errors="replace")]
    assert not [p for p in published if p.name == "clients.svg" or "private" in p.parts]
