# Questlog production image, deployed to Fly.io (docs/deployment.md).
#
#   deps    → npm ci; its postinstall generates the Prisma client (offline)
#   build   → remix vite:build, then drop the dev dependencies
#   runtime → only what the server, the release command and the db:* scripts need
#
# The server and the scripts are TypeScript run through tsx (a runtime dependency),
# so app/, server/, scripts/ and tsconfig.json (for the ~/ import alias) ship as source.

FROM node:20-bookworm-slim AS base
WORKDIR /app

# ---------------------------------------------------------------------------
FROM base AS deps
# npm ci runs the postinstall (`node scripts/prisma-generate.mjs` → `prisma generate`),
# which needs the schema folder and prisma.config.ts (it points Prisma at the
# multi-file prisma/schema/; without it generate finds no schema). Generating needs
# no engine download. NODE_ENV is not production here, so the dev dependencies are
# installed (prisma and the Remix/Vite toolchain are needed to generate and build).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema ./prisma/schema
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM deps AS build
# .dockerignore keeps node_modules and app/generated out of the context, so this
# COPY cannot overwrite what the deps stage installed and generated.
COPY . .
RUN npm run build
# After the build, not before: the build needs the dev dependencies. Nothing has to
# run again, hence --ignore-scripts (the client in app/generated is already there).
# tsx stays (a dependency); so does the prisma CLI, as a peer of @prisma/client.
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

# The embedded replica syncs with Turso through libsql's native (Rust, rustls) client,
# which trusts only the operating system's CA store. node:*-slim ships an empty one,
# and Node's own bundled CAs are not used by that client: without this package
# every replica sync to a libsql:// primary fails with "invalid peer certificate:
# UnknownIssuer" (Node's own fetch, used for writes and migrations, would still work).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
# app/ includes app/generated/prisma, the generated Prisma client the server imports.
COPY --from=build /app/app ./app
COPY --from=build /app/server ./server
COPY --from=build /app/scripts ./scripts
# prisma/migrations is read by the release command (npm run db:migrate) and db:status.
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/content ./content
COPY --from=build /app/package.json /app/prisma.config.ts /app/tsconfig.json ./

# /data is where the Fly volume is mounted (the replica file lives there).
RUN mkdir -p /data && chown node:node /data

EXPOSE 3000

# Runs as the unprivileged `node` user. The image starts as root only for this step:
# a freshly created Fly volume is mounted at /data owned by root, and a chown in
# the image cannot reach it (the mount hides the image's /data). So: hand /data to
# node, then exec the command as node (setpriv is in util-linux, part of the base
# image). No extra process stays around; the command receives Fly's SIGTERM itself.
# Fly's release_command replaces CMD but keeps this ENTRYPOINT.
ENTRYPOINT ["/bin/sh", "-c", "if [ \"$(id -u)\" = 0 ]; then chown -R node:node /data; export HOME=/home/node; exec setpriv --reuid=node --regid=node --init-groups -- \"$@\"; fi; exec \"$@\"", "questlog-entrypoint"]

# What `npm start` runs (NODE_ENV=production tsx server/index.ts), but without npm
# and sh in between: npm forwards SIGTERM to `sh -c`, sh dies and the server never
# sees the signal, so it could not close connections and the database on shutdown.
# With node as the process, SIGTERM reaches server/index.ts's handler.
CMD ["node", "--import", "tsx", "server/index.ts"]
