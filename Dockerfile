# syntax=docker/dockerfile:1
# tinnhiem: build the fat jar with Maven, run it on a JRE 17 as an unprivileged user.
#   docker build -t tinnhiem .
#   docker compose up -d          (with Redis; see compose.yaml and the README, "Docker")

# ---- build stage: Maven and a full JDK, thrown away after the build ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a change to the sources does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
RUN mvn -B -q package -DskipTests

# ---- runtime stage: only a JRE and the jar ----
FROM eclipse-temurin:17-jre
# A system user with no shell and no home to write to; the jar and config are read-only to it.
RUN groupadd --system --gid 10001 tinnhiem \
 && useradd --system --uid 10001 --gid tinnhiem --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin tinnhiem
WORKDIR /app
COPY --from=build /src/target/tinnhiem.jar /app/tinnhiem.jar
# The vote files are mounted at /app/config (compose.yaml mounts ./votes read-only). No example
# vote is copied here: the bot runs every vote in that folder, and an example beside the
# operator's vote would start a second vote.
USER 10001:10001
# Health: `run --ops-port 9090` serves GET /health on 127.0.0.1:9090 inside the container (200
# while Redis answers and updates arrive, 503 naming the failing part otherwise; see the README,
# "Health, metrics and logs"). The JRE image has no curl: bash's /dev/tcp makes the request. A
# command that replaces CMD must keep `--ops-port 9090` for this check to pass.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9090 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Secrets (TELEGRAM_BOT_TOKEN, REDIS_URL) come from the environment at run time, never from
# the image.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/tinnhiem.jar"]
CMD ["run", "--config", "/app/config", "--ops-port", "9090"]
