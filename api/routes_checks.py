"""POST /v1/checks: the guardrail verdict on a draft someone wrote or edited."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.bodies import read_json
from api.deps import Authenticated, ServicesDep
from api.problems import problem_responses
from api.schemas import CheckOut, CheckRequest
from drafter_core.values import Verdict
from guardrails import check_draft, context_from_settings

router = APIRouter(tags=["checks"], dependencies=Authenticated)
CHECK_IN_THREAD_CHARS = 256 * 1024
CHECK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}},
    }
}


@router.post(
    "/v1/checks",
    response_model=None,
    summary="Check a draft against the guardrails",
    openapi_extra=CHECK_BODY,
    responses={200: {"model": CheckOut, "description": "The verdict (passed or not)"},
               **problem_responses(400, 401, 408, 413, 415, 422)},
)
async def check(request: Request, services: ServicesDep) -> JSONResponse:
    """The same checks a generated draft must pass, with the characters each violation is about."""
    body = await read_json(request, CheckRequest)
    context = context_from_settings(services.settings, body.today or services.today(),
                                    follow_up_date=body.follow_up_date)
    if len(body.draft) > CHECK_IN_THREAD_CHARS:
        verdict: Verdict = await asyncio.to_thread(check_draft, body.draft, context)
    else:
        verdict = check_draft(body.draft, context)
    return JSONResponse({"passed": verdict.passed, "codes": verdict.codes,
                         "violations": [v.model_dump() for v in verdict.violations]})
