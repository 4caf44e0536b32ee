"""A real, throwaway PostgreSQL server for tests (pytest plugin, registered in tests/conftest.py).

Fixtures:
    postgres         one server for the whole session, on a free loopback port, in a temporary directory
    postgres_url     a fresh, empty database on it for one test (postgresql://postgres@127.0.0.1:PORT/NAME)

The server runs Debian's binaries (/usr/lib/postgresql/*/bin, package `postgresql`, installed by .ci/run). initdb
and postgres refuse to run as root, so as root they run as the `postgres` user. Durability is off (fsync,
synchronous_commit, full_page_writes): a test database is thrown away. Without the binaries the tests skip
with the reason, except when DRAFTER_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import free_port

START_TIMEOUT_SECONDS = 30


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).resolve().parent if pg_ctl else None


@dataclass
class PostgresServer:
    bin: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _as_owner(self, *command: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        subprocess.run(self._as_owner(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A",
                                      "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
                       check=True, capture_output=True)

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        subprocess.run(self._as_owner(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                                      str(self.root / "log"), "-w", "-t", str(START_TIMEOUT_SECONDS),
                                      "-o", options, "start"),
                       check=True, capture_output=True)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(self._as_owner(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"),
                       check=False, capture_output=True)

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    binaries = postgres_bin()
    if binaries is None:
        reason = "PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql)"
        if os.environ.get("DRAFTER_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + "; DRAFTER_REQUIRE_POSTGRES=1 says these tests must run")
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="drafter-pg-"))
    root.chmod(0o755)
    server = PostgresServer(bin=binaries, root=root, port=free_port())
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    return postgres.create_database()
