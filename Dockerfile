# The lotgraph API, for `docker compose up` (Neo4j runs in its own container there).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY schema ./schema
COPY cypher ./cypher
COPY src ./src
COPY tsconfig.json ./
ENV HOST=0.0.0.0 PORT=4000 NODE_ENV=production
EXPOSE 4000
CMD ["npx", "tsx", "src/main.ts"]
