"""The app works offline: a whole self-test session opens no network socket.

Two nets: a Python audit hook sees every socket created, connected or resolved from
Python; at the end, the process's open file descriptors are matched against the kernel's
TCP/UDP tables, which also catches sockets opened by native code (Qt, BLAS, …).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SESSION = r"""
import json, os, socket, sys
events = []

def hook(event, args):
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family != socket.AF_UNIX:
            events.append(f"{event} family={family}")
    elif event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.gethostbyaddr", "socket.sendto", "urllib.Request", "http.client.connect"):
        events.append(f"{event} {args!r}")

sys.addaudithook(hook)
from app.main import main
code = main(["--self-test", "--self-test-report", sys.argv[1]])

def inet_inodes():
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            lines = open(f"/proc/self/net/{table}").read().splitlines()[1:]
        except OSError:
            continue
        inodes.update(line.split()[9] for line in lines if len(line.split()) > 9)
    return inodes

open_sockets = set()
for fd in os.listdir("/proc/self/fd"):
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        continue
    if target.startswith("socket:["):
        open_sockets.add(target[8:-1])
print("RESULT " + json.dumps({"code": code, "events": events, "inet": sorted(open_sockets & inet_inodes())}))
"""


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_self_test_session_opens_no_network_socket(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path / "report.txt")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "ML_STUDIO_DATA_DIR": str(tmp_path / "data")},
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, result.stdout[-2000:] + result.stderr[-2000:]
    outcome = json.loads(line[len("RESULT ") :])
    assert outcome["code"] == 0, (tmp_path / "report.txt").read_text()
    assert outcome["events"] == []
    assert outcome["inet"] == []
