"""CPU seconds of our gunicorn and of one database's PostgreSQL backends, from /proc.

The machine is shared (other test runs, other databases on the same PostgreSQL), so
only our processes count: the gunicorn master and its workers, and the backends
whose process title names our database and a client address. A backend that exits
takes its time with it, so the bench keeps its connections open for the whole run
(``DB_CONN_MAX_AGE`` in ``tools.bench.stack.start_server``).
"""

import os
from dataclasses import dataclass

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    server: float = 0.0
    database: float = 0.0

    @property
    def total(self):
        return self.server + self.database

    def __sub__(self, other):
        return Usage(self.server - other.server, self.database - other.database)

    def __add__(self, other):
        return Usage(self.server + other.server, self.database + other.database)


def parse_stat(text):
    """``(command name, ppid, CPU seconds)`` from a /proc/<pid>/stat line; the seconds
    are the process's own user and system time and that of its children that ended."""
    # The command name (field 2) is in parentheses and may hold spaces and parentheses.
    name, fields = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :]
    fields = fields.split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return name, int(fields[1]), (utime + stime + cutime + cstime) / CLOCK_TICKS


def is_backend_of(title, database):
    """Whether a PostgreSQL process title is a client backend on ``database``:
    ``postgres: [cluster: ]user database host(port) state``. An autovacuum worker
    names the database too, but no client after it."""
    words = title.split()
    if not words or words[0] != "postgres:" or database not in words:
        return False
    after = words.index(database) + 1
    return after < len(words) and ("(" in words[after] or words[after] == "[local]")


def _read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read().decode(errors="replace")
    except OSError:  # the process has gone meanwhile
        return None


def usage(server_pid, database):
    """CPU seconds so far of gunicorn (``server_pid`` and its workers) and of the
    backends on ``database``."""
    server = backends = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _read(f"/proc/{entry}/stat")
        if stat is None:
            continue
        name, ppid, seconds = parse_stat(stat)
        if server_pid in (int(entry), ppid):
            server += seconds
        elif name == "postgres":
            title = (_read(f"/proc/{entry}/cmdline") or "").replace("\0", " ")
            if is_backend_of(title, database):
                backends += seconds
    return Usage(server, backends)


def machine():
    """``(busy, capacity)`` CPU seconds of the whole machine so far (every core), from
    /proc/stat: what else ran beside the bench shows as busy time not ours."""
    with open("/proc/stat") as handle:
        # user, nice, system, idle, iowait, irq, softirq, steal (guest time is in user)
        ticks = [int(value) for value in handle.readline().split()[1:9]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks) - idle) / CLOCK_TICKS, sum(ticks) / CLOCK_TICKS
