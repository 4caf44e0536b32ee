# drafter's HTTP API (`drafter serve`) as an image. How to build and run it: docs/deploy.md.
#
#   docker build -t drafter .
#   docker run -e DRAFTER_API_TOKEN=… -e OPENAI_API_KEY=… -p 8000:8000 -v drafter-data:/data drafter
#
# Two stages: `build` turns the source tree into a wheel; the runtime stage installs only that wheel
# (and its dependencies, as binary wheels from the registry) into a venv, so neither the source tree
# nor a compiler ends up in the image. .ci/wheel-smoke checks the same wheel outside the tree in CI.

ARG PYTHON_IMAGE=python:3.11-slim

# -- build: the wheel -------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# Only what the wheel is built from; .dockerignore keeps out tests, samples, venvs, caches and secrets.
COPY . .
RUN python -m pip wheel --no-deps --wheel-dir /dist .

# -- runtime: the wheel in a venv, run by a non-root user -------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# uid/gid 10001, fixed: a bind-mounted data folder can be chown'ed to it on the host, it is unlikely
# to be a host user's, and USER names it by number (Kubernetes' runAsNonRoot can only verify a number).
RUN groupadd --system --gid 10001 drafter \
 && useradd --system --uid 10001 --gid drafter --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin drafter \
 && mkdir /data && chown drafter:drafter /data && chmod 0750 /data

# --only-binary: a dependency without a wheel for this platform fails the build here, rather than
# trying to compile with the compiler this image does not have.
COPY --from=build /dist/ /tmp/dist/
RUN python -m venv /opt/drafter \
 && /opt/drafter/bin/python -m pip install --no-cache-dir --disable-pip-version-check --only-binary=:all: \
        /tmp/dist/drafter-*.whl \
 && rm -rf /tmp/dist

# DRAFTER_API__STORE_PATH is `[api] store_path`: the job store (SQLite, plus its -wal, -shm and .lock
# files) lives in the volume, so accepted jobs survive a restart and finish after it.
ENV PATH=/opt/drafter/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DRAFTER_API__STORE_PATH=/data/drafter.sqlite3

VOLUME ["/data"]
WORKDIR /data
USER 10001:10001
EXPOSE 8000

# /healthz answers 200 while the process is alive (no token needed); /readyz is the one to route
# traffic by (store writable, model configured). slim has no curl: python's urllib does the request,
# and any error or non-2xx status exits 1, which Docker counts as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# drafter serve refuses a non-loopback host without a token: pass DRAFTER_API_TOKEN at run time.
CMD ["drafter", "serve", "--host", "0.0.0.0", "--port", "8000"]
