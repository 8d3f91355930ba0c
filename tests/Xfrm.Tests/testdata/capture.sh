#!/usr/bin/env bash
# Regenerates the golden netlink captures in this folder from iproute2 through strace.
# State adds need ESP and GCM, so run it inside user-mode-linux, from the repository root:
#
#   scripts/uml-run.sh -- tests/Xfrm.Tests/testdata/capture.sh
#
# Every NAME.hex file holds comment lines (the producing command, '#') and then the bytes of
# the netlink messages, 16 per line: NAME.request.hex is what `ip` sent, NAME.reply.hex is what
# the kernel answered (for dumps: every reply message up to and including NLMSG_DONE).
# Captures are taken in a fresh network namespace; sequence numbers and port ids are whatever
# iproute2 and the kernel chose at the time (tests ignore them).
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
ns=xfrm-capture
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT

# capture NAME DIRECTION(request|reply|both) ip-arguments...
capture() {
  local name=$1 what=$2; shift 2
  local log
  log=$(mktemp)
  ip netns exec "$ns" strace -f -xx -e trace=sendmsg,recvmsg -e write=all -e read=all ip xfrm "$@" >/dev/null 2>"$log" || true
  for direction in request reply; do
    if [ "$what" != both ] && [ "$what" != "$direction" ]; then continue; fi
    local syscall=sendmsg
    [ "$direction" = reply ] && syscall=recvmsg
    {
      echo "# ip xfrm $*"
      echo "# captured with: strace -f -xx -e trace=sendmsg,recvmsg -e write=all -e read=all (iproute2 $(ip -V | sed 's/.*iproute2-\([^,]*\).*/\1/'), kernel $(uname -r))"
      # Keep the hex dumps that follow the chosen syscall; skip the MSG_PEEK probes (no data).
      awk -v want="$syscall" '
        /^[a-z]+\(/ { keep = (index($0, want "(") == 1 && index($0, "MSG_PEEK") == 0); next }
        /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { if (keep) { print substr($0, 11, 48) } }
      ' "$log" | tr -s ' ' | sed 's/^ //; s/ $//'
    } > "$out/$name.$direction.hex"
  done
  rm -f "$log"
}

gcm_key=0x5ceb47a1b03dae618aa2b1fa45bd2ec718346d79
auth_key=0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
enc_key=0x202122232425262728292a2b2c2d2e2f

# Policies
capture policy-out-tunnel-mark request policy add src 0.0.0.0/0 dst 10.0.1.0/24 dir out \
  mark 0x13e00 mask 0xffffff00 tmpl src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel
capture policy-fwd-optional request policy add src 0.0.0.0/0 dst 0.0.0.0/0 dir fwd priority 2975 \
  tmpl src 0.0.0.0 dst 0.0.0.0 proto esp reqid 0 mode tunnel level use
capture policy-block-v6 request policy add src ::/0 dst ::/0 dir out priority 100 action block \
  mark 0xe00 mask 0xf00
capture policy-transport-ports-v6 request policy update src fd00::1/128 dst fd00::2/128 proto tcp dport 443 \
  dir out priority 10 flag localok if_id 7 tmpl src fd00::1 dst fd00::2 proto esp reqid 5 mode transport
capture policy-dump reply policy list
capture policy-delete both policy delete src 0.0.0.0/0 dst 10.0.1.0/24 dir out mark 0x13e00 mask 0xffffff00
capture policy-delete-missing reply policy delete src 0.0.0.0/0 dst 10.0.1.0/24 dir out mark 0x13e00 mask 0xffffff00
capture policy-spdinfo reply policy count

# States
capture state-aead-esn-v4 request state add src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel \
  replay-window 1024 flag esn mark 0x13e00 mask 0xffffff00 output-mark 0xe00 mask 0xffffff00 \
  aead 'rfc4106(gcm(aes))' "$gcm_key" 128
capture state-cbc-hmac-v6 request state add src fd00::1 dst fd00::2 proto esp spi 0x100 reqid 2 mode tunnel \
  replay-window 32 auth-trunc 'hmac(sha256)' "$auth_key" 128 enc 'cbc(aes)' "$enc_key" if_id 9 \
  sel src fd00::1/128 dst fd00::2/128
capture state-dump reply state list
capture state-get both state get src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 mark 0x13e00 mask 0xffffff00
capture state-sadinfo reply state count
capture state-delete both state delete src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 mark 0x13e00 mask 0xffffff00
capture state-delete-missing reply state delete src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 mark 0x13e00 mask 0xffffff00
capture state-flush request state flush

# Rendered text of the same objects, for the text renderer tests.
ip netns del "$ns"; ip netns add "$ns"
ip -n "$ns" xfrm policy add src 0.0.0.0/0 dst 10.0.1.0/24 dir out \
  mark 0x13e00 mask 0xffffff00 tmpl src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel
ip -n "$ns" xfrm policy add src 0.0.0.0/0 dst 0.0.0.0/0 dir fwd priority 2975 \
  tmpl src 0.0.0.0 dst 0.0.0.0 proto esp reqid 0 mode tunnel level use
ip -n "$ns" xfrm state add src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel \
  replay-window 1024 flag esn mark 0x13e00 mask 0xffffff00 output-mark 0xe00 mask 0xffffff00 \
  aead 'rfc4106(gcm(aes))' "$gcm_key" 128
ip -n "$ns" xfrm state add src fd00::1 dst fd00::2 proto esp spi 0x100 reqid 2 mode tunnel \
  replay-window 32 auth-trunc 'hmac(sha256)' "$auth_key" 128 enc 'cbc(aes)' "$enc_key" if_id 9 \
  sel src fd00::1/128 dst fd00::2/128
{ echo "# ip xfrm policy list (after adding the policies of policy-out-tunnel-mark and policy-fwd-optional)"; ip -n "$ns" xfrm policy list; } > "$out/policy-list.txt"
{ echo "# ip xfrm state list (after adding state-aead-esn-v4 and state-cbc-hmac-v6)"; ip -n "$ns" xfrm state list; } > "$out/state-list.txt"
echo "captured into $out"
