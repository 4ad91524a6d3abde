#!/usr/bin/env bash
# Install the Debian packages the app (and, with --test, the tests) need.
# Cheap when everything is present: one dpkg-query, no apt at all.
set -euo pipefail
cd "$(dirname "$0")/.."

lists=(scripts/debian-packages.txt)
if [[ "${1:-}" == "--test" ]]; then
    lists+=(scripts/debian-packages-test.txt)
fi
mapfile -t wanted < <(grep -hv '^\s*\(#\|$\)' "${lists[@]}")

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if ! command -v apt-get >/dev/null; then
    echo "缺少系统软件包：${missing[*]}。本机没有 apt-get，请手动安装后重试。" >&2
    exit 1
fi
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    as_root=(sudo)
fi
echo "==> 安装系统软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
