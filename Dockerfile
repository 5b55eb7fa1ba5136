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
# The vote files are mounted here (compose.yaml mounts ./config read-only).
COPY config/example-vote.json /app/config/example-vote.json
USER 10001:10001
# No HEALTHCHECK: in long-polling mode the bot listens on no port, and a process check adds
# nothing to the container's own liveness; Redis has its own health check in compose.yaml.
# Secrets (TELEGRAM_BOT_TOKEN, REDIS_URL) come from the environment at run time, never from
# the image.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/tinnhiem.jar"]
CMD ["run", "--config", "/app/config"]
