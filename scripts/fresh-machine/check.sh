#!/usr/bin/env bash
# The README's two commands on a fresh Debian machine with only Node.js (issue 20's done-when check).
# A scratch bookworm chroot (debootstrap --variant=minbase) stands in for the machine; it gets what a
# fresh machine of this kind has (Node.js with npm and Node's headers, python3, make, g++, git, the
# CA certificates the machine trusts) and nothing else, a clone of this repository's HEAD, and then:
#   1. `npx -y pnpm@10 install && npx -y pnpm@10 start`: waits until it serves (the REST checkSession,
#      the WSDL), sends Ctrl-C (SIGINT to its process group), checks the exit status and the log;
#   2. `npx -y pnpm@10 install && npx -y pnpm@10 test`, to the end, then prints the summary line.
# Needs root on a Debian host with debootstrap, ≈ 4 GB of disk and 30+ minutes; not run in CI.
# Documented in docs/fresh-machine.md.
# Usage: sudo scripts/fresh-machine/check.sh [ROOT]   (ROOT: /var/tmp/mcc-fresh; logs in ROOT.logs/)
set -euo pipefail

repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
root="$(realpath -m "${1:-/var/tmp/mcc-fresh}")"
logs="$root.logs"
port="${PORT:-8080}"
[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "needs debootstrap: apt-get install -y debootstrap" >&2; exit 2; }
case "$root" in /|/usr|/usr/*|/etc|/etc/*|/home|/root) echo "refusing ROOT=$root" >&2; exit 2 ;; esac

# The host's Debian mirror (the first deb.debian.org-like URI of its sources that is not security).
mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  sed -n -E 's,^(URIs:[[:space:]]*|deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)(https?://[^ ]+/debian)/?([[:space:]].*)?$,\3,p' |
  head -n 1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
security="${mirror%/debian*}/debian-security"

unmount_all() {
  # Deepest first; never remove anything while a mount is left under the root.
  { findmnt -rn -o TARGET | grep -E "^$root(/|$)" || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
}
trap unmount_all EXIT

unmount_all
if findmnt -rn -o TARGET | grep -qE "^$root(/|$)"; then echo "mounts left under $root" >&2; exit 1; fi
rm -rf --one-file-system "$root" "$logs"
mkdir -p "$logs"
commit="$(git -C "$repo" rev-parse HEAD)"
echo "fresh-machine check of $commit in $root (mirror $mirror), logs in $logs" | tee "$logs/summary.txt"
started=$(date +%s)

echo "== debootstrap"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$logs/debootstrap.log" 2>&1
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF

mount -t proc proc "$root/proc"
mount --bind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount --bind /dev/shm "$root/dev/shm"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

# What a fresh machine of this kind has besides Debian minbase: python3, make, g++ (node-gyp builds
# better-sqlite3 from source), git (to clone), ca-certificates with the CA this network's egress
# uses (the npm registry is reached through it; the host's own extra CAs are copied).
run() { chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} "$@"; }
echo "== the machine's own packages"
run apt-get update -qq >"$logs/base.log" 2>&1
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  python3 make g++ git ca-certificates >>"$logs/base.log" 2>&1
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  run update-ca-certificates >>"$logs/base.log" 2>&1
fi

# Node.js with npm, as this kind of machine has it (the host's: binary, headers, npm, npm config).
echo "== Node.js $(node --version) from the host"
node_bin="$(realpath "$(command -v node)")"
node_prefix="$(dirname "$(dirname "$node_bin")")"
cp -a "$node_bin" "$root/usr/bin/node"
mkdir -p "$root/usr/include" "$root/usr/lib/node_modules" "$root/usr/etc"
cp -a "$node_prefix/include/node" "$root/usr/include/"
cp -a "$node_prefix/lib/node_modules/npm" "$root/usr/lib/node_modules/"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
for rc in /etc/npmrc /usr/etc/npmrc /root/.npmrc; do [ -f "$rc" ] && cp "$rc" "$root$rc"; done
run node --version >>"$logs/base.log"
run npm --version >>"$logs/base.log"

echo "== clone of $commit"
run git config --global --add safe.directory '*'
git clone -q --no-hardlinks "$repo" "$root/root/mcc"
git -C "$root/root/mcc" checkout -q "$commit"

# 1. The run command, stopped with Ctrl-C once it serves.
echo "== 1: npx -y pnpm@10 install && npx -y pnpm@10 start"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is taken on this host; set PORT=<free port> for the check" >&2; exit 1
fi
setsid chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 PORT="$port" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} \
  bash -c 'cd /root/mcc && npx -y pnpm@10 install && npx -y pnpm@10 start' >"$logs/start.log" 2>&1 &
start_pid=$!
rest="http://127.0.0.1:$port/mc/cxf/rest/json/checkSession?sessionId=fresh-1"
wsdl="http://127.0.0.1:$port/mc/cxf/soap?wsdl"
served=no
for _ in $(seq 1 600); do
  kill -0 "$start_pid" 2>/dev/null || break
  if node -e "Promise.all([fetch('$rest'),fetch('$wsdl')]).then(async([r,w])=>{const a=await r.text(),b=await w.text();if(!r.ok||!w.ok||!b.includes('definitions'))process.exit(1);console.log(a);console.log(b.length+' chars of WSDL')}).catch(()=>process.exit(1))" >"$logs/served.txt" 2>/dev/null; then
    served=yes; break
  fi
  sleep 1
done
kill -INT -- "-$start_pid" 2>/dev/null || true
status=0
wait "$start_pid" || status=$?
noise="$(grep -E 'ELIFECYCLE|ERR_PNPM|Command failed|WARN' "$logs/start.log" || true)"
# A clean stop: the server logged "stopped" (requests finished, store closed); the status is 0 from
# pnpm, 130 (the usual status of a Ctrl-C) from npx, which npm itself sets on SIGINT.
stopped=no
grep -q '"msg":"stopped"' "$logs/start.log" && stopped=yes
{
  echo "1: served=$served ($(head -c 200 "$logs/served.txt" | tr '\n' ' ')), exit status after Ctrl-C $status, stopped=$stopped"
  [ -z "$noise" ] && echo "1: no ELIFECYCLE / ERR_PNPM / WARN in the log" || echo "1: the log has: $noise"
} | tee -a "$logs/summary.txt"

# 2. The test command, to the end.
echo "== 2: npx -y pnpm@10 install && npx -y pnpm@10 test (log: $logs/test.log)"
t0=$(date +%s)
status2=0
run bash -c 'cd /root/mcc && npx -y pnpm@10 install && npx -y pnpm@10 test' >"$logs/test.log" 2>&1 || status2=$?
t1=$(date +%s)
line="$(run bash -c 'cd /root/mcc && node scripts/test-summary.mjs' 2>&1 | tail -n 1 || true)"
{
  echo "2: exit status $status2, $line, $(( (t1 - t0) / 60 )) min $(( (t1 - t0) % 60 )) s"
  echo "total $(( ($(date +%s) - started) / 60 )) min, $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee -a "$logs/summary.txt"
[ "$served" = yes ] && [ "$stopped" = yes ] && { [ "$status" -eq 0 ] || [ "$status" -eq 130 ]; } && [ -z "$noise" ] && [ "$status2" -eq 0 ]
