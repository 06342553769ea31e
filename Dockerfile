# heaplab: multi-stage build. The final image holds the compiled service and production
# dependencies only, runs as the unprivileged `node` user on Node 22 LTS, and honours PORT
# and HOST. Sandboxes are kept in SQLite under /app/data (a volume: mount one to keep them
# across containers).
#   docker build -t heaplab .
#   docker run --rm -p 8080:8080 -v heaplab-data:/app/data heaplab

# ---- build: compile TypeScript (src, routes, sandbox) to dist/
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# tsc needs no native module: skip install scripts here (the deps stage builds better-sqlite3).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY sandbox ./sandbox
COPY playground ./playground
RUN npm run build

# ---- deps: production dependencies only. better-sqlite3's install script fetches its
# prebuilt binary for this Node and libc, or compiles it (hence python3, make, g++ here only).
FROM node:22-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM node:22-bookworm-slim
# The shutdown grace (8 s) is shorter than Docker's default 10 s stop timeout, so a stop
# finishes in-flight requests and closes the store before Docker would SIGKILL.
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    HEAPLAB_DATA_DIR=/app/data \
    HEAPLAB_SHUTDOWN_GRACE_MS=8000
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json openapi.yaml ./
# The shipped exercises (POST /v1/grade by id) and the `heaplab grade` command (runs dist/).
COPY --chown=root:root exercises ./exercises
COPY --chown=root:root bin ./bin
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 8080
# Probes the address the server listens on: HOST itself, or loopback when HOST is a wildcard.
# Sandboxes are rebuilt (replayed) after the server listens, so start-up is quick.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "const h = process.env.HOST || '0.0.0.0'; const a = h === '0.0.0.0' ? '127.0.0.1' : h === '::' ? '::1' : h; fetch('http://' + (a.includes(':') ? '[' + a + ']' : a) + ':' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# No Node flags: the engine runs on a thread whose JS stack heaplab sizes itself
# (src/threads/engine-thread.ts), deep enough for Python nested in builtins to reach 1,000.
CMD ["node", "dist/src/main.js"]
