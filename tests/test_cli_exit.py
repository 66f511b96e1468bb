"""The command line run from ``sys.argv`` ends with the garbage collector frozen (no last collection of what
a render leaves behind), with its exit status and output unchanged; a CliRunner call freezes nothing."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from click.testing import CliRunner

from alsreport.cli import main

_RUN = textwrap.dedent("""
    import atexit, gc, sys
    atexit.register(lambda: print("frozen:", gc.get_freeze_count() > 0))
    sys.argv = ["alsreport", *sys.argv[1:]]
    from alsreport.cli import main
    main()
""")


def _command_line(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, timeout=300)


def test_a_command_from_the_command_line_ends_frozen_with_its_status():
    done = _command_line("--version")
    assert done.returncode == 0
    assert "version" in done.stdout
    assert done.stdout.rstrip().endswith("frozen: True")


def test_a_failing_command_keeps_its_exit_status():
    done = _command_line("no-such-command")
    assert done.returncode == 2
    assert "No such command" in done.stderr
    assert done.stdout.rstrip().endswith("frozen: True")


def test_a_clirunner_call_freezes_nothing():
    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert gc.get_freeze_count() == before
