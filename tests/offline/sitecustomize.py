"""Offline guard: refuse every network connection except to this machine.

`tests/conftest.py` puts this folder first on PYTHONPATH, so every Python
process the tests start (the notebook kernels under nbval included) imports
it at start-up. A notebook that tries to reach the network then fails at
once with a clear message instead of hanging or passing by luck.
"""

import ipaddress
import socket

_MESSAGE = "network access is disabled while the course's tests run (offline guard): {}"
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _is_local(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise OSError(_MESSAGE.format(address))


def _guarded_connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host.decode() if isinstance(host, bytes) else host):
        raise socket.gaierror(_MESSAGE.format(host))
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
