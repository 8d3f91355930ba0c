#!/usr/bin/env python3
"""Writes the WG_CMD_GET_DEVICE reply fixtures, laid out as the kernel's drivers/net/wireguard/netlink.c emits them.

The host kernel here has no WireGuard module, so these bytes are built from the kernel's UAPI header and
get_device_dump()/get_peer(), independently of the C# code; GenetlinkDumpTests then checks that wg(8) itself
(through wgshim.so) reads them the way our parser does. Run: python3 make-genetlink-get.py
"""
import base64, struct

FAMILY = 0x1b
def attr(t, payload, nested=False):
    n = 4 + len(payload)
    return struct.pack("<HH", n, t | (0x8000 if nested else 0)) + payload + b"\0" * ((4 - n % 4) % 4)
def u16(t, v): return attr(t, struct.pack("<H", v))
def u32(t, v): return attr(t, struct.pack("<I", v))
def u64(t, v): return attr(t, struct.pack("<Q", v))
def key(b64): return base64.b64decode(b64)
def sockaddr4(ip, port): return struct.pack("<H", 2) + struct.pack(">H", port) + bytes(map(int, ip.split("."))) + b"\0" * 8
def sockaddr6(ip16, port): return struct.pack("<H", 10) + struct.pack(">H", port) + b"\0" * 4 + ip16 + b"\0" * 4
def allowedip(family, addr, cidr): return attr(0, u16(1, family) + attr(2, addr) + attr(3, bytes([cidr])), nested=True)
def v4(ip): return bytes(map(int, ip.split(".")))
def v6(last): return bytes.fromhex("fd00" + "00" * 13) + bytes([last])
def message(attrs):
    body = bytes([0, 1, 0, 0]) + attrs  # genlmsghdr: cmd WG_CMD_GET_DEVICE, version 1
    return struct.pack("<IHHII", 16 + len(body), FAMILY, 0x2, 0, 0) + body  # NLM_F_MULTI

PRIV = key("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=")
PUB = key("FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=")
B = key("11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g=")
BOB = key("3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=")
device = u16(6, 51871) + u32(7, 0x1E00) + u32(1, 5) + attr(2, b"cilium_wg0\0") + attr(3, PRIV) + attr(4, PUB)

def peer_head(pub, handshake, keepalive, tx, rx, endpoint):
    return (attr(1, pub) + attr(2, b"\0" * 32) + attr(6, struct.pack("<qq", *handshake)) + u16(5, keepalive)
            + u64(8, tx) + u64(7, rx) + u32(10, 1) + attr(4, endpoint))

b_ips = [allowedip(2, v4("10.100.0.2"), 32), allowedip(10, v6(2), 128), allowedip(2, v4("10.244.1.0"), 24)]
bob_ips = [allowedip(2, v4("10.100.0.3"), 32), allowedip(10, v6(3), 128)]
peer_b = peer_head(B, (1795345116, 661744469), 25, 712, 476, sockaddr4("10.99.0.2", 51871))
peer_bob = peer_head(BOB, (0, 0), 0, 0, 0, sockaddr6(v6(3), 51871))

canonical = message(device + attr(8, attr(0, peer_b + attr(9, b"".join(b_ips), True), True)
                                  + attr(0, peer_bob + attr(9, b"".join(bob_ips), True), True), True))
# The same device as the kernel sends it when it does not fit one message: B's prefixes continue in a second
# message (PUBLIC_KEY + ALLOWEDIPS only), and Bob comes in a third with only IFNAME + PEERS at device level.
split = [
    message(device + attr(8, attr(0, peer_b + attr(9, b"".join(b_ips[:1]), True), True), True)),
    message(attr(2, b"cilium_wg0\0") + attr(8, attr(0, attr(1, B) + attr(9, b"".join(b_ips[1:]), True), True), True)),
    message(attr(2, b"cilium_wg0\0") + attr(8, attr(0, peer_bob + attr(9, b"".join(bob_ips), True), True), True)),
]
open("canonical.genetlink-get.hex", "w").write(canonical.hex() + "\n")
open("split.genetlink-get.hex", "w").write("".join(m.hex() + "\n" for m in split))
