# heaplab: multi-stage build. The final image holds the compiled service and production
# dependencies only, runs as the unprivileged `node` user, and honours PORT and HOST.
#   docker build -t heaplab .
#   docker run --rm -p 8080:8080 heaplab

# ---- build: compile TypeScript (src, routes, sandbox) to dist/
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY sandbox ./sandbox
RUN npm run build

# ---- deps: production dependencies only
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json openapi.yaml ./
# The shipped exercises (POST /v1/grade by id) and the `heaplab grade` command (runs dist/).
COPY --chown=root:root exercises ./exercises
COPY --chown=root:root bin ./bin
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# A deeper JS stack lets the tree-walking interpreter reach CPython's recursion limit (1000
# Python frames); 3900 KiB stays well inside Linux's 8 MiB main-thread stack.
CMD ["node", "--stack-size=3900", "dist/src/main.js"]
