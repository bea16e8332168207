package dev.sluice.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * Sign-in with email and password. The form posts to Spring Security's {@code /login}; a failed
 * attempt comes back as {@code /login?error} and shows the error.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Sluice")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final AuthenticationContext authentication;

    LoginView(AuthenticationContext authentication) {
        this.authentication = authentication;
        addClassName("login-view");

        Span mark = new Span(VaadinIcon.DROP.create());
        mark.addClassName("brand-mark");
        Span name = new Span("Sluice");
        name.addClassName("brand-name");
        Div brand = new Div(mark, name);
        brand.addClassName("brand");
        Paragraph tagline = new Paragraph("Batch exports of your product events, every interval exactly once.");
        tagline.addClassName("login-tagline");

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(texts());

        Div card = new Div(brand, tagline, form);
        card.addClassName("login-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    private static LoginI18n texts() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Log in");
        i18n.getForm().setUsername("Email");
        i18n.getForm().setSubmit("Log in");
        i18n.getErrorMessage().setTitle("Wrong email or password");
        i18n.getErrorMessage().setMessage("Check both and try again.");
        return i18n;
    }
}
