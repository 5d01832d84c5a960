#!/usr/bin/env bash
# Stops at once, naming the folder, when YUSUAN_CORPUS is not the folder of the six
# visible documents the tests read (the list is yusuan-testkit's VISIBLE).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${YUSUAN_CORPUS:-$(cd .. && pwd)/shared/corpus/visible}"
if [ ! -d "$dir" ]; then
  echo "corpus folder $dir not found: set YUSUAN_CORPUS to the folder of the visible reports" >&2
  exit 1
fi
missing=()
while read -r f; do
  [ -f "$dir/$f" ] || missing+=("$f")
done < <(sed -n '/^pub const VISIBLE/,/^];/p' crates/testkit/src/lib.rs | grep -o '"[^"]*"' | tr -d '"')
if ((${#missing[@]})) || ! grep -q '^pub const VISIBLE: \[&str; 6\]' crates/testkit/src/lib.rs; then
  echo "corpus folder $dir lacks: ${missing[*]:-(the list in crates/testkit/src/lib.rs)}" >&2
  exit 1
fi
