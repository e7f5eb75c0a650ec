"""The client's address, the same way for lockouts (django-axes) and rate limits.

Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it saw to
X-Forwarded-For, the client is the entry that many places from the right. Entries
further left were written by the client and cannot be trusted.
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ip_address(address))
    except ValueError:
        return None
