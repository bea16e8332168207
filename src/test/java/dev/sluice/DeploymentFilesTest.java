package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} and {@code Dockerfile} cannot run here (no Docker), so their structure
 * is checked against the application: the services the production stack needs, and every
 * environment variable given to Sluice's containers is one the application reads.
 */
class DeploymentFilesTest {

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parseComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Object>) compose.get("services");
        }
    }

    @Test
    void theComposeFileDefinesTheProductionStack() {
        assertThat(services).containsKeys("postgres", "temporal", "temporal-ui", "clickhouse", "minio", "web", "worker");
        assertThat((String) service("temporal").get("image")).startsWith("temporalio/auto-setup:");
        assertThat(environment("temporal")).containsEntry("DB", "postgres12").containsEntry("POSTGRES_SEEDS", "postgres");
        assertThat(environment("temporal-ui").get("TEMPORAL_ADDRESS")).isEqualTo("temporal:" + containerPort("temporal", 0));
    }

    @Test
    void webAndWorkerHaveOneRoleEachAndTheWorkerCanBeScaled() {
        assertThat(environment("web")).containsEntry("SLUICE_ROLES", "web");
        assertThat(environment("worker")).containsEntry("SLUICE_ROLES", "worker");
        assertThat(service("worker")).doesNotContainKeys("ports", "container_name");
        assertThat(containerPort("web", 0)).isEqualTo(environment("web").get("PORT"));
    }

    @Test
    void sluiceReachesThePostgresAndTemporalServicesOfTheStack() {
        for (String app : List.of("web", "worker")) {
            Map<String, String> env = environment(app);
            Matcher jdbc = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(env.get("SPRING_DATASOURCE_URL"));
            assertThat(jdbc.matches()).isTrue();
            assertThat(services).containsKey(jdbc.group(1));
            assertThat(jdbc.group(3)).isEqualTo(environment(jdbc.group(1)).get("POSTGRES_DB"));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(environment(jdbc.group(1)).get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(environment(jdbc.group(1)).get("POSTGRES_PASSWORD"));
            assertThat(env.get("TEMPORAL_TARGET")).isEqualTo("temporal:" + containerPort("temporal", 0));
            assertThat(service(app).get("volumes")).asList().contains("sluice-data:" + env.get("SLUICE_DATA_DIR"));
        }
    }

    @Test
    void everyVariableGivenToSluiceIsOneTheApplicationReads() throws IOException {
        Set<String> known = readSettings();
        for (String app : List.of("web", "worker")) {
            assertThat(environment(app).keySet()).as("environment of " + app).allSatisfy(name -> assertThat(known).contains(name));
        }
    }

    @Test
    void theDockerfileBuildsInOneStageAndRunsAJre17AsANonRootUser() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSizeGreaterThanOrEqualTo(2);
        assertThat(from.get(from.size() - 1)).contains("17-jre");
        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isNotIn("USER root", "USER 0");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ENTRYPOINT").contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
        assertThat(String.join("\n", lines)).contains("EXPOSE " + environment("web").get("PORT"));
    }

    /**
     * Environment variable names of what the application reads: every property in the configuration
     * metadata on the classpath (Spring Boot, the Temporal starter), every component of Sluice's
     * {@code @ConfigurationProperties} records, and the names its own sources and application.yml
     * look up verbatim (as {@code TEMPORAL_TARGET} or {@code ${PORT:8080}}).
     */
    private static Set<String> readSettings() throws IOException {
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(DeploymentFilesTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    names.addAll(envNames(property.get("name").asText()));
                }
            }
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.sluice")) {
            Class<?> type = load(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    names.addAll(envNames(prefix + "." + kebab(component.getName())));
                }
            }
        }
        List<Path> sources = new ArrayList<>(List.of(Path.of("src/main/resources/application.yml")));
        try (Stream<Path> java = Files.walk(Path.of("src/main/java"))) {
            java.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
        Pattern verbatim = Pattern.compile("[\"{]([A-Z][A-Z0-9_]+)[\":}]");
        Pattern property = Pattern.compile("(?:\\$\\{|\")((?:sluice|spring|server|management|logging)\\.[a-z0-9.-]+)[\":}]");
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher m = verbatim.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            Matcher p = property.matcher(text);
            while (p.find()) {
                names.addAll(envNames(p.group(1)));
            }
        }
        try (Reader yml = Files.newBufferedReader(Path.of("src/main/resources/application.yml"))) {
            addKeys("", new Yaml().load(yml), names);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void addKeys(String prefix, Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> addKeys(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, names));
        } else {
            names.addAll(envNames(prefix));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Spring Boot's environment variable for a property, and its legacy form with dashes as underscores. */
    private static List<String> envNames(String property) {
        String plain = property.replaceAll("\\[.*?]", "").replace('.', '_').toUpperCase(Locale.ROOT);
        return List.of(plain.replace("-", ""), plain.replace('-', '_'));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) service(service).getOrDefault("environment", Map.of())).forEach((k, v) -> {
            if (!k.equals("<<")) {
                env.put(k, String.valueOf(v));
            }
        });
        Object merged = ((Map<String, Object>) service(service).getOrDefault("environment", Map.of())).get("<<");
        if (merged instanceof Map<?, ?> anchor) {
            anchor.forEach((k, v) -> env.putIfAbsent((String) k, String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static String containerPort(String service, int index) {
        Object mapping = ((List<Object>) service(service).get("ports")).get(index);
        String[] parts = String.valueOf(mapping).split(":");
        return parts[parts.length - 1];
    }
}
