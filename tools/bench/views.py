"""The ceiling: the least a Django view on this stack can do per request, one INSERT."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BARE_TABLE = "bench_bare_row"


@csrf_exempt
@require_POST
def bare_insert(request):
    # Same middleware stack and database connection handling as the app's views.
    with connection.cursor() as cursor:
        # bandit: a constant table name, no input
        cursor.execute(f"INSERT INTO {BARE_TABLE} (created_at) VALUES (now())")  # noqa: S608   # nosec B608
    return HttpResponse(b"ok", content_type="text/plain")
