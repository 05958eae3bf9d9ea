"""Keep FalkorDB's Bolt listener to one address: a socket filter on the listener redis-server opened.

FalkorDB's Bolt module binds its port on every interface (``in6addr_any``, hard-coded; neither the module nor
redis's ``bind`` directive changes it) and has no real authentication. To serve it on loopback only, newsgraph
takes a copy of that listening socket out of the server (``pidfd_getfd``, Linux 5.6+, the server being our own
user's process) and attaches a classic BPF filter to it that drops every packet not addressed to the allowed
addresses: a SYN to any other address of the host is never answered. Connections the server accepted before the
filter was attached are shut down if they came to another address. Where this cannot be done, the caller stops the
server and says so, rather than serve every interface unasked.
"""

from __future__ import annotations

import contextlib
import ctypes
import ipaddress
import logging
import os
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import BadSetting, StoreUnavailable

_SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture
_SO_ATTACH_FILTER = 26
_NET = 0xFFF00000  # SKF_NET_OFF: offsets from the IP header
_PROTOCOL = 0xFFFFF000  # SKF_AD_OFF + SKF_AD_PROTOCOL: the packet's ethertype
_LD_H, _LD_W, _AND, _JEQ, _RET = 0x28, 0x20, 0x54, 0x15, 0x06


#: The Bolt hosts meaning every interface: FalkorDB's own binding, left as it is (with a warning).
ALL_INTERFACES = ("0.0.0.0", "::")


class GuardUnavailable(OSError):
    """The listener cannot be reached or filtered on this system."""


def loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or ``localhost``).

    >>> loopback("127.0.0.1"), loopback("localhost"), loopback("::1"), loopback("0.0.0.0")
    (True, True, True, False)
    """
    return host == "localhost" or ipaddress.ip_address(host).is_loopback


def check_host(host: str) -> str:
    """``host`` if it is ``localhost`` or an IP address.

    Raises:
        BadSetting: it is neither.
    """
    try:
        loopback(host)
    except ValueError:
        raise BadSetting(f"Bolt host must be an IP address of this machine, 'localhost' or 0.0.0.0 (every "
                         f"interface), got {host!r}") from None
    return host


def restrict(pid: int, port: int, host: str) -> None:
    """Let the Bolt listener on ``port`` of server ``pid`` accept only connections to ``host`` (an IP address or
    ``localhost``: 127.0.0.0/8 and ::1).

    Raises:
        GuardUnavailable: not Linux, no ``pidfd_getfd`` (or not permitted), or no such listener.
    """
    program, _keep = _program(host)  # the buffer must live until the kernel copied the program
    if not _scan(pid, port, host, program):
        raise GuardUnavailable(f"no Bolt listener on port {port} in process {pid}")
    time.sleep(0.2)  # connections queued before the filter was on: let the server accept them, then end them
    _scan(pid, port, host, None)


def _scan(pid: int, port: int, host: str, program: bytes | None) -> bool:
    """Attach ``program`` to the listener on ``port`` (if given) and shut down the connections the server accepted
    to another address than ``host``; return whether the listener was found."""
    found = False
    for fd in _sockets(pid):
        try:
            sock = socket.socket(fileno=fd)
        except OSError:
            os.close(fd)
            continue
        try:
            if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.getsockname()[1] != port:
                continue
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                if program is not None:
                    sock.setsockopt(socket.SOL_SOCKET, _SO_ATTACH_FILTER, program)
                found = True
            elif not _allowed(sock.getsockname()[0], host):
                sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.close()  # our copy only; the server keeps its own descriptor
    return found


def _sockets(pid: int) -> Iterator[int]:
    """Copies of the socket descriptors of process ``pid`` (each to be closed by the caller)."""
    if not hasattr(os, "pidfd_open"):
        raise GuardUnavailable("needs Linux (pidfd_open)")
    syscall = ctypes.CDLL(None, use_errno=True).syscall
    try:
        pidfd = os.pidfd_open(pid)
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError as exc:
        raise GuardUnavailable(f"cannot open process {pid}: {exc.strerror}") from exc
    try:
        for name in names:
            try:
                if not os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                    continue
            except OSError:
                continue
            fd = syscall(_SYS_PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                errno = ctypes.get_errno()
                raise GuardUnavailable(errno, f"pidfd_getfd on process {pid}: {os.strerror(errno)}")
            yield fd
    finally:
        os.close(pidfd)


def _allowed(address: str, host: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback if loopback(host) else ip == ipaddress.ip_address(host)


def _program(host: str) -> tuple[bytes, ctypes.Array]:
    """A classic BPF program accepting IPv4/IPv6 packets to ``host`` (loopback: 127.0.0.0/8 or ::1), dropping the
    rest: a ``struct sock_fprog`` for SO_ATTACH_FILTER and the buffer of instructions it points to."""
    if loopback(host):
        v4: list[tuple[int, int]] = [(0x7F000000, 0xFF000000)]
        v6: list[bytes] = [ipaddress.IPv6Address("::1").packed]
    else:
        ip = ipaddress.ip_address(host)
        v4 = [(int(ip), 0xFFFFFFFF)] if ip.version == 4 else []
        v6 = [ip.packed] if ip.version == 6 else []
    # Assemble with symbolic targets: "accept", "drop", "v6", or the next instruction.
    code: list[tuple[int, str | int, str | int, int]] = [(_LD_H, 0, 0, _PROTOCOL), (_JEQ, 0, "ipv6", 0x0800)]
    for value, mask in v4:
        code += [(_LD_W, 0, 0, _NET + 16), (_AND, 0, 0, mask), (_JEQ, "accept", 0, value)]
    code += [(_RET, 0, 0, 0)]
    labels = {"ipv6": len(code)}
    code += [(_LD_H, 0, 0, _PROTOCOL), (0x15, 0, "drop", 0x86DD)]
    for address in v6:
        words = struct.unpack("!4I", address)
        start = len(code)
        for i, word in enumerate(words):
            code += [(_LD_W, 0, 0, _NET + 24 + 4 * i), (_JEQ, 0, f"skip{start}", word)]
        code += [(_RET, 0, 0, 0xFFFFFFFF)]
        labels[f"skip{start}"] = len(code)
    labels["drop"] = len(code)
    code += [(_RET, 0, 0, 0)]
    labels["accept"] = len(code)
    code += [(_RET, 0, 0, 0xFFFFFFFF)]

    def offset(at: int, target: str | int) -> int:
        return target if isinstance(target, int) else labels[target] - at - 1

    raw = b"".join(struct.pack("HBBI", op, offset(i, jt), offset(i, jf), k) for i, (op, jt, jf, k) in enumerate(code))
    buffer = ctypes.create_string_buffer(raw, len(raw))
    return struct.pack("HP", len(code), ctypes.addressof(buffer)), buffer


def keep(pid: int, port: int, host: str, record: Path) -> None:
    """Keep the Bolt listener of server ``pid`` on ``port`` to ``host`` (``restrict``), or log that it takes every
    interface when ``host`` is one of ``ALL_INTERFACES``; then write ``host port`` to ``record``.

    Raises:
        StoreUnavailable: the listener cannot be kept to ``host`` on this system (the caller stops the server).
    """
    if host in ALL_INTERFACES:
        logging.getLogger(__name__).info("Bolt on port %d accepts connections on every interface, with no "
                                         "authentication: anyone who can reach this machine can read and change "
                                         "the graph", port)
    else:
        try:
            restrict(pid, port, host)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot keep FalkorDB's Bolt port {port} to {host} on this system ({exc}); FalkorDB itself listens "
                "on every interface: leave Bolt off, or pass --bolt-host 0.0.0.0 to accept that (no "
                "authentication)") from exc
    with contextlib.suppress(OSError):
        record.write_text(f"{host} {port}\n")
