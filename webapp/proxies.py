"""Believe X-Forwarded-* only from the reverse proxies we run (F16).

ProxyFix alone takes the client address from X-Forwarded-For whenever PROXY_COUNT >= 1, so a
client reaching gunicorn directly could choose its own address for the rate limits and the audit
log. Here ProxyFix applies only when the direct peer is in TRUSTED_PROXIES; any other peer is
seen as it is.
"""

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix

# More proxies than this in front of one site is a misconfiguration, not a deployment.
MAX_PROXY_COUNT = 3


def trusted_networks(
    values, setting: str = "TRUSTED_PROXIES"
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Addresses or networks (127.0.0.1, 10.0.0.0/8, ::1); refuses anything else at start,
    naming the setting they came from."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError:
            raise RuntimeError(f"{setting}: {value!r} is not an IP address or network.") from None
    return networks


def check_proxy_settings(count: int, proxies) -> None:
    if not 0 <= count <= MAX_PROXY_COUNT:
        raise RuntimeError(
            f"PROXY_COUNT must be between 0 and {MAX_PROXY_COUNT} (the number of reverse proxies "
            f"in front of the site), not {count}."
        )
    if count and not proxies:
        raise RuntimeError(
            "PROXY_COUNT is set but TRUSTED_PROXIES is empty: list the proxy's address "
            "(for example 127.0.0.1) so that no one else's X-Forwarded-For is believed."
        )


class TrustedProxyFix:
    def __init__(self, wsgi_app, count: int, proxies):
        check_proxy_settings(count, proxies)
        self.direct = wsgi_app
        self.networks = trusted_networks(proxies)
        # X-Forwarded-Host stays ignored: the Host the proxy sends is checked against
        # TRUSTED_HOSTS, and links never come from it anyway (F1).
        self.behind_proxy = ProxyFix(wsgi_app, x_for=count, x_proto=count, x_host=0)

    def __call__(self, environ, start_response):
        if self.is_trusted(environ.get("REMOTE_ADDR")):
            return self.behind_proxy(environ, start_response)
        return self.direct(environ, start_response)

    def is_trusted(self, address: str | None) -> bool:
        return peer_in(address, self.networks)


def peer_in(address: str | None, networks) -> bool:
    """Whether a REMOTE_ADDR (an IPv6 zone or an IPv4-mapped form allowed) is in the networks;
    anything that is not an address is in none."""
    try:
        peer = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return False
    if getattr(peer, "ipv4_mapped", None):
        peer = peer.ipv4_mapped
    return any(peer in network for network in networks)
