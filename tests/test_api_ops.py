"""/readyz says 200 whenever drafter can draft (offline included) and names the backend; /docs and /redoc
work without internet: they reference no http(s) URL and every asset they load is served by drafter
(issue 15). In process, and against a real `drafter serve` on loopback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
import pytest

from tests.api_support import TOKEN, email_bytes, make_app, make_settings, running
from tests.test_api_serve import Server

PROBLEM = "application/problem+json"
# what a page loads: src/href attributes, Swagger UI's `url: '...'`, ReDoc's spec-url
ASSET = re.compile(r"""(?:\bsrc|\bhref|\bspec-url)\s*=\s*["']([^"']+)["']|\burl:\s*["']([^"']+)["']""")
EXTERNAL = re.compile(r"https?://", re.IGNORECASE)


def assets(page: str) -> set[str]:
    return {a or b for a, b in ASSET.findall(page)}


async def test_readyz_is_200_with_the_offline_backend(tmp_path: Path) -> None:
    """No key, no URL: `auto` drafts offline, so drafter is ready; chosen on purpose, the same."""
    for env in ({}, {"DRAFTER_MODEL__BACKEND": "offline"}):
        settings = make_settings(tmp_path, OPENAI_BASE_URL="", OPENAI_API_KEY="", **env)
        async with running(make_app(settings)) as client:
            ready = await client.get("/readyz")
            drafted = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                        headers={"content-type": "message/rfc822"})
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready" and ready.json()["backend"] == "offline"
        assert drafted.status_code in (200, 201) and drafted.json()["backend"] == "offline"


async def test_readyz_names_the_model_backend(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["backend"] == "openai"


async def test_readyz_is_503_before_start_and_after_stop(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, OPENAI_BASE_URL="", OPENAI_API_KEY=""))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://drafter.test") as client:
        before = await client.get("/readyz")
        async with app.router.lifespan_context(app):
            during = await client.get("/readyz")
        after = await client.get("/readyz")
        health = await client.get("/healthz")
    assert [before.status_code, during.status_code, after.status_code] == [503, 200, 503]
    assert before.headers["content-type"] == after.headers["content-type"] == PROBLEM
    assert after.json()["type"] == "urn:drafter:problem:not-ready" and after.headers["retry-after"]
    assert health.status_code == 200 and health.json() == {"status": "ok"}  # alive, unchanged


async def test_docs_and_redoc_load_nothing_from_the_internet(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        pages = {path: await client.get(path) for path in ("/docs", "/redoc")}
        loaded = {path: assets(page.text) for path, page in pages.items()}
        answers = {asset: await client.get(asset) for found in loaded.values() for asset in found}
    for path, page in pages.items():
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert not EXTERNAL.search(page.text), (path, EXTERNAL.findall(page.text))
    assert {"/static-offline-docs/swagger-ui-bundle.js", "/static-offline-docs/swagger-ui.css",
            "/openapi.json"} <= loaded["/docs"]
    assert {"/static-offline-docs/redoc.standalone.js", "/openapi.json"} <= loaded["/redoc"]
    assert {asset: r.status_code for asset, r in answers.items()} == dict.fromkeys(answers, 200)
    assert "swagger-ui" not in "".join(answers["/openapi.json"].json()["paths"])  # assets stay out of the schema


@pytest.mark.slow
def test_a_plain_drafter_serve_is_ready_and_its_docs_work_offline(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update({"DRAFTER_API_TOKEN": TOKEN, "DRAFTER_API__STORE_PATH": str(tmp_path / "jobs.db")})
    server = Server(tmp_path, env, tmp_path / "server.log")  # waits for /readyz to answer 200
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            ready = client.get("/readyz")
            drafted = client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                  headers={"content-type": "message/rfc822", "Authorization": f"Bearer {TOKEN}"})
            pages = {path: client.get(path) for path in ("/docs", "/redoc")}
            answers = {asset: client.get(asset).status_code for page in pages.values() for asset in assets(page.text)}
    finally:
        server.stop()
    assert ready.status_code == 200
    assert {key: ready.json()[key] for key in ("status", "backend")} == {"status": "ready", "backend": "offline"}
    assert drafted.status_code == 201 and drafted.json()["backend"] == "offline"
    assert all(page.status_code == 200 and not EXTERNAL.search(page.text) for page in pages.values())
    assert len(answers) >= 4 and set(answers.values()) == {200}, answers
