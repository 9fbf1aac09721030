# One image for every Node service; the printing services use apps/printing/Dockerfile (Chromium).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
# The service to run is chosen by the command, e.g. `node dist/apps/identity/src/main.js`.
CMD ["node", "dist/apps/gateway/src/main.js"]
