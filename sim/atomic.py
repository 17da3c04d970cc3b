"""Writing files and folders so that an interrupted write never leaves half of one.

A file is written under a temporary name in its own folder, flushed to disk and renamed into
place; a folder is filled under a temporary name beside it and then moved into place. Until
the rename, the old file or folder stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def respect_umask(path: Path) -> None:
    """Temporary files and folders are created private (0600, 0700); once complete they get
    the modes any other new file would get, files inside a folder included."""
    mask = umask()
    path = Path(path)
    paths = [path, *path.rglob("*")] if path.is_dir() else [path]
    for p in paths:
        os.chmod(p, (0o777 if p.is_dir() else 0o666) & ~mask)


def atomic_write(path: Path, write: Callable[[Path], object], suffix: str = ".tmp") -> None:
    """``write(tmp)`` writes the whole file to a temporary path, which then replaces ``path``.
    ``suffix`` ends the temporary name, for writers that go by the extension."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        respect_umask(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def is_leftover(path: Path) -> bool:
    """A temporary file or folder of a write that was interrupted (``.NAME.xxxx.tmp``)."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def remove(path: Path) -> None:
    """Remove a file, a link or a folder, whichever is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def replace_dir(tmp_dir: Path, dest: Path) -> None:
    """Move a finished folder into place; an old one (or a file there) is removed only after
    the new one is in."""
    if dest.exists() or dest.is_symlink():
        old = dest.with_name(f".{dest.name}.old")
        remove(old)
        os.replace(dest, old)
        os.replace(tmp_dir, dest)
        remove(old)
    else:
        os.replace(tmp_dir, dest)


@contextlib.contextmanager
def atomic_dir(dest: Path, merge: bool = False) -> Iterator[Path]:
    """A temporary folder to fill; when the block ends without an error its files get the
    usual modes and go into place. Without ``merge`` the folder replaces ``dest`` as a whole;
    with ``merge`` each file is moved into ``dest`` by itself and other files there are kept
    (for a folder the user chose, which may hold more than this). On an error nothing moves
    and the temporary folder goes."""
    dest = Path(dest)
    if merge:
        dest.mkdir(parents=True, exist_ok=True)
        parent, prefix = dest, ".new-"
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        parent, prefix = dest.parent, f".{dest.name}."
    tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=parent))
    try:
        yield tmp
        respect_umask(tmp)
        if merge:
            for p in sorted(tmp.iterdir()):
                os.replace(p, dest / p.name)
            tmp.rmdir()
        else:
            replace_dir(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
