"""The bare request: the least a Django view on this stack does per request, one INSERT.

The bench's unit of CPU cost: a whole intake is priced in these (``make bench``).
"""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BARE_TABLE = "bench_bare_row"


def create_bare_table():
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, created_at timestamptz)"
        )


@csrf_exempt
@require_POST
def bare_insert(request):
    # The same middleware stack and database connection handling as the app's views.
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BARE_TABLE} (created_at) VALUES (now())")  # noqa: S608
    return HttpResponse(b"ok", content_type="text/plain")
