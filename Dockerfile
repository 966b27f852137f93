# vpn-ledger: the server (`vpn-ledger serve`) and every other subcommand, on the official Node image.
#   docker build -t vpn-ledger .
#   docker run --rm vpn-ledger --help
# Runs as the image's unprivileged `node` user; /data (tokens, a SQLite ledger) and /views (the
# views file of an EventStoreDB deployment) are its writable directories.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 has prebuilt binaries for this platform; a compiler is not needed.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY catalog ./catalog
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    VPN_LEDGER_HOST=0.0.0.0 \
    VPN_LEDGER_PORT=8080 \
    VPN_LEDGER_TOKENS=/data/tokens.json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY catalog ./catalog
COPY examples ./examples
RUN mkdir -p /data /views && chown node:node /data /views
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.VPN_LEDGER_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
