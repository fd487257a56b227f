"""The offline guard really blocks the network, here and in child processes (kernels)."""

import socket
import subprocess
import sys

import pytest

ATTEMPT = "import socket; socket.create_connection(('93.184.216.34', 80), timeout=5)"


def test_guard_blocks_a_real_connection_attempt_in_this_process():
    with pytest.raises(OSError, match="offline guard"):
        socket.create_connection(("93.184.216.34", 80), timeout=5)
    with pytest.raises(OSError, match="offline guard"):
        socket.getaddrinfo("example.com", 443)


def test_each_layer_of_the_guard_blocks_on_its_own():
    # create_connection resolves first, so a raw socket checks connect() without getaddrinfo.
    for method in ("connect", "connect_ex"):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(OSError, match="offline guard"):
                getattr(sock, method)(("93.184.216.34", 80))
        finally:
            sock.close()


def test_guard_is_active_in_child_processes_like_notebook_kernels():
    out = subprocess.run([sys.executable, "-c", ATTEMPT], capture_output=True, text=True)
    assert out.returncode != 0 and "offline guard" in out.stderr


def test_guard_lets_loopback_through():
    """Notebook kernels talk to Jupyter over localhost: the guard must let that through, and data must flow."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    accepted, peer = server.accept()
    client.sendall(b"ping")
    assert accepted.recv(4) == b"ping" and peer == client.getsockname()
    for s in (accepted, client, server):
        s.close()


@pytest.mark.slow
def test_notebook_kernels_run_guarded():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(ATTEMPT, timeout=60)
        assert reply["content"]["status"] == "error"
        assert "offline guard" in reply["content"]["evalue"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
