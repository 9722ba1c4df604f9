/**
 * The text of `docker/Dockerfile-uv`: one multi-stage Dockerfile for the dev and prod images.
 *
 *   base       CUDA devel image (BASE_IMAGE, from CUDA_VERSION) + uv copied from UV_IMAGE
 *   deps-dev   the dev dependencies from only pyproject.toml + uv.lock (--no-install-local)
 *   wheel      flash-attn compiled once for this CUDA version (FLASH_ATTN_VERSION=none skips it)
 *   build-dev  the workspace sources on top, uv sync --locked; what that sync added to the venv
 *              (the members' editable installs) is also collected in /members/venv
 *   deps-prod  prod/pyproject.toml + prod/uv.lock (--no-dev): internal packages from their tags
 *   dev, prod  final images on RUNTIME_IMAGE: the venv (and sources for dev), no build tools, no uv
 *
 * The dev image takes the third-party venv from deps-dev in a layer of its own, then the sources
 * and /members/venv: a source edit rebuilds and re-exports only those small layers, never the
 * (torch-sized) venv, whose copy, content hash and layer export would otherwise cost seconds per
 * hundred MB on every rebuild (tools/bench/docker measures it).
 *
 * Follows uv's Docker guidance: a cache mount for the uv cache, UV_LINK_MODE=copy,
 * UV_COMPILE_BYTECODE=1, the dependency layer before the sources. No `# syntax=` line: it would
 * pull a frontend image.
 */
import { PYTHON_TOOL_STATE } from '../model/tool-state';
export interface DockerfileUvOptions {
  uvVersion: string;
  /** Default CUDA version (`CUDA_VERSION` build arg). */
  cudaVersion: string;
  /** Where the prod environment lives (`prod`). */
  prodDir: string;
}

export function dockerfileUv(o: DockerfileUvOptions): string {
  const prod = o.prodDir;
  return `# Written by @mlws/nx (nx g @mlws/nx:dockerfile). Stages: base → deps-dev → wheel → build-dev → dev,
#                                                   base → deps-prod → prod.
# Build with Nx:      nx run dev:docker-build:cu124      nx run ${prod}:docker-build:cu124
# or by hand:         docker build -f docker/Dockerfile-uv --target prod \\
#                       --build-arg CUDA_VERSION=12.4.1 --build-arg BACKEND=cu124 --build-arg ENV_BACKEND=cu124 -t myproj:prod-cu124 .
# BACKEND is the torch extra of the root (dev) pyproject, ENV_BACKEND the one of ${prod}/pyproject.toml: leave
# either empty when that pyproject declares no backend extras (CUDA_VERSION still picks the base image).
ARG CUDA_VERSION=${o.cudaVersion}
ARG BASE_IMAGE=nvidia/cuda:\${CUDA_VERSION}-cudnn-devel-ubuntu22.04
ARG RUNTIME_IMAGE=nvidia/cuda:\${CUDA_VERSION}-cudnn-runtime-ubuntu22.04
ARG UV_IMAGE=ghcr.io/astral-sh/uv:${o.uvVersion}

FROM \${UV_IMAGE} AS uv

# ---- base: build tools, uv, a Python for the venvs ------------------------------------------
FROM \${BASE_IMAGE} AS base
COPY --from=uv /uv /uvx /usr/local/bin/
RUN command -v git >/dev/null || (apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*)
ENV UV_LINK_MODE=copy \\
    UV_COMPILE_BYTECODE=1 \\
    UV_PYTHON_INSTALL_DIR=/opt/uv-python \\
    UV_PROJECT_ENVIRONMENT=/app/.venv
RUN mkdir -p /opt/uv-python
WORKDIR /app

# ---- deps-dev: third-party dependencies of the workspace, from pyproject.toml + uv.lock only ----
FROM base AS deps-dev
ARG BACKEND=
# The members' build backend, installed once here so that a source change does not rebuild their
# editable installs in fresh isolated build environments (set it empty to build them isolated).
ARG MEMBER_BUILD_DEPS="hatchling editables"
COPY pyproject.toml uv.lock .python-version /app/
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --frozen --no-install-local \${BACKEND:+--extra "$BACKEND"} && \\
    if [ -n "$MEMBER_BUILD_DEPS" ]; then uv pip install --python /app/.venv $MEMBER_BUILD_DEPS; fi

# ---- wheel: flash-attn compiled once per CUDA version (FLASH_ATTN_VERSION=none skips) -----------
FROM deps-dev AS wheel
ARG FLASH_ATTN_VERSION=none
RUN --mount=type=cache,target=/root/.cache/uv \\
    mkdir -p /wheels && if [ "$FLASH_ATTN_VERSION" != "none" ]; then \\
      uv pip install --python /app/.venv pip ninja packaging wheel setuptools && \\
      MAX_JOBS="\${MAX_JOBS:-4}" /app/.venv/bin/python -m pip wheel --no-build-isolation --no-deps -w /wheels "flash-attn==$FLASH_ATTN_VERSION"; \\
    fi

# ---- build-dev: the workspace members (editable) on top of the dependency layer -----------------
FROM deps-dev AS build-dev
ARG BACKEND=
ARG MEMBER_BUILD_DEPS="hatchling editables"
COPY . /app
COPY --from=wheel /wheels /wheels
# No bytecode pass here: deps-dev compiled the third-party files, the members are editable
# (their sources are not compiled by uv), and the pass re-checks every file of the venv (seconds
# for a torch-sized one) on every source change. /members/venv: every file of the venv this step
# wrote (find -newer a marker), what the dev image adds to the deps-dev venv.
RUN --mount=type=cache,target=/root/.cache/uv \\
    touch /tmp/before-members && export UV_COMPILE_BYTECODE=0 && \\
    uv sync --locked --all-packages \${BACKEND:+--extra "$BACKEND"} \${MEMBER_BUILD_DEPS:+--inexact --no-build-isolation} && \\
    if ls /wheels/*.whl >/dev/null 2>&1; then uv pip install --python /app/.venv /wheels/*.whl; fi && \\
    mkdir -p /members/venv && cd / && find app/.venv -newer /tmp/before-members ! -type d -print0 | \\
      tar --null --no-recursion -T - -cf - | tar -xf - -C /members/venv

# ---- deps-prod: the prod environment, internal packages from their stable tags ------------------
FROM base AS deps-prod
ARG ENV_BACKEND=
ENV UV_PROJECT_ENVIRONMENT=/app/${prod}/.venv
COPY .python-version /app/
COPY ${prod}/pyproject.toml ${prod}/uv.lock /app/${prod}/
COPY --from=wheel /wheels /wheels
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --locked --no-dev --no-install-project --project ${prod} \${ENV_BACKEND:+--extra "$ENV_BACKEND"} && \\
    if ls /wheels/*.whl >/dev/null 2>&1; then uv pip install --python /app/${prod}/.venv /wheels/*.whl; fi

# ---- dev: venv (third-party layer, then the members' installs) + sources on the runtime image -------
FROM \${RUNTIME_IMAGE} AS dev
COPY --from=base /opt/uv-python /opt/uv-python
COPY --from=deps-dev /app/.venv /app/.venv
COPY . /app
COPY --from=build-dev /members/venv/ /
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH \\
    VIRTUAL_ENV=/app/.venv

# ---- prod: only the prod venv on the runtime image ------------------------------------------------
FROM \${RUNTIME_IMAGE} AS prod
COPY --from=base /opt/uv-python /opt/uv-python
COPY --from=deps-prod /app/${prod}/.venv /app/${prod}/.venv
WORKDIR /app
ENV PATH=/app/${prod}/.venv/bin:$PATH \\
    VIRTUAL_ENV=/app/${prod}/.venv
`;
}

/** What the build context must leave out (venvs, Nx state, build output, git metadata). */
export const DOCKERIGNORE = [
  ...PYTHON_TOOL_STATE.map((x) => `**/${x}`),
  '**/node_modules',
  '.nx',
  '.git',
  '**/.git',
  '',
].join('\n');

/** Stage names a Dockerfile defines (`FROM x AS name`), lower-cased. */
export function dockerfileStages(text: string): string[] {
  const stages: string[] = [];
  for (const m of text.matchAll(/^\s*FROM\s+\S+(?:\s+--platform=\S+)?\s+AS\s+([A-Za-z0-9_.-]+)\s*$/gim))
    stages.push(m[1].toLowerCase());
  return stages;
}

/**
 * A package's own image (`packages/<dir>/Dockerfile`, built with the workspace root as context):
 * the package and its dependencies from the workspace lock, nothing else.
 */
export function packageDockerfile(o: DockerfileUvOptions & { packageDir: string; distribution: string }): string {
  return `# Written by @mlws/nx (nx g @mlws/nx:dockerfile --project ${o.distribution}). Build from the workspace root:
#   nx run ${o.distribution}:docker-build:cu124
ARG CUDA_VERSION=${o.cudaVersion}
ARG BASE_IMAGE=nvidia/cuda:\${CUDA_VERSION}-cudnn-devel-ubuntu22.04
ARG RUNTIME_IMAGE=nvidia/cuda:\${CUDA_VERSION}-cudnn-runtime-ubuntu22.04
ARG UV_IMAGE=ghcr.io/astral-sh/uv:${o.uvVersion}

FROM \${UV_IMAGE} AS uv

FROM \${BASE_IMAGE} AS build
COPY --from=uv /uv /uvx /usr/local/bin/
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 UV_PYTHON_INSTALL_DIR=/opt/uv-python UV_PROJECT_ENVIRONMENT=/app/.venv
RUN mkdir -p /opt/uv-python
WORKDIR /app
ARG BACKEND=
COPY pyproject.toml uv.lock .python-version /app/
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --frozen --no-install-local --no-dev --package ${o.distribution} \${BACKEND:+--extra "$BACKEND"}
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --locked --no-dev --no-editable --package ${o.distribution} \${BACKEND:+--extra "$BACKEND"}

FROM \${RUNTIME_IMAGE} AS runtime
COPY --from=build /opt/uv-python /opt/uv-python
COPY --from=build /app/.venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH VIRTUAL_ENV=/app/.venv
WORKDIR /app
`;
}
