"""CPU from /proc: only our server's processes and our database's client backends."""

import os
import time

from tools.bench import cpu


def test_a_stat_line_gives_its_name_parent_and_cpu_including_ended_children():
    ticks = cpu.CLOCK_TICKS
    fields = ["S", "41", *["0"] * 9, str(3 * ticks), str(ticks), str(2 * ticks), "0"]
    # A command name may hold spaces and parentheses.
    name, ppid, seconds = cpu.parse_stat(f"42 (gunicorn: (worker) x) {' '.join(fields)} 20 0")
    assert (name, ppid, seconds) == ("gunicorn: (worker) x", 41, 6.0)


def test_only_client_backends_on_the_exact_database_count():
    assert cpu.is_backend_of("postgres: 15/main: postgres bench 127.0.0.1(5402) idle", "bench")
    assert cpu.is_backend_of("postgres: postgres bench [local] SELECT", "bench")
    assert not cpu.is_backend_of("postgres: 15/main: postgres bench_1k 127.0.0.1(1) idle", "bench")
    assert not cpu.is_backend_of("postgres: 15/main: autovacuum worker bench", "bench")
    assert not cpu.is_backend_of("postgres: 15/main: checkpointer", "bench")
    assert not cpu.is_backend_of("python -m tools.bench bench 127.0.0.1(1)", "bench")


def test_the_server_counts_its_own_cpu_and_its_workers():
    before = cpu.usage(os.getpid(), "no_such_database")
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    spent = cpu.usage(os.getpid(), "no_such_database") - before
    assert spent.server >= 0.2
    assert spent.database == 0


def test_the_machine_busy_time_is_within_its_capacity_and_grows():
    busy, capacity = cpu.machine()
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    busy_after, capacity_after = cpu.machine()
    assert 0 <= busy <= capacity
    assert busy_after - busy >= 0.1
    assert capacity_after - capacity >= busy_after - busy
