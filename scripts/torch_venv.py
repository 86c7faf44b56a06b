"""Makes `import torch` work for the detector scripts without a system-wide install.

Imported before torch: when torch is missing it creates scripts/.venv-torch from
scripts/requirements-torch.txt and re-runs the calling script with that interpreter.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv-torch")
REQUIREMENTS = os.path.join(HERE, "requirements-torch.txt")

try:
    import torch  # noqa: F401
except ImportError:
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        sys.exit(f"torch is missing from {VENV} after installing {REQUIREMENTS}")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "-q", "-r", REQUIREMENTS])
    os.execv(python, [python] + sys.argv)
