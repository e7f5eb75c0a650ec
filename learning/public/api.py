"""The open data's public API: read-only, published data only, paginated, rate-limited.

GET /open-data/reviews/?page=N   one page of the open data (learning.opendata)
GET /open-data/schema/1.1.json   the JSON Schema it follows
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe

from security.ratelimit import rate_limit

from .. import opendata

PAGE_SIZE = 20


@require_safe
@rate_limit("open_data")
def reviews(request):
    paginator = Paginator(opendata.published_reviews(), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("No such page.") from exc
    base = request.build_absolute_uri("/").rstrip("/")

    def link(number):
        return request.build_absolute_uri(f"?page={number}")

    document = opendata.page_of(
        [opendata.review_record(review, base) for review in page.object_list],
        paginator.count,
        link(page.next_page_number()) if page.has_next() else None,
        link(page.previous_page_number()) if page.has_previous() else None,
    )
    response = JsonResponse(document)
    response["Link"] = f'<{request.build_absolute_uri(opendata.schema_url())}>; rel="describedby"'
    return response


@require_safe
@rate_limit("open_data")
def schema(request, version):
    if version != opendata.SCHEMA_VERSION:
        raise Http404("No such version.")
    return JsonResponse(opendata.schema())
