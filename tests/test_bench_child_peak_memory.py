"""bench_bulletin's cold-process memory is the child's own peak, not the parent's
resident size carried over fork and exec."""

import subprocess
import sys

from bulletins.management.commands.bench_bulletin import child_peak_command, child_peak_mb


def test_a_small_child_of_a_large_process_reports_its_own_small_peak(tmp_path):
    ballast = bytearray(150 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # make the parent's pages resident
    script = tmp_path / "noop.py"
    script.write_text("import sys\nprint(sys.argv[1:])\n")
    done = subprocess.run(child_peak_command([sys.executable, str(script), "a", "b"]), capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "['a', 'b']"
    assert child_peak_mb(done.stderr) < 60
    del ballast
