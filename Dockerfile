# The lotgraph API, for `docker compose up` (Neo4j runs in its own container there).
# Two stages: the first compiles TypeScript and builds the pages with the dev dependencies; the second holds only the
# production dependencies and the compiled output, and runs it as the unprivileged `node` user.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs ./scripts/
COPY src ./src
COPY web ./web
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# What the compiled code reads at run time: the GraphQL schema and the Cypher statements.
COPY schema ./schema
COPY cypher ./cypher
COPY --from=build /app/dist ./dist
# The pages, built by esbuild in the first stage (web/dist: HTML and hashed assets).
COPY --from=build /app/web/dist ./web/dist
# The admin key file lives in .lotgraph (the api-state volume), written by the service itself.
RUN mkdir -p .lotgraph && chown node:node .lotgraph
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
