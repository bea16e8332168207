package dev.sluice.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.SpringInstantiator;
import dev.sluice.common.Ids;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Karibu's mocked Vaadin (no browser, no servlet container) whose views and layouts are created by
 * the application's Spring context, so they get the real services, database and session scope.
 */
public final class SpringMockVaadin {

    private SpringMockVaadin() {
    }

    /** The password of every user {@link #newUser} creates. */
    public static final String PASSWORD = "a-long-password";

    /** A signed-in user and the project they were given a role in. */
    public record Member(AppUser user, Project project) {
    }

    /** A new user in no project yet, with a unique email and the password {@value #PASSWORD}. */
    public static AppUser newUser(ApplicationContext context) {
        return context.getBean(UserService.class).create("ui-" + Ids.token("", 8).toLowerCase() + "@sluice.test", PASSWORD, false);
    }

    /**
     * A new user with {@code role} in a new project, signed in to a mocked UI. An ADMIN creates the
     * project; for other roles another new user creates it and adds them.
     */
    public static Member signedInMember(ApplicationContext context, String projectName, ProjectRole role) {
        ProjectService projects = context.getBean(ProjectService.class);
        AppUser user = newUser(context);
        Project project;
        if (role == ProjectRole.ADMIN) {
            project = projects.create(projectName, user.getId());
        } else {
            project = projects.create(projectName, newUser(context).getId());
            projects.setMember(project.getId(), user.getId(), role);
        }
        signedInAs(context, user.getEmail());
        return new Member(user, project);
    }

    /** A mocked UI signed in as {@code email}, a user of the users table. */
    public static void signedInAs(ApplicationContext context, String email) {
        UserDetails user = context.getBean(UserDetailsService.class).loadUserByUsername(email);
        SecurityContext security = SecurityContextHolder.createEmptyContext();
        security.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(security);
        MockVaadin.setup(MockedUI::new, new SpringServlet(new Routes().autoDiscoverViews("dev.sluice"), context));
        VaadinSession.getCurrent().getSession()
                .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, security);
    }

    /** A mocked UI of a visitor who has not signed in. */
    public static void anonymous(ApplicationContext context) {
        SecurityContextHolder.clearContext();
        MockVaadin.setup(MockedUI::new, new SpringServlet(new Routes().autoDiscoverViews("dev.sluice"), context));
    }

    public static void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    private static final class SpringServlet extends MockVaadinServlet {

        private final transient ApplicationContext context;

        SpringServlet(Routes routes, ApplicationContext context) {
            super(routes, MockedUI::new);
            this.context = context;
        }

        @Override
        protected VaadinServletService createServletService(DeploymentConfiguration configuration) throws ServiceException {
            MockService service = new MockService(this, configuration, getUiFactory()) {
                private Instantiator instantiator;

                @Override
                public Instantiator getInstantiator() {
                    if (instantiator == null) {
                        instantiator = new SpringInstantiator(this, context);
                    }
                    return instantiator;
                }
            };
            service.init();
            getRoutes().register(service.getContext());
            return service;
        }
    }
}
