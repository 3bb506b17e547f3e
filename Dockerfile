# One image for the three apps; APP picks which one runs (docker-compose sets it). The build
# also makes the web app (dist/web), which management serves.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace package's manifest: npm ci links it and installs its dependencies.
COPY packages/events/package.json packages/events/package.json
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY packages packages
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
ARG APP=management
ENV APP=${APP}
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
