# Sluice: build with the Maven wrapper, run on a JRE 17 as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY db db
COPY frontend frontend
COPY src/main src/main
RUN ./mvnw -B -q -Pproduction -DskipTests package && cp target/production/sluice-*.jar /build/sluice.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system sluice \
    && useradd --system --gid sluice --home-dir /var/lib/sluice --shell /usr/sbin/nologin sluice \
    && mkdir -p /var/lib/sluice /opt/sluice \
    && chown sluice:sluice /var/lib/sluice
COPY --from=build /build/sluice.jar /opt/sluice/sluice.jar
USER sluice
WORKDIR /var/lib/sluice
ENV SLUICE_DATA_DIR=/var/lib/sluice \
    PORT=8080
EXPOSE 8080
# Arrow reads java.nio internals; MaxRAMPercentage sizes the heap from the container's memory limit.
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-jar", "/opt/sluice/sluice.jar"]
