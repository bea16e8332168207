package dev.sluice.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import dev.sluice.audit.AuditLogView;
import dev.sluice.export.ExportsView;
import dev.sluice.project.AdminView;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.ProjectRole;
import dev.sluice.security.ApiKeysView;
import dev.sluice.project.ProjectService.ProjectAccess;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The frame around every signed-in view: the Sluice header with the project switcher and the
 * signed-in user, and the navigation drawer.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final CurrentProject currentProject;
    private final AuthenticationContext authentication;
    private final SideNavItem admin = new SideNavItem("Admin", AdminView.class, VaadinIcon.USERS.create());
    private final SideNavItem audit = new SideNavItem("Audit log", AuditLogView.class, VaadinIcon.RECORDS.create());
    private final SideNavItem apiKeys = new SideNavItem("API keys", ApiKeysView.class, VaadinIcon.KEY.create());

    MainLayout(CurrentProject currentProject, AuthenticationContext authentication) {
        this.currentProject = currentProject;
        this.authentication = authentication;
        addClassName("main-layout");
        setPrimarySection(Section.NAVBAR);
        addToNavbar(new DrawerToggle(), brand(), projectSwitcher(), spacer(), signedInUser());
        addToDrawer(navigation());
    }

    private static Component brand() {
        Span mark = new Span(VaadinIcon.DROP.create());
        mark.addClassName("brand-mark");
        Span name = new Span("Sluice");
        name.addClassName("brand-name");
        Div brand = new Div(mark, name);
        brand.addClassName("brand");
        return brand;
    }

    private Component projectSwitcher() {
        Select<ProjectAccess> switcher = new Select<>();
        switcher.addClassName("project-switcher");
        switcher.setAriaLabel("Project");
        switcher.setPrefixComponent(VaadinIcon.FOLDER_O.create());
        switcher.setItemLabelGenerator(access -> access.project().getName());
        List<ProjectAccess> choices = currentProject.choices();
        switcher.setItems(choices).setIdentifierProvider(access -> access.project().getId());
        currentProject.get().flatMap(current -> choices.stream()
                .filter(access -> access.project().getId().equals(current.project().getId())).findFirst())
                .ifPresent(switcher::setValue);
        switcher.setVisible(!choices.isEmpty());
        switcher.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                currentProject.select(event.getValue().project().getId());
                UI.getCurrent().refreshCurrentRoute(false);
            }
        });
        return switcher;
    }

    private static Component spacer() {
        Div spacer = new Div();
        spacer.addClassName("navbar-spacer");
        return spacer;
    }

    private Component signedInUser() {
        String email = authentication.getPrincipalName().orElse("");
        Avatar avatar = new Avatar(email);
        avatar.addThemeVariants(AvatarVariant.LUMO_SMALL);
        Span address = new Span(email);
        address.addClassName("user-email");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClassName("logout");
        Div user = new Div(avatar, address, logout);
        user.addClassName("signed-in-user");
        return user;
    }

    private Component navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        nav.addItem(new SideNavItem("Exports", ExportsView.class, VaadinIcon.UPLOAD_ALT.create()), admin, audit, apiKeys);
        showItemsForRole();
        return nav;
    }

    /** ADMINs of the current project see Admin (which holds their keys) and the audit log; others see their API keys. */
    private void showItemsForRole() {
        boolean projectAdmin = currentProject.get().map(access -> access.role() == ProjectRole.ADMIN).orElse(false);
        admin.setVisible(projectAdmin);
        audit.setVisible(projectAdmin);
        apiKeys.setVisible(!projectAdmin);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        showItemsForRole();
    }
}
