#!/usr/bin/env bash
# Create .venv and install the project with its test extra. Re-installs only
# when pyproject.toml changed since the last install (a stamp holds its hash).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
stamp="$venv/.pyproject.sha256"
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" && -x "$venv/bin/python" ]]; then
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    python=""
    for candidate in python3.11 python3.12 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 13)))'; then
            python=$candidate
            break
        fi
    done
    if [[ -z "$python" ]]; then
        echo "需要 Python 3.11 或 3.12（未找到）。" >&2
        exit 1
    fi
    echo "==> 创建虚拟环境 $venv（$($python --version)）"
    if ! "$python" -m venv "$venv" 2>/dev/null; then
        # Debian's own python3 needs its venv package for ensurepip.
        rm -rf "$venv"
        version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        as_root=()
        if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi
        DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "python${version}-venv" \
            || { "${as_root[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "python${version}-venv"; }
        "$python" -m venv "$venv"
    fi
fi

echo "==> 安装 Python 依赖（pyproject.toml 有变化）"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
echo "$wanted" > "$stamp"
