package dev.sluice.ui;

import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillRepository;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunStatus;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * What a view test sets up through the application's own services: users, projects with members,
 * exports and their runs and backfills, and a Karibu UI signed in as one of the users.
 */
public final class UiFixtures {

    private final ApplicationContext context;

    public UiFixtures(ApplicationContext context) {
        this.context = context;
    }

    /** A new user with a unique address starting with {@code kind}. */
    public AppUser newUser(String kind) {
        return context.getBean(UserService.class).create(kind + "-" + Ids.token("", 8).toLowerCase() + "@sluice.test", "a-long-password", false);
    }

    /** A new project whose ADMIN is the owner. */
    public Project project(String name, AppUser owner) {
        return context.getBean(ProjectService.class).create(name, owner.getId());
    }

    /** A new user with the role in the project. */
    public AppUser member(Project project, ProjectRole role) {
        AppUser user = newUser(role.name().toLowerCase());
        context.getBean(ProjectService.class).setMember(project.getId(), user.getId(), role);
        return user;
    }

    /** An hourly Files export in UTC. */
    public BatchExport hourlyFilesExport(Project project, String name, boolean paused) {
        return context.getBean(ExportService.class).create(project.getId(), new ExportDraft(name, "Files",
                Map.of("path", "ui-" + Ids.token("", 6)), "hour", null, "UTC", null, null, null, paused, null, null));
    }

    /** A run of the hour ending at {@code end}: finished with the status and error, or still starting when the status is null. */
    public BatchExportRun run(BatchExport export, Instant end, RunStatus finalStatus, String error) {
        BatchExportRun run = new BatchExportRun(Ids.newId(), export.getId(), null,
                new DataInterval(end.minus(1, ChronoUnit.HOURS), end), "ui-" + export.getId() + "-" + end, end);
        if (finalStatus != null) {
            run.finish(finalStatus, 0, 0, error, end.plusSeconds(5));
        }
        return context.getBean(BatchExportRunRepository.class).save(run);
    }

    /** A backfill of the day before {@code end} that has not started its runs yet. */
    public Backfill startingBackfill(BatchExport export, Instant end) {
        return context.getBean(BackfillRepository.class).save(new Backfill(Ids.newId(), export.getId(), end.minus(1, ChronoUnit.DAYS), end, 24, end));
    }

    /** A mocked UI signed in as the user; end it with {@link SpringMockVaadin#tearDown()}. */
    public void signIn(AppUser user) {
        SpringMockVaadin.signedInAs(context, user.getEmail());
    }
}
