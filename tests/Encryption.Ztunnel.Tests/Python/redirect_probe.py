#!/usr/bin/env python3
"""Run inside a pod network namespace: is TCP to a non-local address redirected to ztunnel's outbound
port 15001, and is a socket carrying ztunnel's mark (0x539) left alone? Prints one JSON line."""
import json
import socket

SO_MARK = 36
# On-link but unassigned: without redirection the SYN leaves and is never answered.
TARGET = ("10.99.0.9", 80)

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("0.0.0.0", 15001))
listener.listen(4)
listener.settimeout(2)


def attempt(mark):
    s = socket.socket()
    s.settimeout(1)
    if mark:
        s.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    try:
        s.connect(TARGET)
        conn, _ = listener.accept()
        conn.close()
        return "redirected"
    except OSError:
        return "not redirected"
    finally:
        s.close()


print(json.dumps({"plain": attempt(0), "ztunnel_marked": attempt(0x539)}), flush=True)
